"""Security headers, no inline script, session expiry, login throttling, the health check."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stu_case.accounts.models import User
from tests import factories
from tests.url_matrix import ANONYMOUS, Cast, collect_entries

ENTRIES = collect_entries()

# A <script> element without a src attribute, an inline event handler, a javascript: URL, or
# a style attribute: each would be blocked by the strict CSP (or need 'unsafe-inline').
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']}: no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_csp(response) -> None:
    d = csp_directives(response)
    script_src = d.get("script-src", d.get("default-src"))
    assert script_src is not None
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in d.get("style-src", d.get("default-src", []))
    assert d.get("object-src") == ["'none'"]
    assert d.get("frame-ancestors") == ["'none'"]


def assert_no_inline_script(body: str, where: str) -> None:
    for pattern, what in (
        (INLINE_SCRIPT, "inline <script>"),
        (INLINE_HANDLER, "inline event handler"),
        (JAVASCRIPT_URL, "javascript: URL"),
        (STYLE_ATTRIBUTE, "style attribute"),
    ):
        found = pattern.findall(body)
        assert not found, f"{where}: {what}: {found[:3]}"


@pytest.fixture
def cast(request, db):
    return Cast(request)


# ---------------------------------------------------------------- CSP on every response
@pytest.mark.parametrize("entry", [pytest.param(e, id=e.id) for e in ENTRIES])
def test_every_url_answers_with_a_strict_csp(entry, cast, client_for):
    """Each URL in the matrix, as its first allowed cast member (or anonymously if public)."""
    role = entry.allowed[0] if entry.anonymous == "login" else ANONYMOUS
    user = cast.user(role)
    client = Client() if user is None else client_for(user)
    url = reverse(entry.name, kwargs=entry.kwargs(cast))
    data = entry.data(cast) if entry.data else {}
    response = client.post(url, data) if entry.method == "post" else client.get(url, data)
    assert_strict_csp(response)
    assert response.headers.get("X-Frame-Options") == "DENY"
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert_no_inline_script(response.content.decode(), f"{entry.id} as {role}")


def test_error_pages_have_the_csp_too(person, outsider, client_for):
    response = client_for(outsider).get(reverse("students:detail", args=[person.pk]))
    assert response.status_code == 404
    assert_strict_csp(response)
    assert_no_inline_script(response.content.decode(), "404")


def test_anonymous_redirect_has_the_csp():
    response = Client().get(reverse("students:list"))
    assert response.status_code == 302
    assert_strict_csp(response)


@pytest.mark.parametrize("page", ["detail", "list", "plan_form", "plan_form_errors", "login"])
def test_no_inline_script_on_the_main_pages(page, person, uu_user, client_for):
    """The pages with the most moving parts, including their error states."""
    client = client_for(uu_user)
    if page == "detail":
        factories.RelativeFactory(person=person)
        factories.FlagFactory(person=person)
        factories.PlanGoalFactory(plan=person.plan)
        response = client.get(reverse("students:detail", args=[person.pk]))
    elif page == "list":
        response = client.get(reverse("students:list"), {"q": "Mikkel"})
    elif page == "plan_form":
        response = client.get(reverse("students:plan_edit", args=[person.pk]))
    elif page == "plan_form_errors":
        response = client.post(reverse("students:plan_edit", args=[person.pk]), {})
    else:
        response = Client().post(reverse("login"), {"username": "uu", "password": "forkert"})
    assert response.status_code == 200
    body = response.content.decode()
    assert_no_inline_script(body, page)
    assert_strict_csp(response)
    # The scripts we do load are our own static files (no CDN).
    for src in re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", body):
        assert src.startswith(settings.STATIC_URL), src


# ---------------------------------------------------------------- sessions
def test_sessions_expire_after_30_idle_minutes():
    """The expiry is renewed at most once a minute (IdleSessionRefreshMiddleware), not by a
    session write on every request; the behaviour is in test_session_lifetime.py."""
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.STU_SESSION_REFRESH_SECONDS == 60
    assert "stu_case.middleware.IdleSessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_a_request_after_a_minute_renews_the_session(uu_user, client_for):
    client = client_for(uu_user)
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        response = client.get(reverse("notifications:inbox"))
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert cookie is not None, "the session is saved again, with a new expiry"


# ---------------------------------------------------------------- login throttling (axes)
def _login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account(db):
    user = factories.UserFactory(username="laase", roles=["uu"])
    client = Client()
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        response = _login(client, user.username, "forkert-kode")
        assert response.status_code == 200
        assert "Du blev ikke logget ind" in response.content.decode()
    # The fifth failure reaches the limit: the answer is already the lockout page.
    assert _login(client, user.username, "forkert-kode").status_code == 429
    # The sixth attempt, with the right password, is refused too.
    response = _login(client, user.username, factories.DEFAULT_PASSWORD)
    assert response.status_code == 429  # AXES_HTTP_RESPONSE_CODE
    body = response.content.decode()
    assert "For mange mislykkede login-forsøg" in body
    assert "_auth_user_id" not in client.session
    assert_strict_csp(response)


def test_a_forged_x_forwarded_for_neither_escapes_nor_moves_the_lockout(db):
    """The lockout counts the connection's address (REMOTE_ADDR), not a header the client
    writes: changing X-Forwarded-For on every try does not reset the count, and naming
    another address does not lock that address out."""
    user = factories.UserFactory(username="spoofer", roles=["uu"])
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = attacker.post(
            reverse("login"),
            {"username": user.username, "password": "forkert-kode"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 10.0.0.{attempt}",
        )
    assert response.status_code == 429
    # The victim's own address (the one the attacker named) still logs in.
    victim = Client(REMOTE_ADDR="198.51.100.1")
    assert _login(victim, user.username, factories.DEFAULT_PASSWORD).status_code == 302


def test_a_correct_login_before_the_limit_works_and_resets_the_count(db):
    user = factories.UserFactory(username="glemsom", roles=["uu"])
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "forkert-kode")
    response = _login(client, user.username, factories.DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post(reverse("logout"))
    # AXES_RESET_ON_SUCCESS: the earlier failures no longer count.
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "forkert-kode")
    assert _login(client, user.username, factories.DEFAULT_PASSWORD).status_code == 302


def test_the_lockout_is_per_user_and_address(db):
    locked = factories.UserFactory(username="laast", roles=["uu"])
    other = factories.UserFactory(username="kollega", roles=["uu"])
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, locked.username, "forkert-kode")
    assert _login(Client(), other.username, factories.DEFAULT_PASSWORD).status_code == 302
    assert User.objects.filter(username="laast").exists()


# ---------------------------------------------------------------- health
def test_health_answers_json_without_login(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] is True
    assert set(body) == {"status", "database", "redis"}
    assert_strict_csp(response)


def test_health_is_not_cached(db):
    response = Client().get(reverse("health"))
    assert "no-cache" in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("login_url", ["login", "admin:login"])
def test_an_over_long_username_is_an_ordinary_failed_login(login_url, admin_user):
    """Longer than any username, and than the column axes records attempts in."""
    user = admin_user
    client = Client()
    url = reverse(login_url)
    response = client.post(url, {"username": "x" * 300, "password": "forkert-kode"})
    assert response.status_code == 200
    if login_url == "login":
        assert "Du blev ikke logget ind" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The page still works: the right user logs in afterwards.
    response = client.post(url, {"username": user.username, "password": factories.DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_over_long_usernames_are_throttled_too(db):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "x" * 300, "forkert-kode").status_code == 200
    assert _login(client, "x" * 300, "forkert-kode").status_code == 429
