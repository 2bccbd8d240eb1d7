"""The money part of the statistics page: what STU costs per month and what it will cost.

An enrolment's cost in a month is the year price / 12 x the share of the month's days it ran
and was not paused. (The price is per student and year; STU is at least 840 hours a year, so
there is no part-time to count.) The year price is that of the quality
agreement valid on the month's 1st for the young person's municipality and the institution,
else the institution's list price in the catalogue; so an enrolment that spans two agreements
is priced by each in its months. A granted pause costs nothing (from its first day to the day
before the return, or to the planned return while it lasts). Everything is summed in the
database: one query per figure, whatever the number of enrolments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import QualityAgreement
from stu_case.calendar import days_in_month, last_of_month, month_start_after
from stu_case.figures import DaysBetween, Figure
from students.models import Enrolment
from students.selectors.statistics import StatisticsFilters, month_label, people_in_scope
from transitions.models import Budget, Pause, PauseStatus

GRANTED_PAUSE = (PauseStatus.APPROVED, PauseStatus.RESUMED, PauseStatus.ENDED)
MONEY = DecimalField(max_digits=14, decimal_places=2)
FORECAST_MONTHS = 12


class DayBefore(Func):
    template = "(%(expressions)s - 1)"
    output_field = DateField()


def _days(start, end):
    """Days from ``start`` to ``end`` inclusive, never below 0."""
    return Greatest(DaysBetween(start, end) + 1, Value(0), output_field=IntegerField())


def _year_price(month: date):
    agreement = QualityAgreement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=month),
        institution=OuterRef("institution_id"),
        municipalities=OuterRef("person__municipality_id"),
        valid_from__lte=month,
        price_per_year__isnull=False,
    ).order_by("-valid_from")
    return Coalesce(
        Subquery(agreement.values("price_per_year")[:1]),
        F("institution__price_per_year"),
        Value(Decimal(0)),
        output_field=MONEY,
    )


def _paid_days(month: date):
    """Days of ``month`` the enrolment ran, less the days it was paused."""
    first, last = Value(month), Value(last_of_month(month))
    ends = Coalesce("end_date", "planned_end_date")
    ran = _days(Greatest("start_date", first), Least(ends, last))
    pause_end = Coalesce(DayBefore("resumed_on"), DayBefore("planned_return_date"))
    paused = Subquery(
        Pause.objects.filter(enrolment=OuterRef("pk"), status__in=GRANTED_PAUSE)
        .order_by()
        .values("enrolment")
        .annotate(
            days=Sum(
                _days(
                    Greatest("start_date", first),
                    Least(
                        pause_end,
                        last,
                        Coalesce(OuterRef("end_date"), OuterRef("planned_end_date")),
                    ),
                )
            )
        )
        .values("days")[:1],
        output_field=IntegerField(),
    )
    return Greatest(ran - Coalesce(paused, Value(0)), Value(0), output_field=IntegerField())


def month_cost(month: date):
    """An enrolment's cost in ``month`` (an expression on ``Enrolment``)."""
    return ExpressionWrapper(
        _year_price(month) / 12 * _paid_days(month) / days_in_month(month.year, month.month),
        output_field=MONEY,
    )


def _by_institution(enrolments, months: list[date]) -> tuple[dict, dict]:
    """{(month, institution_id): cost}, {institution_id: name}. One query."""
    costs, names = {}, {}
    for row in (
        enrolments.values("institution_id", "institution__name")
        .annotate(**{f"m{n}": Sum(month_cost(m), output_field=MONEY) for n, m in enumerate(months)})
        .order_by()
    ):
        names[row["institution_id"]] = row["institution__name"]
        for n, m in enumerate(months):
            costs[(m, row["institution_id"])] = row[f"m{n}"] or Decimal(0)
    return costs, names


def _kr(value) -> int:
    return int(Decimal(value).quantize(Decimal(1)))


def money_figures(user, filters: StatisticsFilters) -> list[Figure]:
    enrolments = Enrolment.objects.filter(person__in=people_in_scope(user, filters))
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    months = filters.months()
    costs, names = _by_institution(enrolments, months)
    institutions = sorted(names, key=lambda pk: names[pk])
    rows = []
    for m in months:
        cells = [_kr(costs.get((m, i), 0)) for i in institutions]
        rows.append([month_label(m), sum(cells), *cells])
    totals = [sum(row[k] for row in rows) for k in range(1, len(institutions) + 2)]
    spent = Figure(
        key="money-months",
        title=_("Udgifter pr. måned (kr.)"),
        columns=[_("Måned"), _("I alt"), *[names[i] for i in institutions]],
        rows=[*rows, [_("I alt"), *totals]],
        total_row=True,
        note=_(
            "Årsprisen fra den kvalitetsaftale, der gælder den 1. i måneden, ellers katalogets "
            "listepris, for de dage i måneden forløbet kørte; der betales ikke under en "
            "bevilget pause. Beløb i hele kroner."
        ),
    )
    forecast = _forecast(user, filters)
    return [spent, _by_year(rows, months), forecast, _budget(user, filters, forecast)]


def _by_year(rows, months) -> Figure:
    """The monthly totals summed per calendar year (no query)."""
    years: dict[int, int] = {}
    for m, row in zip(months, rows, strict=True):
        years[m.year] = years.get(m.year, 0) + row[1]
    return Figure(
        key="money-years",
        title=_("Udgifter pr. år i perioden (kr.)"),
        columns=[_("År"), _("Udgift")],
        rows=[[year, total] for year, total in sorted(years.items())],
        chart="",
    )


def _forecast(user, filters: StatisticsFilters) -> Figure:
    """The next 12 months from the open enrolments, to their planned end; a granted decision
    creates its enrolment at once, so granted STU that starts later is in. One query."""
    today = timezone.localdate()
    months = [month_start_after(today, n) for n in range(1, FORECAST_MONTHS + 1)]
    enrolments = Enrolment.objects.open().filter(person__in=people_in_scope(user, filters))
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    costs, _names = _by_institution(enrolments, months)
    rows = [[month_label(m), _kr(sum(v for (k, _i), v in costs.items() if k == m))] for m in months]
    return _Forecast(
        months=months,
        key="money-forecast",
        title=_("Prognose for de næste 12 måneder (kr.)"),
        columns=[_("Måned"), _("Igangværende forløb")],
        rows=[*rows, [_("I alt"), sum(r[1] for r in rows)]],
        chart="line",
        total_row=True,
        note=_(
            "Igangværende forløb frem til deres planlagte afslutning, også bevilgede forløb, der "
            "starter senere (de oprettes ved afgørelsen). Indstillede unge uden afgørelse er "
            "ikke med."
        ),
    )


@dataclass(frozen=True)
class _Forecast(Figure):
    """The forecast figure, with the months its rows are (for the budget's rest of year)."""

    months: tuple = ()


def _budget(user, filters: StatisticsFilters, forecast: _Forecast) -> Figure:
    """This year's budget against what is spent so far plus the forecast for the rest of the
    year. Two queries."""
    today = timezone.localdate()
    so_far = [date(today.year, n, 1) for n in range(1, today.month + 1)]
    enrolments = Enrolment.objects.filter(person__in=people_in_scope(user, filters))
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    costs, _names = _by_institution(enrolments, so_far)
    spent = _kr(sum(costs.values(), Decimal(0)))
    rest = sum(
        row[1]
        for m, row in zip(forecast.months, forecast.rows, strict=False)
        if m.year == today.year
    )
    budget = (
        Budget.objects.filter(municipality_id=user.municipality_id, year=today.year)
        .values_list("amount", flat=True)
        .first()
    )
    expected = spent + rest
    rows = [
        [_("Budget"), None if budget is None else _kr(budget)],
        [_("Forbrug til og med %(month)s") % {"month": month_label(so_far[-1])}, spent],
        [_("Prognose for resten af året"), rest],
        [_("Forventet forbrug for året"), expected],
        [
            _("Afvigelse (forventet forbrug minus budget)"),
            None if budget is None else expected - _kr(budget),
        ],
    ]
    return Figure(
        key="money-budget",
        title=_("Budget %(year)s og forventet afvigelse (kr.)") % {"year": today.year},
        columns=[_("Post"), _("Beløb")],
        rows=rows,
        chart="",
        note=_(
            "Budgettet gælder hele kommunen; med et filter sammenlignes det kun med en del af "
            "udgifterne. Et positivt beløb er et forventet merforbrug."
        ),
    )
