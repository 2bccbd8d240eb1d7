"""Flags: what needs a contact person's attention, at most one open per person and kind."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from students.models.people import YoungPerson


class FlagKind(models.TextChoices):
    RISING_ABSENCE = "rising_absence", _("Stigende fravær")
    MISSING_ABSENCE_REPORT = "missing_absence_report", _("Manglende fraværsindberetning")
    PLAN_REVISION_DUE = "plan_revision_due", _("Planen skal revideres")
    FINAL_YEAR = "final_year", _("Sidste år af STU begynder")
    PAUSE_WITHOUT_ACTIVITY = "pause_without_activity", _("Pause uden planlagt aktivitet")
    PAUSE_RETURN_OVERDUE = "pause_return_overdue", _("Pausens slutdato er overskredet")
    HOUSING_MOVE_DUE = "housing_move_due", _("Boligskift ikke planlagt i tide")
    END_CONVERSATION_MISSING = "end_conversation_missing", _("Afslutningssamtale ikke planlagt")
    ACTION_OVERDUE = "action_overdue", _("Opgave fra statusmøde er overskredet")
    OTHER = "other", _("Andet")


class Severity(models.TextChoices):
    INFO = "info", _("Til orientering")
    WARNING = "warning", _("Kræver opmærksomhed")
    CRITICAL = "critical", _("Kritisk")


SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


@pghistory.track()
class Flag(models.Model):
    """Something the team must look at. At most one open flag per person and kind."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("type"), max_length=40, choices=FlagKind.choices)
    severity = models.CharField(
        _("alvor"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    details = models.TextField(_("detaljer"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    raised_at = models.DateTimeField(_("rejst"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kvitteret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledgement = models.TextField(_("hvad der gøres"), blank=True)
    resolved_at = models.DateTimeField(_("løst"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("løst af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("løsning"), blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flag")
        ordering = ["resolved_at", "-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_person_and_kind",
                violation_error_message=_("Der er allerede et åbent flag af denne type."),
            )
        ]
        indexes = [models.Index(fields=["person", "resolved_at"], name="flag_person_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
