"""Reads for the institution portal and the person page's absence section.

Everything starts from ``stu_case.permissions`` (``enrolments_for_institution_user``,
``absence_reports_for``), and costs a constant number of queries per page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.reporting import Period
from stu_case import permissions
from stu_case.calendar import month_start_after
from students.models import AbsenceReport, Enrolment, EnrolmentStatus
from students.models.absence_rule import rates_from_reports
from students.services.absence import (
    enrolment_last_day,
    expected_period,
    reporting_terms,
    rules_by_municipality,
    thresholds_for,
)

PORTAL_PERIODS_SHOWN = 12


def portal_enrolments(*, user, institution) -> QuerySet[Enrolment]:
    """The institution's currently enrolled students (open enrolments), with their latest
    reported period. One query."""
    latest = AbsenceReport.objects.filter(enrolment=OuterRef("pk")).order_by("-period_start")
    return (
        permissions.enrolments_for_institution_user(user)
        .filter(institution=institution)
        .select_related("person")
        .annotate(
            latest_period_start=Subquery(latest.values("period_start")[:1]),
            latest_period_end=Subquery(latest.values("period_end")[:1]),
            latest_planned=Subquery(latest.values("planned_hours")[:1]),
            latest_legal=Subquery(latest.values("absent_legal")[:1]),
            latest_illegal=Subquery(latest.values("absent_illegal")[:1]),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def latest_rate(enrolment) -> Decimal | None:
    if not enrolment.latest_planned:
        return None
    return (enrolment.latest_legal + enrolment.latest_illegal) * 100 / enrolment.latest_planned


@dataclass
class PeriodStatus:
    period: Period
    deadline: date
    expected: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)
    today: date | None = None

    @property
    def missing(self) -> int:
        return len(self.expected - self.reported)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def is_overdue(self) -> bool:
        return bool(self.missing) and self.today is not None and self.today > self.deadline

    @property
    def is_current(self) -> bool:
        return self.today is not None and self.period.start <= self.today <= self.period.end


def portal_periods(
    *, institution, enrolments: list[Enrolment], today: date | None = None
) -> list[PeriodStatus]:
    """The reporting periods of the last year for these enrolments, newest first, with how
    many students are expected and reported and the deadline (the earliest, when the young
    people's municipalities have different agreements). Periods before a municipality's
    ``reporting_required_from`` are left out, as in the missing-report job."""
    today = today or timezone.localdate()
    active = [e for e in enrolments if e.status == EnrolmentStatus.ACTIVE]
    if not active:
        return []
    rules = rules_by_municipality({e.person.municipality_id for e in active})
    terms = reporting_terms(institution_ids=[institution.pk], rules=rules)
    window_start = month_start_after(today, -PORTAL_PERIODS_SHOWN)
    reported: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for enrolment_id, start, end in AbsenceReport.objects.filter(
        enrolment__in=[e.pk for e in active], period_end__gte=window_start
    ).values_list("enrolment_id", "period_start", "period_end"):
        reported[enrolment_id].append((start, end))
    statuses: dict[Period, PeriodStatus] = {}
    for e in active:
        last = min(today, enrolment_last_day(e))
        if last < e.start_date:
            continue
        rule = rules.get(e.person.municipality_id)
        required_from = (rule.reporting_required_from if rule else None) or date.min
        for period, t in terms.periods_between(
            municipality_id=e.person.municipality_id,
            institution_id=e.institution_id,
            start=e.start_date,
            end=last,
        ):
            if period.end < window_start or period.start < required_from:
                continue
            status = statuses.setdefault(
                period, PeriodStatus(period=period, deadline=t.deadline(period), today=today)
            )
            status.deadline = min(status.deadline, t.deadline(period))
            status.expected.add(e.pk)
            if any(s <= period.end and period.start <= en for s, en in reported[e.pk]):
                status.reported.add(e.pk)
    return sorted(statuses.values(), key=lambda s: s.period.start, reverse=True)


@dataclass
class PeriodRow:
    """One student in a period's form: to report, or already reported (correct instead)."""

    enrolment: Enrolment
    report: AbsenceReport | None
    planned_prefill: Decimal | None


def _round_half(value: Decimal) -> Decimal:
    return (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def planned_prefill(enrolment: Enrolment, period: Period, previous: AbsenceReport | None):
    """Planned hours to suggest: the previous report's (same period length, whole period in
    the enrolment), else hours per year pro rata; scaled by how much of the period the
    enrolment covers; rounded to half hours."""
    last_day = enrolment_last_day(enrolment)
    base = None
    if previous is not None:
        prev = Period(previous.period_start, previous.period_end)
        if (
            prev.months == period.months
            and prev.days_overlapping(enrolment.start_date, last_day) == prev.days
        ):
            base = Decimal(previous.planned_hours)
    if base is None:
        base = Decimal(enrolment.hours_per_year) * period.months / 12
    fraction = Decimal(period.days_overlapping(enrolment.start_date, last_day)) / period.days
    return _round_half(base * fraction)


def period_rows(*, user, institution, period: Period) -> tuple[list[PeriodRow], list[Enrolment]]:
    """The students who report for ``period`` (rows) and those on pause (listed only).

    A student belongs to the period when the period overlaps the enrolment and is the
    period the agreement prescribes for them (monthly and quarterly students of the same
    institution report in different forms). Four queries whatever the number of students.
    """
    enrolments = list(
        permissions.enrolments_for_institution_user(user)
        .filter(institution=institution)
        .select_related("person")
        .defer("person__cpr")  # encrypted; never shown in the portal
        .order_by("person__last_name", "person__first_name", "pk")
    )
    rules = rules_by_municipality({e.person.municipality_id for e in enrolments})
    terms = reporting_terms(institution_ids=[institution.pk], rules=rules)
    belonging, paused = [], []
    for e in enrolments:
        if not period.overlaps(e.start_date, enrolment_last_day(e)):
            continue
        expected, _t = expected_period(terms, e, max(period.start, e.start_date))
        if expected != period:
            continue
        (belonging if e.status == EnrolmentStatus.ACTIVE else paused).append(e)
    ids = [e.pk for e in belonging + paused]
    existing = {
        r.enrolment_id: r
        for r in AbsenceReport.objects.filter(
            enrolment_id__in=ids, period_start__lte=period.end, period_end__gte=period.start
        )
        .select_related("submitted_by")
        .annotate(correction_count=Count("corrections"))
    }
    previous = {
        r.enrolment_id: r
        for r in AbsenceReport.objects.filter(enrolment_id__in=ids, period_end__lt=period.start)
        .order_by("enrolment_id", "-period_start")
        .distinct("enrolment_id")
    }
    rows = [
        PeriodRow(
            enrolment=e,
            report=existing.get(e.pk),
            planned_prefill=planned_prefill(e, period, previous.get(e.pk)),
        )
        for e in belonging
    ]
    # A student put on pause after reporting still shows their report.
    rows += [
        PeriodRow(enrolment=e, report=existing[e.pk], planned_prefill=None)
        for e in paused
        if e.pk in existing
    ]
    return rows, [e for e in paused if e.pk not in existing]


def portal_report(*, user, institution, pk) -> AbsenceReport:
    """One report of the institution's currently enrolled students, else 404."""
    return permissions.get_or_404(
        AbsenceReport.objects.filter(
            enrolment__in=permissions.enrolments_for_institution_user(user)
            .filter(institution=institution)
            .values("pk")
        ).select_related("enrolment__person", "submitted_by"),
        pk,
    )


def report_corrections(*, report: AbsenceReport):
    return report.corrections.select_related("corrected_by").order_by("-corrected_at", "-id")


# ---------------------------------------------------------------- the person page
def person_absence(*, user, person) -> dict:
    """Reports, chart data and thresholds for the person page (two or three queries)."""
    reports = list(
        permissions.absence_reports_for(user)
        .filter(enrolment__person=person)
        .select_related("enrolment__institution")
        .annotate(correction_count=Count("corrections"))
        .order_by("period_start")
    )
    rules = rules_by_municipality([person.municipality_id])
    t = thresholds_for(rules, person.municipality_id)
    rows = []
    for r in reports:
        p = Period(r.period_start, r.period_end)
        rows.append({"report": r, "label": p.label, "rate": r.rate, "illegal_rate": r.illegal_rate})
    chart = {
        "labels": [row["label"] for row in rows],
        "rate": [_chart_number(row["rate"]) for row in rows],
        "illegal": [_chart_number(row["illegal_rate"]) for row in rows],
        "threshold": float(t.min_rate),
        "illegalThreshold": float(t.illegal_rate),
        "names": {
            "rate": _("Fravær i alt (%)"),
            "illegal": _("Ulovligt fravær (%)"),
            "threshold": _("Tærskel for stigende fravær (%)"),
            "illegalThreshold": _("Tærskel for ulovligt fravær (%)"),
            "axis": _("Procent af planlagte timer"),
        },
    }
    return {
        "rows": rows,
        "chart": chart,
        "thresholds": t,
        "has_rates": any(rates_from_reports(reports)),
    }


def _chart_number(value) -> float | None:
    if value is None:
        return None
    return float(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
