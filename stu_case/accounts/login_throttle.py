"""Login throttling: the username django-axes records and matches for a login attempt, and the
per-address limit against password spraying."""

from __future__ import annotations

from axes.conf import settings
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.client_ip import client_ip


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


def failures_from(ip: str) -> int:
    """Failed logins from ``ip``, for any usernames, within the cool-off period."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing an address that has failed too many logins lately.

    axes locks a username at one address after a few failures; password spraying tries one
    password against many usernames, so an address is also refused after
    ``STU_LOGIN_FAILURES_PER_IP`` failures in all (high: a town hall's staff share one address).
    The password is not checked at all while refused."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "address_throttled": _(
            "Der er lavet for mange forkerte login-forsøg fra din netværksadresse. Prøv igen "
            "om 15 minutter, eller kontakt din it-afdeling."
        ),
    }

    def clean(self):
        ip = client_ip(self.request) if self.request is not None else None
        if ip and failures_from(ip) >= django_settings.STU_LOGIN_FAILURES_PER_IP:
            raise ValidationError(
                self.error_messages["address_throttled"], code="address_throttled"
            )
        return super().clean()
