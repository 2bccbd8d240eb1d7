"""The username django-axes records and matches for a login attempt."""

from __future__ import annotations

from axes.conf import settings
from axes.models import AccessAttempt
from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The submitted username, cut to the length of axes' username column.

    Axes stores every failed attempt with the username as typed; a longer one than its column
    holds would make the login page fail instead of answering "wrong username or password".
    No account has a username that long (``User.username`` is shorter), so cutting it changes
    neither which account is throttled nor who can log in.
    """
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    if not isinstance(username, str):
        return username
    return username[: AccessAttempt._meta.get_field("username").max_length]
