from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message in a user's in-app inbox (also sent by e-mail when the user has an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modtager"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_recipient_read")]

    def __str__(self) -> str:
        return self.title
