"""One client address for the login throttle, the per-address limit and the access log
(``stu_case.client_ip``): X-Forwarded-For counts only as written by our own proxies."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from stu_case.audit.models import AccessLog
from stu_case.client_ip import client_ip
from tests import factories

PROXY = "10.0.0.5"


def ip_of(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@pytest.fixture
def behind_proxy(settings):
    settings.STU_TRUSTED_PROXIES = ["10.0.0.0/24"]
    return settings


def test_without_trusted_proxies_the_header_is_ignored():
    assert ip_of("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_behind_our_proxy_the_client_is_the_address_it_saw(behind_proxy):
    assert ip_of(PROXY, "198.51.100.7") == "198.51.100.7"


def test_a_client_cannot_prepend_an_address(behind_proxy):
    """The client writes the left part of the header: only what our proxy added counts."""
    assert ip_of(PROXY, "192.0.2.66, 198.51.100.7") == "198.51.100.7"


def test_a_chain_of_our_own_proxies_is_skipped(behind_proxy):
    assert ip_of(PROXY, "198.51.100.7, 10.0.0.9") == "198.51.100.7"


def test_a_direct_connection_is_not_believed_about_the_header(behind_proxy):
    assert ip_of("203.0.113.9", "10.0.0.7") == "203.0.113.9"


def test_garbage_in_the_header_stops_the_walk(behind_proxy):
    assert ip_of(PROXY, "198.51.100.7, <script>") == PROXY
    assert ip_of(PROXY, "") == PROXY


def test_the_access_log_records_the_client_behind_the_proxy(behind_proxy, enrolled_person, uu_user):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.7")
    client.force_login(uu_user)
    client.get(reverse("students:detail", args=[enrolled_person.pk]))
    assert AccessLog.objects.get(person=enrolled_person).ip == "198.51.100.7"


def test_the_lockout_follows_the_client_behind_the_proxy(behind_proxy, db):
    """Behind the proxy, one client's failures lock that client, not everyone at the proxy."""
    user = factories.UserFactory(username="bag-proxy", roles=["uu"])
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attacker.post(
            reverse("login"), {"username": user.username, "password": "forkert-kode"}
        )
    assert response.status_code == 429
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    response = colleague.post(
        reverse("login"), {"username": user.username, "password": factories.DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


# ---------------------------------------------------------------- password spraying
def test_an_address_spraying_passwords_is_refused(settings, db):
    settings.STU_LOGIN_FAILURES_PER_IP = 6
    sprayer = Client(REMOTE_ADDR="203.0.113.50")
    victims = [factories.UserFactory(username=f"offer{i}", roles=["uu"]) for i in range(4)]
    for victim in victims[:3]:  # 2 wrong passwords each: no single account is locked
        for _ in range(2):
            sprayer.post(reverse("login"), {"username": victim.username, "password": "Sommer2026"})
    # The seventh try, even with the right password for a fresh account, is refused.
    response = sprayer.post(
        reverse("login"),
        {"username": victims[3].username, "password": factories.DEFAULT_PASSWORD},
    )
    assert response.status_code == 200
    assert "for mange forkerte login-forsøg fra din netværksadresse" in response.content.decode()
    assert "_auth_user_id" not in sprayer.session
    # Another address logs in as usual.
    other = Client(REMOTE_ADDR="198.51.100.20")
    response = other.post(
        reverse("login"),
        {"username": victims[3].username, "password": factories.DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
