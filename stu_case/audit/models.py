from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("Visning")
    SEARCH = "search", _("Søgning")
    PRINT = "print", _("Udskrift")
    EXPORT = "export", _("Eksport")
    REVEAL_CPR = "reveal_cpr", _("Visning af fuldt CPR-nummer")
    CPR_LOOKUP = "cpr_lookup", _("CPR-opslag")


class AccessLog(models.Model):
    """One read of person data (Datatilsynet's logging duty). Append-only by a database trigger."""

    at = models.DateTimeField(_("tidspunkt (UTC)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_constraint=False,
    )
    action = models.CharField(_("handling"), max_length=20, choices=AccessAction.choices)
    purpose = models.CharField(_("formål"), max_length=200)
    details = models.CharField(_("detaljer"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="accesslog_person_at")]
        triggers = [
            pgtrigger.Protect(
                name="append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.person_id}"
