"""Visitation models: clarification before STU.

Coordination with the primary school (``SchoolCoordination``), visits to institutions
(``InstitutionVisit``), an introduction course (``IntroCourse``) and the young person's ranked
wishes (``Wish``).
"""

from __future__ import annotations

from datetime import timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date

INTRO_COURSE_MAX_DAYS = 14


# The catalogue's rough sorting: the young person visits at least two different offers.
RECOMMENDED_MIN_VISITED = 2


# The first coordination meeting with the school about half a year before STU starts.
COORDINATION_LEAD_DAYS = 183


class Grade(models.TextChoices):
    GRADE_8 = "8", _("8. klasse")
    GRADE_9 = "9", _("9. klasse")
    GRADE_10 = "10", _("10. klasse")
    SPECIAL = "special", _("Specialklasse/specialskole (uden klassetrin)")
    OTHER = "other", _("Andet")


@pghistory.track()
class SchoolCoordination(models.Model):
    """An expected STU candidate registered early with the primary school (one per person)."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="school_coordination",
    )
    school = models.CharField(_("skole"), max_length=200)
    grade = models.CharField(_("klassetrin"), max_length=10, choices=Grade.choices)
    school_contact = models.CharField(
        _("kontaktperson på skolen"),
        max_length=200,
        blank=True,
        help_text=_("Fx klasselærer eller skolens UU-kontakt, med telefon eller e-mail."),
    )
    expected_start = models.DateField(
        _("forventet start på STU"),
        help_text=_("Hvornår den unge forventes at begynde på STU."),
    )
    first_meeting_on = models.DateField(
        _("første koordineringsmøde"),
        null=True,
        blank=True,
        help_text=_("Holdes ca. et halvt år før forventet start."),
    )
    meeting_held = models.BooleanField(_("mødet er holdt"), default=False)
    participants = models.CharField(_("deltagere"), max_length=300, blank=True)
    notes = models.TextField(
        _("aftaler og noter"),
        blank=True,
        help_text=_("Fx om den unge skal tilbydes 10. klasse eller efterskole før STU."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("koordinering med grundskolen")
        verbose_name_plural = _("koordineringer med grundskolen")
        ordering = ["expected_start"]

    def __str__(self) -> str:
        return f"{self.person} – {self.school}"

    @property
    def meeting_due_by(self):
        return self.expected_start - timedelta(days=COORDINATION_LEAD_DAYS)

    @property
    def meeting_late(self) -> bool:
        """No meeting held although we are within half a year of the expected start."""
        if self.meeting_held:
            return False
        if self.first_meeting_on:
            return self.first_meeting_on > self.meeting_due_by
        return timezone.localdate() >= self.meeting_due_by

    def clean(self):
        if self.meeting_held and not self.first_meeting_on:
            raise ValidationError(
                {"first_meeting_on": _("Skriv datoen for mødet, når det er holdt.")}
            )
        if (
            self.first_meeting_on
            and self.expected_start
            and self.first_meeting_on > self.expected_start
        ):
            raise ValidationError(
                {"first_meeting_on": _("Koordineringsmødet skal ligge før forventet start.")}
            )


@pghistory.track()
class InstitutionVisit(models.Model):
    """A visit to an institution during clarification, with impressions in their own words."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="institution_visits",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visited_on = models.DateField(_("besøgsdato"))
    young_person_present = models.BooleanField(_("den unge deltog"), default=True)
    relatives_present = models.CharField(
        _("pårørende, der deltog"),
        max_length=200,
        blank=True,
        help_text=_("Fx 'mor og far'. Lad feltet stå tomt, hvis ingen pårørende deltog."),
    )
    others_present = models.CharField(
        _("andre deltagere"),
        max_length=200,
        blank=True,
        help_text=_("Fx UU-vejleder eller støttekontaktperson."),
    )
    young_person_impressions = models.TextField(
        _("den unges indtryk"),
        blank=True,
        help_text=_("Skriv med den unges egne ord."),
    )
    relatives_impressions = models.TextField(_("pårørendes indtryk"), blank=True)
    counsellor_notes = models.TextField(_("vejlederens iagttagelser"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("institutionsbesøg")
        verbose_name_plural = _("institutionsbesøg")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.institution} {short_date(self.visited_on)}"

    def clean(self):
        if not self.young_person_present and not self.relatives_present:
            raise ValidationError(_("Registrér hvem der var med: den unge og/eller pårørende."))


@pghistory.track()
class IntroCourse(models.Model):
    """An introduction course at an institution (up to about two weeks), with its evaluation."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="intro_courses",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"))
    young_person_evaluation = models.TextField(
        _("den unges evaluering"), blank=True, help_text=_("Skriv med den unges egne ord.")
    )
    institution_evaluation = models.TextField(_("institutionens evaluering"), blank=True)
    counsellor_evaluation = models.TextField(_("vejlederens vurdering"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("introforløb")
        verbose_name_plural = _("introforløb")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="intro_course_end_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} {short_date(self.start_date)}–{short_date(self.end_date)}"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_evaluated(self) -> bool:
        return bool(
            self.young_person_evaluation
            or self.institution_evaluation
            or self.counsellor_evaluation
        )

    def clean(self):
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})
            if self.days > INTRO_COURSE_MAX_DAYS:
                raise ValidationError(
                    {
                        "end_date": _(
                            "Et introforløb varer højst omkring to uger (%(max)s dage). "
                            "Et længere forløb er et STU-forløb og kræver en afgørelse."
                        )
                        % {"max": INTRO_COURSE_MAX_DAYS}
                    }
                )


@pghistory.track()
class Wish(models.Model):
    """The young person's ranked wishes among the catalogue's institutions (1 = first wish)."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="wishes",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveSmallIntegerField(_("prioritet"), validators=[MinValueValidator(1)])
    reason = models.TextField(
        _("hvorfor"), blank=True, help_text=_("Den unges egen begrundelse, med egne ord.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("ønske")
        verbose_name_plural = _("ønsker")
        ordering = ["person", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "institution"],
                name="one_wish_per_institution",
                violation_error_message=_("Institutionen står allerede på ønskelisten."),
            ),
            models.UniqueConstraint(fields=["person", "rank"], name="unique_wish_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.institution}"
