"""Absence reporting and rising absence.

The institution reports absence per enrolment and reporting period (the period and its
deadline come from the quality agreement, institutions.reporting); a periodic job applies
the municipality's AbsenceRule and raises or resolves RISING_ABSENCE flags.
Services: ``students.services.absence`` and ``students.services.absence_checks``; the rule
itself: ``students.models.absence_rule``.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_datetime
from students.models.enrolments import Enrolment


class AbsenceRule(models.Model):
    """Thresholds for "rising absence", set per municipality by an administrator.

    For each open enrolment the reporting periods with planned hours > 0 are ordered by date;
    a period's *absence rate* is (legal + illegal absent hours) / planned hours and its
    *illegal rate* is illegal absent hours / planned hours. With the latest such period L:

    **Raise** a RISING_ABSENCE flag when
      (a) rate(L) ≥ ``min_rate_pct`` AND rate(L) ≥ mean(rate of the up to ``baseline_periods``
          reported periods before L) + ``min_rise_points``, where (a) needs at least
          ``min_baseline_periods`` earlier periods — with no history nothing can have risen,
          so in an enrolment's first period only (b) applies; OR
      (b) illegal rate(L) ≥ ``illegal_rate_pct``.

    **Resolve** the open flag by itself when the latest ``resolve_after_periods`` reported
    periods all have rate < ``min_rate_pct`` and illegal rate < ``illegal_rate_pct`` (absence
    has stayed below the threshold, not merely stopped rising).

    Edge cases: a period nobody reported is a gap, never a zero — the baseline is the earlier
    *reported* periods; a period with 0 planned hours (e.g. the summer holiday) is skipped;
    a corrected report counts with its corrected values (the job re-runs after a correction);
    a flag is raised at most once while open (database constraint), also when the job runs
    twice or concurrently. Without a row here the defaults below apply.
    """

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="absence_rule",
    )
    min_rate_pct = models.DecimalField(
        _("fraværsprocent mindst"),
        max_digits=5,
        decimal_places=2,
        default=15,
        validators=[MinValueValidator(0)],
        help_text=_("Fraværet i seneste periode skal være mindst så mange procent."),
    )
    min_rise_points = models.DecimalField(
        _("stigning mindst (procentpoint)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        validators=[MinValueValidator(0)],
        help_text=_("… og mindst så mange procentpoint over gennemsnittet af perioderne før."),
    )
    baseline_periods = models.PositiveSmallIntegerField(
        _("antal perioder i sammenligningsgrundlaget"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    min_baseline_periods = models.PositiveSmallIntegerField(
        _("mindst antal tidligere perioder for at vurdere en stigning"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    illegal_rate_pct = models.DecimalField(
        _("ulovligt fravær mindst (procent)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0)],
        help_text=_("Ulovligt fravær på mindst så mange procent giver altid et flag."),
    )
    resolve_after_periods = models.PositiveSmallIntegerField(
        _("løs flaget efter antal perioder under tærsklen"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    default_deadline_days = models.PositiveSmallIntegerField(
        _("standardfrist for indberetning (dage efter periodens udløb)"),
        default=10,
        help_text=_("Gælder, når der ikke er en kvalitetsaftale med institutionen."),
    )
    default_grace_days = models.PositiveSmallIntegerField(
        _("standard: dage efter fristen før flag for manglende indberetning"), default=14
    )
    reporting_required_from = models.DateField(
        _("indberetning påkrævet fra"),
        null=True,
        blank=True,
        help_text=_(
            "Perioder før denne dato giver ingen påmindelser eller flag for manglende "
            "indberetning (fx datoen, hvor kommunen tog systemet i brug)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regel for stigende fravær")
        verbose_name_plural = _("regler for stigende fravær")

    def __str__(self) -> str:
        return str(_("Fraværsregel for %(m)s") % {"m": self.municipality})

    @classmethod
    def defaults(cls) -> AbsenceRule:
        """An unsaved rule with the default thresholds."""
        return cls()


class AbsenceDateRange(models.Func):
    function = "DATERANGE"
    template = "%(function)s(%(expressions)s, '[]')"

    @property
    def output_field(self):
        from django.contrib.postgres.fields import DateRangeField

        return DateRangeField()


def _exclusion_overlapping_periods():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import RangeOperators

    return ExclusionConstraint(
        name="absence_no_overlapping_periods",
        expressions=[
            ("enrolment", RangeOperators.EQUAL),
            (AbsenceDateRange("period_start", "period_end"), RangeOperators.OVERLAPS),
        ],
        violation_error_message=_("Der er allerede indberettet fravær for en del af perioden."),
    )


@pghistory.track()
class AbsenceReport(models.Model):
    """Absence of one enrolment in one reporting period, as the institution reported it.

    A report is corrected (never re-submitted) through ``absence_report_correct``, which keeps
    the before/after, who and when in ``AbsenceReportCorrection``.
    """

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="absence_reports",
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    planned_hours = models.DecimalField(
        _("planlagte timer"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    absent_legal = models.DecimalField(
        _("lovligt fravær (timer)"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    absent_illegal = models.DecimalField(
        _("ulovligt fravær (timer)"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indberettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("indberettet"), default=timezone.now)
    corrected_at = models.DateTimeField(_("senest rettet"), null=True, blank=True)

    class Meta:
        verbose_name = _("fraværsindberetning")
        verbose_name_plural = _("fraværsindberetninger")
        ordering = ["enrolment", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "period_start"],
                name="one_absence_report_per_period",
                violation_error_message=_(
                    "Der er allerede indberettet fravær for perioden. Ret indberetningen i stedet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="absence_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__gte=0)
                & Q(absent_legal__gte=0)
                & Q(absent_illegal__gte=0),
                name="absence_hours_not_negative",
                violation_error_message=_("Timer kan ikke være negative."),
            ),
            models.CheckConstraint(
                condition=Q(
                    planned_hours__gte=models.F("absent_legal") + models.F("absent_illegal")
                ),
                name="absence_not_above_planned",
                violation_error_message=_("Fraværet kan ikke være større end de planlagte timer."),
            ),
            _exclusion_overlapping_periods(),
        ]
        indexes = [
            models.Index(fields=["period_start"], name="absence_period_start"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.period_start:%m.%Y}"

    @property
    def absent_hours(self):
        return (self.absent_legal or 0) + (self.absent_illegal or 0)

    @property
    def rate(self):
        """Absence in percent of planned hours; ``None`` when no hours were planned."""
        if not self.planned_hours:
            return None
        return self.absent_hours * 100 / self.planned_hours

    @property
    def illegal_rate(self):
        if not self.planned_hours:
            return None
        return self.absent_illegal * 100 / self.planned_hours

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Perioden slutter før den begynder.")
        for field in ("planned_hours", "absent_legal", "absent_illegal"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = _("Timer kan ikke være negative.")
        if (
            not errors
            and self.planned_hours is not None
            and self.absent_legal is not None
            and self.absent_illegal is not None
            and self.absent_legal + self.absent_illegal > self.planned_hours
        ):
            errors["absent_illegal"] = _(
                "Fraværet (%(absent)s timer) er større end de planlagte timer (%(planned)s)."
            ) % {
                "absent": _hours(self.absent_legal + self.absent_illegal),
                "planned": _hours(self.planned_hours),
            }
        if errors:
            raise ValidationError(errors)


def _hours(value) -> str:
    """Hours the Danish way: 12,5 (no trailing zeros)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class AbsenceReportCorrection(models.Model):
    """One correction of an absence report: who, when, why, and the values before and after.

    Immutable (a database trigger forbids update and delete).
    """

    report = models.ForeignKey(
        AbsenceReport,
        verbose_name=_("indberetning"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("rettet"), default=timezone.now)
    reason = models.CharField(_("årsag til rettelsen"), max_length=300)
    before = models.JSONField(_("før"))
    after = models.JSONField(_("efter"))

    class Meta:
        verbose_name = _("rettelse af fraværsindberetning")
        verbose_name_plural = _("rettelser af fraværsindberetninger")
        ordering = ["-corrected_at", "-id"]
        triggers = [
            pgtrigger.Protect(name="immutable", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.report} – {short_datetime(self.corrected_at)}"


class AbsenceReminder(models.Model):
    """A reminder sent to an institution's staff that reports for a period are overdue.

    One row per institution and period: the row is the claim that makes the reminder job
    safe to run twice or concurrently (a second run inserts nothing and sends nothing).
    """

    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="absence_reminders",
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    missing_count = models.PositiveIntegerField(_("manglende indberetninger"), default=0)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        verbose_name = _("påmindelse om fraværsindberetning")
        verbose_name_plural = _("påmindelser om fraværsindberetning")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "period_start", "period_end"],
                name="one_absence_reminder_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.period_start:%m.%Y}"
