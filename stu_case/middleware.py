"""Request id and change-history context for every request; no response kept in a cache;
the absolute session limit."""

from __future__ import annotations

import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext
from pghistory.middleware import HistoryMiddleware

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdMiddleware:
    """Gives each request an id and echoes it in ``X-Request-ID``. An incoming ``X-Request-ID``
    is kept (when well-formed) only with ``TRUST_REQUEST_ID_HEADER``, i.e. behind a proxy that
    sets it; a client cannot choose the id the access log and the change history record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        trusted = settings.TRUST_REQUEST_ID_HEADER and _VALID_ID.match(incoming)
        request.request_id = incoming if trusted else uuid.uuid4().hex
        token = _request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every response the app renders.

    Pages, htmx partials and downloads show person data; a browser's disk cache (a shared
    municipal PC, the back button after logging out) or a proxy must not keep them. A view
    that sets its own Cache-Control keeps it (``never_cache`` already says no-store). Anonymous
    pages get the same: only the login page and the redirect to it, nothing worth caching.
    Static files never come here: WhiteNoise, earlier in ``MIDDLEWARE``, answers them itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


class HistoryContextMiddleware(HistoryMiddleware):
    """django-pghistory context: who changed what, from which request (incl. the admin)."""

    def get_context(self, request):
        context = super().get_context(request)
        context["request_id"] = getattr(request, "request_id", None)
        return context


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user has chosen another language with the language switch.

    Django's own middleware would follow the browser's Accept-Language, so a caseworker with
    an English browser would get English pages; here only the explicit choice (the language
    cookie set by ``set_language``) changes the language.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# ---------------------------------------------------------------- absolute session limit
LOGGED_IN_AT = "stu_logged_in_at"  # session key: when the user logged in (seconds since epoch)
REFRESHED_AT = "stu_refreshed_at"  # session key: when the stored expiry was last renewed


def record_login_time(*, request, **kwargs):
    """``user_logged_in``: the moment the absolute limit counts from (a login gets a new
    session key from ``login()``, so the limit starts with the session)."""
    request.session[LOGGED_IN_AT] = request.session[REFRESHED_AT] = time.time()


class IdleSessionRefreshMiddleware:
    """The 30-minute idle timeout without a session write on every request.

    The stored expiry (``SESSION_COOKIE_AGE`` after the last save) is renewed by a logged-in
    request only when ``STU_SESSION_REFRESH_SECONDS`` (a minute) have passed since the last
    renewal, so a session in use ends between 29 and 30 idle minutes after its last request,
    and a page view costs no session ``UPDATE``. Anonymous requests never create a session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            refreshed_at = request.session.get(REFRESHED_AT)
            stale = not isinstance(refreshed_at, int | float)
            if stale or now - refreshed_at >= settings.STU_SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT] = now  # modified: saved with a new expiry
        return self.get_response(request)


class AbsoluteSessionLimitMiddleware:
    """Logs the user out ``STU_SESSION_ABSOLUTE_SECONDS`` after the login, however active.

    The idle timeout is renewed by the requests, so a session in use (or a copied cookie
    someone keeps using) would otherwise never end. A session without a login time (made
    before this limit existed) cannot prove its age and is ended too. The user lands on the
    login page with a message; an htmx request gets ``HX-Redirect`` so the whole page goes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request.session):
            return self._log_out(request)
        return self.get_response(request)

    @staticmethod
    def _expired(session) -> bool:
        logged_in_at = session.get(LOGGED_IN_AT)
        if not isinstance(logged_in_at, int | float):
            return True
        return time.time() - logged_in_at >= settings.STU_SESSION_ABSOLUTE_SECONDS

    @staticmethod
    def _log_out(request):
        logout(request)  # flushes the session: the old key is worth nothing
        hours = settings.STU_SESSION_ABSOLUTE_SECONDS / 3600
        messages.info(
            request,
            gettext(
                "Du er blevet logget ud, fordi der er gået %(hours)s timer, siden du loggede "
                "ind. Log ind igen for at fortsætte."
            )
            % {"hours": f"{hours:g}"},
        )
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse()
            response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return response
        return redirect_to_login(request.get_full_path())
