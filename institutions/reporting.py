"""Absence reporting terms from the quality agreements: periods, deadlines and grace.

A reporting period is a calendar month or a calendar quarter (``ReportingFrequency``). Which
applies to an enrolment is decided by the agreement valid on the period's first day for the
young person's municipality and the institution; without one, the municipality's defaults
(``students.AbsenceRule``: monthly, its deadline and grace days) apply.

``ReportingTerms`` loads every agreement for a set of institutions in one query and answers
"which terms apply to (municipality, institution) on this day" from memory, so a page or a
job over thousands of enrolments needs a constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stu_case.calendar import (
    last_of_month,
    months_between,
    period_end,
    period_start,
    quarter_of,
)
from stu_case.formats import short_date

from .models import (
    DEFAULT_REPORT_DEADLINE_DAYS,
    DEFAULT_REPORT_GRACE_DAYS,
    DEFAULT_REPORTING_FREQUENCY,
    QualityAgreement,
    ReportingFrequency,
)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: ``start`` to ``end`` inclusive."""

    start: date
    end: date

    @property
    def months(self) -> int:
        return months_between(self.start, self.end) + 1

    @property
    def key(self) -> str:
        """URL-safe key: ``2025-03`` for a month, ``2025-01--2025-03`` for a longer period."""
        if self.months == 1:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}--{self.end:%Y-%m}"

    @property
    def label(self) -> str:
        if self.months == 1:
            return date_format(self.start, "YEAR_MONTH_FORMAT").capitalize()
        if self.months == 3 and self.start.month in (1, 4, 7, 10):
            return _("%(q)s. kvartal %(year)s") % {
                "q": quarter_of(self.start),
                "year": self.start.year,
            }
        return f"{short_date(self.start)}–{short_date(self.end)}"

    def overlaps(self, start: date, end: date | None) -> bool:
        return self.start <= (end or date.max) and start <= self.end

    def days_overlapping(self, start: date, end: date | None) -> int:
        lo = max(self.start, start)
        hi = min(self.end, end or date.max)
        return max(0, (hi - lo).days + 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_containing(day: date, months: int = DEFAULT_REPORTING_FREQUENCY) -> Period:
    """The calendar month (``months=1``) or calendar quarter (``months=3``) holding ``day``."""
    if months not in (1, 3):
        raise ValueError(f"unsupported reporting frequency {months}")
    return Period(period_start(day, months), period_end(day, months))


def parse_period_key(key: str) -> Period | None:
    """Inverse of ``Period.key``; ``None`` for anything malformed."""
    try:
        if "--" in key:
            first, last = key.split("--", 1)
            start = date(int(first[:4]), int(first[5:7]), 1)
            end = last_of_month(date(int(last[:4]), int(last[5:7]), 1))
        else:
            start = date(int(key[:4]), int(key[5:7]), 1)
            end = last_of_month(start)
    except (ValueError, IndexError):
        return None
    if len(key) not in (7, 16) or end < start:
        return None
    return Period(start, end)


@dataclass(frozen=True)
class Terms:
    """The absence reporting terms for one enrolment in one period."""

    frequency: int
    deadline_days: int
    grace_days: int
    agreement_id: int | None = None
    agreement_title: str = ""

    def period_for(self, day: date) -> Period:
        return period_containing(day, self.frequency)

    def deadline(self, period: Period) -> date:
        return period.end + timedelta(days=self.deadline_days)

    def flag_after(self, period: Period) -> date:
        """The day after which a missing report raises a flag."""
        return self.deadline(period) + timedelta(days=self.grace_days)

    @property
    def frequency_label(self) -> str:
        return str(ReportingFrequency(self.frequency).label)


@dataclass(frozen=True)
class Defaults:
    """A municipality's fallback terms when no agreement applies."""

    deadline_days: int = DEFAULT_REPORT_DEADLINE_DAYS
    grace_days: int = DEFAULT_REPORT_GRACE_DAYS
    frequency: int = DEFAULT_REPORTING_FREQUENCY


class ReportingTerms:
    """Agreement look-up for many enrolments at once (two queries, then in memory).

    ``defaults`` maps municipality id → ``Defaults`` (from the municipality's absence rule);
    municipalities not in it get the module defaults.
    """

    def __init__(self, *, institution_ids, defaults: dict[int, Defaults] | None = None):
        self.defaults = defaults or {}
        self._by_pair: dict[tuple[int, int], list[QualityAgreement]] = defaultdict(list)
        through = QualityAgreement.municipalities.through
        agreements = {
            a.pk: a
            for a in QualityAgreement.objects.filter(institution_id__in=list(institution_ids))
        }
        pairs = through.objects.filter(qualityagreement_id__in=list(agreements)).values_list(
            "qualityagreement_id", "municipality_id"
        )
        for agreement_id, municipality_id in pairs:
            agreement = agreements[agreement_id]
            self._by_pair[(municipality_id, agreement.institution_id)].append(agreement)
        for candidates in self._by_pair.values():
            candidates.sort(key=lambda a: a.valid_from, reverse=True)

    def agreement_on(self, *, municipality_id: int, institution_id: int, day: date):
        for agreement in self._by_pair.get((municipality_id, institution_id), ()):
            if agreement.is_valid_on(day):
                return agreement
        return None

    def terms_on(self, *, municipality_id: int, institution_id: int, day: date) -> Terms:
        agreement = self.agreement_on(
            municipality_id=municipality_id, institution_id=institution_id, day=day
        )
        if agreement is not None:
            return Terms(
                frequency=agreement.reporting_frequency,
                deadline_days=agreement.report_deadline_days,
                grace_days=agreement.grace_days,
                agreement_id=agreement.pk,
                agreement_title=agreement.title,
            )
        d = self.defaults.get(municipality_id, Defaults())
        return Terms(frequency=d.frequency, deadline_days=d.deadline_days, grace_days=d.grace_days)

    def periods_between(
        self, *, municipality_id: int, institution_id: int, start: date, end: date
    ) -> list[tuple[Period, Terms]]:
        """The reporting periods overlapping ``start``–``end``, each with its terms.

        Terms are taken on each period's first day; when an agreement changes frequency
        mid-quarter, the new terms start with the next whole period.
        """
        out: list[tuple[Period, Terms]] = []
        day = start
        while day <= end:
            terms = self.terms_on(
                municipality_id=municipality_id, institution_id=institution_id, day=day
            )
            period = terms.period_for(day)
            if out and period.start <= out[-1][0].end:
                # A quarter starting before the previous (monthly) period ended: begin the
                # quarterly rhythm with the next whole month instead.
                period = Period(out[-1][0].end + timedelta(days=1), last_of_month(day))
            out.append((period, terms))
            day = period.end + timedelta(days=1)
        return out
