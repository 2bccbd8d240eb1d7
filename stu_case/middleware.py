"""Request id and change-history context for every request."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
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
