"""The statistics page's filters and the figures students owns: absence and the backlog.

Every figure counts in the database, over the young people the user sees with
``view_sensitive`` (``people_in_scope``), with a fixed number of queries whatever the number of
people, reports or flags. Other apps add their parts of the page through
``stu_case.hooks.statistics_sections`` and use the same ``StatisticsFilters`` and
``people_in_scope``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, Exists, F, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from institutions.models import Institution
from stu_case import permissions
from stu_case.calendar import add_months, last_of_month, month_start_after, months_between
from stu_case.figures import Figure
from stu_case.permissions import Action
from students import flags as student_flags
from students.models import AbsenceReport, Enrolment, Flag, FlagKind, YoungPerson

# Backlog ages, in days: (label, lowest age, highest age or None).
AGE_BANDS = (
    (gettext_lazy("0–7 dage"), 0, 7),
    (gettext_lazy("8–30 dage"), 8, 30),
    (gettext_lazy("31–90 dage"), 31, 90),
    (gettext_lazy("over 90 dage"), 91, None),
)


@dataclass(frozen=True)
class StatisticsFilters:
    """What the page counts: months ``start``..``end`` (1st of the first month, last day of
    the last), and optionally one institution, contact person or cohort (year of STU start)."""

    start: date
    end: date
    institution_id: int | None = None
    contact_person_id: int | None = None
    cohort: int | None = None

    @classmethod
    def last_twelve_months(cls, today: date | None = None) -> StatisticsFilters:
        today = today or timezone.localdate()
        return cls(start=month_start_after(today, -11), end=last_of_month(today))

    def months(self) -> list[date]:
        """The first day of every month in the period, oldest first."""
        return [
            month_start_after(self.start, n)
            for n in range(months_between(self.start, self.end) + 1)
        ]

    def aware(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes [start, end+1 day) in the site's time zone."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )


def month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def cohort_start():
    """The day a young person's STU started: their first enrolment's start (a subquery)."""
    return Subquery(
        Enrolment.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(first=Min("start_date"))
        .values("first")[:1]
    )


def own_institutions(user):
    """Institution staff's own institutions (their figures are about these only), or None
    for the municipal team."""
    if permissions.is_institution_staff_only(user):
        return permissions.institutions_for(user).values("pk")
    return None


def _base_people(user):
    own = own_institutions(user)
    if own is None:
        return permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
    return YoungPerson.objects.filter(
        Exists(Enrolment.objects.filter(person=OuterRef("pk"), institution__in=own))
    )


def people_in_scope(user, filters: StatisticsFilters):
    """The young people the figures count: those ``user`` sees with ``view_sensitive`` (for
    institution staff: everyone who has been a student at their institutions), of the chosen
    contact person, with an enrolment at the chosen institution, of the chosen cohort. A lazy
    queryset, used as a subquery (no query of its own)."""
    people = _base_people(user)
    if filters.contact_person_id:
        people = people.filter(contact_person_id=filters.contact_person_id)
    if filters.institution_id:
        people = people.filter(
            Exists(
                Enrolment.objects.filter(
                    person=OuterRef("pk"), institution_id=filters.institution_id
                )
            )
        )
    if filters.cohort:
        people = people.annotate(started_on=cohort_start()).filter(started_on__year=filters.cohort)
    return people.values("pk")


def cohort_years(user) -> list[int]:
    """The years in which someone the user sees started STU, newest first. One query."""
    visible = _base_people(user).values("pk")
    return list(
        YoungPerson.objects.filter(pk__in=visible)
        .annotate(year=ExtractYear(cohort_start()))
        .exclude(year=None)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


# ---------------------------------------------------------------- absence
def absence_figures(user, filters: StatisticsFilters) -> list[Figure]:
    people = people_in_scope(user, filters)
    own = own_institutions(user)
    figures = [_absence_trend(people, filters, own), _rising_share(people, filters, own)]
    if permissions.can(user, Action.VIEW_TEAM_STATISTICS):
        figures += [_rising_resolution(people, filters), backlog_figure(people)]
    return figures


def _absence_trend(people, filters: StatisticsFilters, own) -> Figure:
    """Absence in % of planned hours per month (by the report period's first month), overall
    and per institution. One query."""
    reports = AbsenceReport.objects.filter(
        enrolment__person__in=people,
        period_start__gte=filters.start,
        period_start__lte=filters.end,
    )
    if filters.institution_id:
        reports = reports.filter(enrolment__institution_id=filters.institution_id)
    if own is not None:
        reports = reports.filter(enrolment__institution__in=own)
    hours = DecimalField(max_digits=12, decimal_places=2)
    planned, absent = {}, {}
    names = {}
    for row in (
        reports.annotate(month=TruncMonth("period_start"))
        .values("month", "enrolment__institution_id", "enrolment__institution__name")
        .annotate(
            planned=Sum("planned_hours", output_field=hours),
            absent=Sum(F("absent_legal") + F("absent_illegal"), output_field=hours),
        )
        .order_by()
    ):
        key = (row["month"], row["enrolment__institution_id"])
        names[row["enrolment__institution_id"]] = row["enrolment__institution__name"]
        planned[key] = row["planned"] or 0
        absent[key] = row["absent"] or 0
    institutions = sorted(names, key=lambda pk: names[pk])
    rows = []
    for month in filters.months():
        total_p = sum(v for (m, _i), v in planned.items() if m == month)
        total_a = sum(v for (m, _i), v in absent.items() if m == month)
        cells = [_pct(total_a, total_p)]
        cells += [_pct(absent.get((month, i), 0), planned.get((month, i), 0)) for i in institutions]
        rows.append([month_label(month), *cells])
    return Figure(
        key="absence-trend",
        title=_("Fravær pr. måned (% af planlagte timer)"),
        columns=[_("Måned"), _("Alle institutioner"), *[names[i] for i in institutions]],
        rows=rows,
        chart="line",
        note=_(
            "Kvartalsindberetninger tælles i kvartalets første måned. Tom: ingen indberetninger."
        ),
    )


def _pct(part, whole):
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def _open_in_month(month: date, *, start_field, end_field) -> Q:
    """Open at some point in ``month``: started by its end, not ended before its start."""
    last = last_of_month(month)
    return Q(**{f"{start_field}__lte": last}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": month})
    )


def _rising_share(people, filters: StatisticsFilters, own) -> Figure:
    """Per month: students in STU, students with a rising-absence flag open in the month,
    and their share. Two queries (one conditional count per month in each)."""
    months = filters.months()
    enrolments = Enrolment.objects.filter(person__in=people)
    flags = Flag.objects.filter(person__in=people, kind=student_flags.RISING_ABSENCE)
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    if own is not None:
        enrolments = enrolments.filter(institution__in=own)
        flags = flags.filter(person__in=enrolments.values("person"))
    tz = timezone.get_current_timezone()
    in_stu = enrolments.aggregate(
        **{
            f"m{n}": Count(
                "person",
                distinct=True,
                filter=_open_in_month(m, start_field="start_date", end_field="end_date"),
            )
            for n, m in enumerate(months)
        }
    )
    flagged = flags.aggregate(
        **{
            f"m{n}": Count(
                "person",
                distinct=True,
                filter=Q(raised_at__lt=datetime.combine(add_months(m, 1), time.min, tzinfo=tz))
                & (
                    Q(resolved_at__isnull=True)
                    | Q(resolved_at__gte=datetime.combine(m, time.min, tzinfo=tz))
                ),
            )
            for n, m in enumerate(months)
        }
    )
    rows = []
    for n, month in enumerate(months):
        total, with_flag = in_stu[f"m{n}"], flagged[f"m{n}"]
        rows.append([month_label(month), total, with_flag, _pct(with_flag, total)])
    return Figure(
        key="rising-absence",
        title=_("Elever med stigende fravær"),
        columns=[_("Måned"), _("Elever i STU"), _("Med flag om stigende fravær"), _("Andel (%)")],
        rows=rows,
        chart="line",
        series=(3,),
    )


def _rising_resolution(people, filters: StatisticsFilters) -> Figure:
    """Rising-absence flags raised in the period and how they ended. One query."""
    start, end = filters.aware()
    counts = Flag.objects.filter(
        person__in=people,
        kind=student_flags.RISING_ABSENCE,
        raised_at__gte=start,
        raised_at__lt=end,
    ).aggregate(
        by_staff=Count("id", filter=Q(resolved_by__isnull=False)),
        by_job=Count("id", filter=Q(resolved_at__isnull=False, resolved_by__isnull=True)),
        acknowledged_open=Count("id", filter=Q(resolved_at=None, acknowledged_at__isnull=False)),
        untouched=Count("id", filter=Q(resolved_at=None, acknowledged_at=None)),
        total=Count("id"),
    )
    rows = [
        [_("Løst af en medarbejder"), counts["by_staff"]],
        [_("Løst automatisk: fraværet faldt igen"), counts["by_job"]],
        [_("Åbne, kvitteret (der bliver gjort noget)"), counts["acknowledged_open"]],
        [_("Åbne, ikke kvitteret"), counts["untouched"]],
    ]
    return Figure(
        key="rising-resolution",
        title=_("Hvordan flag om stigende fravær blev håndteret"),
        columns=[_("Udfald"), _("Flag rejst i perioden")],
        rows=[*rows, [_("I alt"), counts["total"]]],
        chart="",
    )


def backlog_figure(people) -> Figure:
    """Open flags now, by kind and age (overdue meeting actions and plan revisions are flags
    too): the team's backlog. One query; the period filter does not apply."""
    now = timezone.now()
    bands = {}
    for n, (_label, low, high) in enumerate(AGE_BANDS):
        q = Q(raised_at__lte=now - timedelta(days=low))
        if high is not None:
            q &= Q(raised_at__gt=now - timedelta(days=high + 1))
        bands[f"b{n}"] = Count("id", filter=q)
    counts = {
        row["kind"]: row
        for row in Flag.objects.open()
        .filter(person__in=people)
        .values("kind")
        .annotate(total=Count("id"), **bands)
        .order_by()
    }
    rows = []
    for kind in sorted(counts, key=lambda code: str(_kind_label(code))):
        row = counts[kind]
        rows.append(
            [_kind_label(kind), *[row[f"b{n}"] for n in range(len(AGE_BANDS))], row["total"]]
        )
    return Figure(
        key="backlog",
        title=_("Åbne flag efter type og alder"),
        columns=[_("Type"), *[label for label, _low, _high in AGE_BANDS], _("I alt")],
        rows=rows,
        series=tuple(range(1, len(AGE_BANDS) + 1)),
        note=_("Flag, der er åbne nu, uanset den valgte periode."),
    )


def _kind_label(code: str) -> str:
    try:
        return str(FlagKind.get(code).label)
    except LookupError:
        return code


def filter_choices(*, user) -> dict:
    """The filters' choices: institutions where someone the user sees has (had) an
    enrolment, their contact persons, and the cohorts. Three queries."""
    visible = _base_people(user).values("pk")
    own = own_institutions(user)
    institutions = Institution.objects.filter(
        pk__in=Enrolment.objects.filter(person__in=visible).values("institution")
    ).order_by("name")
    contacts = (
        get_user_model()
        .objects.filter(caseload__in=visible)
        .distinct()
        .order_by("first_name", "last_name")
    )
    if own is not None:  # institution staff: their own institutions, no contact persons
        institutions = institutions.filter(pk__in=own)
        contacts = contacts.none()
    return {
        "institutions": [(i.pk, i.name) for i in institutions],
        "contact_persons": [(u.pk, str(u)) for u in contacts],
        "cohorts": cohort_years(user),
    }
