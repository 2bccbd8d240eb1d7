"""Authentication events are logged, without secrets (SECURITY.md, requirement 10)."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories

WRONG = "Forkert-Kodeord-91!"


@pytest.fixture
def auth_log(caplog):
    caplog.set_level(logging.INFO, logger="stu_case.auth")
    return caplog


def events(caplog) -> list[tuple[str, str, str]]:
    return [(r.event, r.account, r.ip) for r in caplog.records if r.name == "stu_case.auth"]


def formatted(caplog) -> str:
    """Every auth record as the configured handler writes it."""
    handler = logging.getLogger("stu_case.auth").handlers
    formatter = next(h.formatter for h in handler if not type(h).__module__.startswith("_pytest"))
    return "\n".join(formatter.format(r) for r in caplog.records if r.name == "stu_case.auth")


def test_login_failure_logout_and_lockout_are_logged(auth_log, db):
    user = factories.UserFactory(username="hanne", roles=["uu"])
    client = Client(REMOTE_ADDR="198.51.100.4")
    client.post(reverse("login"), {"username": "hanne", "password": WRONG})
    client.post(reverse("login"), {"username": "hanne", "password": factories.DEFAULT_PASSWORD})
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "hanne", "password": WRONG})
    logged = events(auth_log)
    assert logged[:3] == [
        ("login_failed", user.username, "198.51.100.4"),
        ("login", user.username, "198.51.100.4"),
        ("logout", user.username, "198.51.100.4"),
    ]
    assert ("lockout", user.username, "198.51.100.4") in logged


def test_no_password_reaches_the_log(auth_log, db):
    factories.UserFactory(username="hanne", roles=["uu"])
    client = Client()
    client.post(reverse("login"), {"username": "hanne", "password": WRONG})
    client.post(reverse("login"), {"username": "hanne", "password": factories.DEFAULT_PASSWORD})
    written = formatted(auth_log)
    assert "event=login_failed account=hanne" in written
    assert "event=login account=hanne" in written
    assert WRONG not in written
    assert factories.DEFAULT_PASSWORD not in written
    for record in auth_log.records:
        assert WRONG not in str(record.__dict__)
        assert factories.DEFAULT_PASSWORD not in str(record.__dict__)
