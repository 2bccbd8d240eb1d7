"""models: internships.

A young person's targeted, progressive internships (praktik) and their internship profile
(what they are interested in and what they need), matched against the internship places in the
institution catalogue (``institutions.InternshipPlace``).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from institutions.models import Accommodation, Trade
from stu_case.formats import short_date

__all__ = [
    "Internship",
    "InternshipProfile",
    "InternshipPurpose",
    "InternshipStage",
    "InternshipStatus",
    "OPEN_INTERNSHIP_STATUSES",
]


class InternshipPurpose(models.TextChoices):
    """The catalogue: internships serve formation (what is it to have a job?) and clarification
    (how could the young person contribute in a workplace after STU?)."""

    FORMATION = "formation", _("Dannelse")
    CLARIFICATION = "clarification", _("Afklaring")


class InternshipStage(models.IntegerChoices):
    """Progressive internships: interest-based first, then vocational, then a potential
    workplace after STU."""

    INTEREST = 1, _("Interessebaseret")
    VOCATIONAL = 2, _("Erhvervsrettet")
    WORKPLACE = 3, _("Mulig arbejdsplads efter STU")


class InternshipStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ONGOING = "ongoing", _("I gang")
    COMPLETED = "completed", _("Afsluttet")
    CANCELLED = "cancelled", _("Aflyst/afbrudt")


# Internships that take up a place at the workplace (capacity) and count as current/next.
OPEN_INTERNSHIP_STATUSES = (InternshipStatus.PLANNED, InternshipStatus.ONGOING)


@pghistory.track()
class InternshipProfile(models.Model):
    """What a young person wishes for and needs in an internship; matched against places."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="internship_profile",
    )
    trades = ArrayField(
        models.CharField(max_length=20, choices=Trade.choices),
        verbose_name=_("interesser: fag og brancher"),
        default=list,
        blank=True,
    )
    accommodations = ArrayField(
        models.CharField(max_length=20, choices=Accommodation.choices),
        verbose_name=_("hensyn, den unge har brug for"),
        default=list,
        blank=True,
    )
    interests = models.TextField(
        _("den unges egne ønsker"),
        blank=True,
        help_text=_("Med den unges egne ord: hvad kunne du tænke dig at prøve?"),
    )
    notes = models.TextField(_("bemærkninger"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("senest ændret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("praktikprofil")
        verbose_name_plural = _("praktikprofiler")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def trade_labels(self) -> list[str]:
        return [str(Trade(t).label) for t in self.trades if t in Trade.values]

    @property
    def accommodation_labels(self) -> list[str]:
        return [
            str(Accommodation(a).label) for a in self.accommodations if a in Accommodation.values
        ]


@pghistory.track()
class Internship(models.Model):
    """One internship (praktikforløb) of a young person, at a catalogue place or a company
    named in free text, with purpose, stage, dates, goals and an evaluation."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="internships",
    )
    place = models.ForeignKey(
        "institutions.InternshipPlace",
        verbose_name=_("praktiksted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="internships",
    )
    company_name = models.CharField(
        _("virksomhed (hvis ikke i listen)"),
        max_length=200,
        blank=True,
        help_text=_("Udfyld kun, hvis praktikstedet ikke findes i listen over praktiksteder."),
    )
    purpose = models.CharField(_("formål"), max_length=20, choices=InternshipPurpose.choices)
    stage = models.PositiveSmallIntegerField(
        _("trin"), choices=InternshipStage.choices, default=InternshipStage.INTEREST
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"))
    hours_per_week = models.PositiveSmallIntegerField(_("timer pr. uge"), null=True, blank=True)
    goals = models.TextField(
        _("mål for praktikken"), help_text=_("Hvad skal den unge prøve og lære?")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InternshipStatus.choices,
        default=InternshipStatus.PLANNED,
    )
    evaluation = models.TextField(_("hvordan gik det?"), blank=True)
    learned = models.TextField(_("hvad lærte den unge?"), blank=True)
    next_step = models.TextField(_("næste skridt"), blank=True)
    evaluated_on = models.DateField(_("evalueret den"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evalueret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluation_reminder_sent_at = models.DateTimeField(
        _("påmindelse om evaluering sendt"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("praktik")
        verbose_name_plural = _("praktikker")
        ordering = ["start_date", "pk"]
        indexes = [
            models.Index(fields=["person", "start_date"], name="internship_person_start"),
            models.Index(fields=["place", "status"], name="internship_place_status"),
            models.Index(fields=["status", "end_date"], name="internship_status_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="internship_end_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=False) | ~Q(company_name=""),
                name="internship_place_or_company",
                violation_error_message=_("Vælg et praktiksted, eller skriv virksomhedens navn."),
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | ~Q(evaluation=""),
                name="internship_completed_evaluated",
                violation_error_message=_("En afsluttet praktik skal evalueres."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workplace_name} ({short_date(self.start_date)}–{short_date(self.end_date)})"

    @property
    def workplace_name(self) -> str:
        return self.place.company_name if self.place_id else self.company_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INTERNSHIP_STATUSES

    def is_current_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.is_open and self.start_date <= day <= self.end_date

    @property
    def is_evaluated(self) -> bool:
        return bool(self.evaluation.strip())

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatoen ligger før startdatoen.")
        if not self.place_id and not self.company_name.strip():
            errors["place"] = _("Vælg et praktiksted, eller skriv virksomhedens navn.")
        if self.place_id and self.company_name.strip():
            errors["company_name"] = _(
                "Skriv kun virksomhedens navn, når praktikstedet ikke findes i listen."
            )
        if self.status == InternshipStatus.COMPLETED and not self.evaluation.strip():
            errors["status"] = _(
                "En praktik kan først markeres som afsluttet, når den er evalueret."
            )
        if errors:
            raise ValidationError(errors)
