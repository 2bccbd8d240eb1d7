"""My work: the secret address of a user's calendar subscription.

The address holds a random token; only its SHA-256 digest is stored, so a copy of the
database gives no working address. Renewing replaces the digest, and the old address is gone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_digest = models.CharField(_("nøglens fingeraftryk"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now=True)

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self) -> str:
        return str(self.user)
