"""models: the enrolment's life from the case page. Each event (completion, transfer to another
institution, a moved planned end, the end of the clarification phase, an education started
elsewhere) is one row: the decision with its date, reasons and who made it, kept for history."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date


class LifecycleEventKind(models.TextChoices):
    COMPLETED = "completed", _("STU gennemført")
    TRANSFER = "transfer", _("Skift til en anden institution")
    PLANNED_END_MOVED = "planned_end_moved", _("Planlagt slutdato flyttet")
    CLARIFICATION_ENDED = "clarification_ended", _("Afklaringsforløbet afsluttet")
    EDUCATION_ELSEWHERE = "education_elsewhere", _("Startet på en anden uddannelse")


class LifecycleEventStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    DONE = "done", _("Gennemført")
    CANCELLED = "cancelled", _("Bortfaldet")


@pghistory.track()
class LifecycleEvent(models.Model):
    """One event in an enrolment's life. A transfer dated in the future is ``planned`` until
    its day, when the daily job carries it out (``enrolment_transfers_carry_out``)."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="lifecycle_events",
    )
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="lifecycle_events",
    )
    kind = models.CharField(_("hændelse"), max_length=30, choices=LifecycleEventKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LifecycleEventStatus.choices,
        default=LifecycleEventStatus.DONE,
    )
    event_date = models.DateField(_("dato"))
    reason = models.TextField(_("begrundelse"), blank=True)
    previous_date = models.DateField(_("tidligere dato"), null=True, blank=True)
    new_date = models.DateField(_("ny dato"), null=True, blank=True)
    to_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("ny institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    new_enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("nyt STU-forløb"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    education = models.CharField(_("uddannelse"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registreret"), auto_now_add=True)
    carried_out_at = models.DateTimeField(_("gennemført"), null=True, blank=True)

    class Meta:
        verbose_name = _("hændelse i STU-forløbet")
        verbose_name_plural = _("hændelser i STU-forløbet")
        ordering = ["-event_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(kind="transfer", status="planned"),
                name="one_planned_transfer_per_enrolment",
                violation_error_message=_("Der er allerede planlagt et institutionsskift."),
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(kind="clarification_ended"),
                name="one_clarification_end_per_enrolment",
                violation_error_message=_("Afklaringsforløbet er allerede afsluttet."),
            ),
        ]
        indexes = [models.Index(fields=["status", "event_date"], name="lifecycleevent_status_date")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {short_date(self.event_date)}"
