"""A login lasts at most 8 hours, however busy the caseworker is.

The 30-minute idle timeout (a session cookie renewed on every request) would otherwise let a
session live for ever as long as someone, or something, keeps using it; the absolute limit
counts from the login and is not renewed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stu_case.middleware import LOGGED_IN_AT
from tests import factories

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MONDAY_MORNING = datetime(2027, 3, 1, 7, 30, tzinfo=COPENHAGEN)
LOGGED_OUT = "Du er blevet logget ud, fordi"


@pytest.fixture
def caseworker(db):
    return factories.UserFactory(username="sagsbehandler", roles=["uu"])


def log_in(client: Client, user) -> str:
    """Log in through the login form; the session key it gets."""
    response = client.post(
        reverse("login"), {"username": user.username, "password": factories.DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, "the login failed"
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_limit_is_8_hours():
    assert settings.STU_SESSION_ABSOLUTE_SECONDS == 8 * 3600


def busy_until_the_last_minute(client: Client, clock) -> None:
    """A request every 20 minutes for 7 h 40 min, then 20 minutes more: 8 hours since the
    login and never idle for 30 minutes, so only the absolute limit can end the session."""
    for step in range(1, 24):
        clock.shift(timedelta(minutes=20))
        response = client.get(reverse("notifications:inbox"))
        assert response.status_code == 200, f"logged out after {step * 20} minutes"
    clock.shift(timedelta(minutes=20))


def test_activity_every_20_minutes_does_not_keep_a_session_past_8_hours(caseworker):
    inbox = reverse("notifications:inbox")
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        first_key = log_in(client, caseworker)
        busy_until_the_last_minute(client, clock)
        response = client.get(inbox, follow=True)
        assert response.redirect_chain[0] == (f"{reverse('login')}?next={inbox}", 302)
        assert LOGGED_OUT in response.content.decode()
        assert not response.wsgi_request.user.is_authenticated
        # Logged out for good, not only for that one request.
        assert client.get(inbox).status_code == 302

        # A new login is a new session, with a key of its own and a new 8 hours.
        second_key = log_in(client, caseworker)
        assert second_key != first_key
        clock.shift(timedelta(minutes=20))
        assert client.get(inbox).status_code == 200


def test_a_copied_session_cookie_kept_busy_dies_after_8_hours_too(caseworker):
    """Someone who copied the cookie cannot keep the session alive with their own requests."""
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        key = log_in(Client(), caseworker)
        copy = Client()
        copy.cookies[settings.SESSION_COOKIE_NAME] = key
        busy_until_the_last_minute(copy, clock)
        response = copy.get(reverse("students:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        # The key itself is gone: presenting it again gets nobody logged in.
        stale = Client()
        stale.cookies[settings.SESSION_COOKIE_NAME] = key
        assert stale.get(reverse("notifications:inbox")).status_code == 302


def test_an_htmx_request_after_the_limit_sends_the_whole_page_to_the_login(caseworker):
    """htmx would swap the login page into a corner of the page; HX-Redirect reloads it."""
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        log_in(client, caseworker)
        busy_until_the_last_minute(client, clock)
        response = client.get(reverse("students:list"), headers={"HX-Request": "true"})
        assert response["HX-Redirect"] == reverse("login")
        assert LOGGED_OUT in client.get(reverse("login")).content.decode()


def test_a_session_without_a_login_time_is_ended(caseworker):
    """A session from before the limit existed (no login time): it cannot prove its age."""
    client = Client()
    log_in(client, caseworker)
    session = client.session
    del session[LOGGED_IN_AT]
    session.save()
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_says_when_a_session_ends(db):
    body = Client().get(reverse("login")).content.decode()
    assert "30 minutter uden aktivitet" in body
    assert "8 timer" in body


# ---------------------------------------------------------------- the idle timeout
def _expiry(key: str):
    return Session.objects.get(session_key=key).expire_date


def test_requests_within_a_minute_do_not_rewrite_the_session(caseworker):
    """A page view does not pay for a session write: the expiry is renewed once a minute."""
    inbox = reverse("notifications:inbox")
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        key = log_in(client, caseworker)
        expiry = _expiry(key)
        clock.shift(timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(inbox)
        assert response.status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
        assert settings.SESSION_COOKIE_NAME not in response.cookies
        assert _expiry(key) == expiry
        clock.shift(timedelta(seconds=31))  # a minute and a second since the login
        assert client.get(inbox).status_code == 200
        assert _expiry(key) == expiry + timedelta(seconds=61)


def test_a_request_every_50_seconds_keeps_the_session_for_40_minutes(caseworker):
    inbox = reverse("notifications:inbox")
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        log_in(client, caseworker)
        for step in range(1, 49):
            clock.shift(timedelta(seconds=50))
            assert client.get(inbox).status_code == 200, f"logged out after {step * 50} s"


def test_30_idle_minutes_end_the_session(caseworker):
    """Idle for 30 minutes after a request that was not a renewal (it came within the minute)
    still ends the session: the stored expiry counts from the last renewal, at most a minute
    earlier."""
    inbox = reverse("notifications:inbox")
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        log_in(client, caseworker)
        clock.shift(timedelta(seconds=59))
        assert client.get(inbox).status_code == 200
        clock.shift(timedelta(minutes=29, seconds=2))  # 30 min 1 s after the renewal
        response = client.get(inbox)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_29_idle_minutes_after_a_renewal_keep_the_session(caseworker):
    inbox = reverse("notifications:inbox")
    with time_machine.travel(MONDAY_MORNING, tick=False) as clock:
        client = Client()
        log_in(client, caseworker)
        clock.shift(timedelta(minutes=5))
        assert client.get(inbox).status_code == 200  # renews: more than a minute since login
        clock.shift(timedelta(minutes=29))
        assert client.get(inbox).status_code == 200
