from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a message is about; each user chooses per kind how it reaches them."""

    CASELOAD = "caseload", _("Overdragelser og stedfortrædere")
    DEADLINES = "deadlines", _("Frister, flag og opgaver")
    MEETINGS = "meetings", _("Statusmøder")
    GENERAL = "general", _("Andre beskeder")


class Delivery(models.TextChoices):
    """How a kind of message reaches the user besides the inbox."""

    IMMEDIATE = "immediate", _("E-mail med det samme")
    DIGEST = "digest", _("Én samlet e-mail om dagen")
    INBOX = "inbox", _("Kun i indbakken")


class Notification(models.Model):
    """A message in a user's in-app inbox (also sent by e-mail when the user has an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modtager"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.GENERAL
    )
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    digest_pending = models.BooleanField(
        _("venter på den daglige e-mail"),
        default=False,
        help_text=_("Sat når modtageren vil have en daglig samlet e-mail for denne type."),
    )

    class Meta:
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(digest_pending=True),
                name="notif_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """A user's choice for one kind; without a row a kind is e-mailed at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("type"), max_length=20, choices=NotificationKind.choices)
    delivery = models.CharField(
        _("levering"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notifikationsvalg")
        verbose_name_plural = _("notifikationsvalg")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"
