"""Enrolments (STU-forløb): a young person at an institution, with its status and dates."""

from __future__ import annotations

from datetime import date, timedelta

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.calendar import add_years
from stu_case.formats import short_date
from students.models.people import YoungPerson

ENROLMENT_YEARS = 3


CLARIFICATION_MAX_WEEKS = 12


MIN_HOURS_PER_YEAR = 840


COMPLETION_LIMIT_YEARS = 5


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Aktivt")
    PAUSED = "paused", _("Pause/orlov")
    COMPLETED = "completed", _("Gennemført")
    DROPPED_OUT = "dropped_out", _("Afbrudt")
    TRANSFERRED = "transferred", _("Skiftet institution")
    LEFT_FOR_EDUCATION = "left_for_education", _("Overgået til anden uddannelse")


OPEN_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED)
"""An enrolment is open while it is active or paused. The one definition, behind
``Enrolment.objects.open()``, ``Enrolment.is_open`` and the one-open-enrolment constraint;
query with ``open()`` (raw SQL is the only other user)."""


class EnrolmentQuerySet(models.QuerySet):
    """``Enrolment.objects.open()``, ``person.enrolments.active()`` ...: the status filters."""

    def open(self):
        """Active or paused: the young person is in STU at this institution."""
        return self.filter(status__in=OPEN_ENROLMENT_STATUSES)

    def active(self):
        """Open and not paused."""
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def paused(self):
        return self.filter(status=EnrolmentStatus.PAUSED)

    def current(self):
        """The open enrolment (a constraint allows at most one per young person), or ``None``:
        ``person.enrolments.current()``; chain ``select_related``/``select_for_update`` first."""
        return self.open().first()


@pghistory.track()
class Enrolment(models.Model):
    """STU-forløb at one institution. 3 years planned, a clarification phase of up to 12 weeks."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.PROTECT, related_name="enrolments"
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    start_date = models.DateField(_("startdato"))
    stu_start_date = models.DateField(
        _("STU startede"),
        null=True,
        blank=True,
        help_text=_(
            "Efter et institutionsskift: den dag STU oprindeligt startede. Femårsfristen regnes "
            "derfra. Tom: forløbets egen startdato."
        ),
    )
    planned_end_date = models.DateField(_("planlagt slutdato"))
    clarification_end_date = models.DateField(
        _("afklaringsforløb slutter"),
        help_text=_("Afklaringsforløbet varer højst 12 uger."),
    )
    hours_per_year = models.PositiveIntegerField(
        _("timer pr. år"),
        default=MIN_HOURS_PER_YEAR,
        validators=[MinValueValidator(MIN_HOURS_PER_YEAR)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    end_reason = models.CharField(_("årsag til afslutning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("STU-forløb")
        verbose_name_plural = _("STU-forløb")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=list(OPEN_ENROLMENT_STATUSES)),
                name="one_open_enrolment_per_person",
                violation_error_message=_("Den unge har allerede et aktivt STU-forløb."),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=models.F("start_date")),
                name="enrolment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(clarification_end_date__gte=models.F("start_date")),
                name="enrolment_clarification_after_start",
            ),
        ]
        indexes = [models.Index(fields=["institution", "status"], name="enrolment_inst_status")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.institution} ({short_date(self.start_date)})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ENROLMENT_STATUSES

    @property
    def stu_started_on(self) -> date:
        """The day STU began: this enrolment's start, or the first one's after transfers."""
        return self.stu_start_date or self.start_date

    @property
    def completion_deadline(self) -> date:
        """STU must be completed within 5 years of its start (the first enrolment's start
        when the young person has changed institution)."""
        return add_years(self.stu_started_on, COMPLETION_LIMIT_YEARS)

    @property
    def final_year_start(self) -> date:
        """The final 12 months begin here: the jobcenter turns from follower into planner."""
        return add_years(self.planned_end_date, -1)

    def in_final_year_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.is_open and self.final_year_start <= day

    def clean(self):
        errors = {}
        if self.start_date and self.clarification_end_date:
            if self.clarification_end_date > self.start_date + timedelta(
                weeks=CLARIFICATION_MAX_WEEKS
            ):
                errors["clarification_end_date"] = _(
                    "Afklaringsforløbet må højst vare 12 uger fra startdatoen."
                )
            if self.clarification_end_date < self.start_date:
                errors["clarification_end_date"] = _(
                    "Afklaringsforløbet kan ikke slutte før start."
                )
        if self.start_date and self.planned_end_date and self.planned_end_date <= self.start_date:
            errors["planned_end_date"] = _("Den planlagte slutdato skal ligge efter startdatoen.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatoen kan ikke ligge før startdatoen.")
        if errors:
            raise ValidationError(errors)
