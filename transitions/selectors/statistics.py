"""transitions' part of the statistics page: what became of each cohort.

A cohort is the year a young person started STU (their first enrolment; a change of
institution does not start a new cohort). Per cohort: how many completed, were interrupted
(and when, counted from the start), are still in STU, and how pauses ended; and where the
young people are 3 and 12 months after STU against the exit plan's expectation, completed and
interrupted STU apart. A fixed number of queries (four), over
``students.selectors.statistics.people_in_scope``.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, DateField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.figures import DaysBetween, Figure
from stu_case.permissions import Action
from students.models import Enrolment, EnrolmentStatus, MentorAssignment, YoungPerson
from students.selectors.statistics import StatisticsFilters, cohort_start, people_in_scope
from transitions.models import Destination, ExitPlan, FollowUp, FollowUpPoint, Pause, PauseStatus

DAYS_PER_YEAR = 365
OPEN = (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED)
# A pause that was granted (and so happened or is happening).
GRANTED_PAUSE = (PauseStatus.APPROVED, PauseStatus.RESUMED, PauseStatus.ENDED)


def _latest(field: str, output=None):
    """A field of the person's latest enrolment (the one that says how STU went)."""
    return Subquery(
        Enrolment.objects.filter(person=OuterRef("pk"))
        .order_by("-start_date", "-pk")
        .values(field)[:1],
        output_field=output,
    )


def cohort_figures(user, filters: StatisticsFilters) -> list[Figure]:
    people = YoungPerson.objects.filter(pk__in=people_in_scope(user, filters))
    cohorts = (
        people.annotate(started_on=cohort_start())
        .annotate(cohort=ExtractYear("started_on"))
        .exclude(cohort=None)
    )
    figures = [_cohorts(cohorts), _pauses(cohorts), _destinations(people)]
    if permissions.can(user, Action.VIEW_TEAM_STATISTICS):
        figures.append(_mentors(people))
    return figures


def _cohorts(cohorts) -> Figure:
    """Per cohort: started, still in STU, completed, interrupted in year 1, 2, 3 or later.
    One query."""
    dropped = Q(last_status=EnrolmentStatus.DROPPED_OUT)
    counted = (
        cohorts.annotate(last_status=_latest("status"), last_end=_latest("end_date", DateField()))
        .annotate(days_in=DaysBetween("started_on", "last_end"))
        .values("cohort")
        .annotate(
            started=Count("pk"),
            open=Count("pk", filter=Q(last_status__in=OPEN)),
            completed=Count("pk", filter=Q(last_status=EnrolmentStatus.COMPLETED)),
            dropped=Count("pk", filter=dropped),
            year1=Count("pk", filter=dropped & Q(days_in__lt=DAYS_PER_YEAR)),
            year2=Count(
                "pk",
                filter=dropped & Q(days_in__gte=DAYS_PER_YEAR, days_in__lt=2 * DAYS_PER_YEAR),
            ),
            later=Count("pk", filter=dropped & Q(days_in__gte=2 * DAYS_PER_YEAR)),
        )
        .order_by("-cohort")
    )
    keys = ("started", "open", "completed", "dropped", "year1", "year2", "later")
    rows = [[row["cohort"], *[row[k] for k in keys], _share(row)] for row in counted]
    return Figure(
        key="cohorts",
        title=_("Årgange: gennemført og afbrudt"),
        columns=[
            _("Årgang (startår)"),
            _("Startet"),
            _("Stadig i STU"),
            _("Gennemført"),
            _("Afbrudt"),
            _("Afbrudt i 1. år"),
            _("Afbrudt i 2. år"),
            _("Afbrudt i 3. år eller senere"),
            _("Gennemført af afsluttede (%)"),
        ],
        rows=rows,
        series=(3, 4),
        note=_(
            "En årgang er året for den første start på STU; skift af institution er ikke en "
            "ny start. Årgange vises uanset den valgte periode."
        ),
    )


def _share(row) -> float | None:
    ended = row["completed"] + row["dropped"]
    return round(row["completed"] * 100 / ended) if ended else None


def _pauses(cohorts) -> Figure:
    """Per cohort: young people who had a pause, and what the pause led to. One query."""
    pauses = Pause.objects.filter(person=OuterRef("pk"))
    counted = (
        cohorts.values("cohort")
        .annotate(
            paused=Count("pk", filter=Exists(pauses.filter(status__in=GRANTED_PAUSE))),
            resumed=Count("pk", filter=Exists(pauses.filter(status=PauseStatus.RESUMED))),
            ended=Count("pk", filter=Exists(pauses.filter(status=PauseStatus.ENDED))),
            ongoing=Count("pk", filter=Exists(pauses.filter(status=PauseStatus.APPROVED))),
        )
        .order_by("-cohort")
    )
    keys = ("paused", "resumed", "ended", "ongoing")
    return Figure(
        key="pauses",
        title=_("Pauser og hvad de førte til"),
        columns=[
            _("Årgang (startår)"),
            _("Har haft pause"),
            _("Vendt tilbage til STU"),
            _("Pausen endte med afbrud"),
            _("På pause nu"),
        ],
        rows=[[row["cohort"], *[row[k] for k in keys]] for row in counted],
        note=_("En ung med flere pauser tælles én gang i hver kolonne, der passer."),
    )


def _destinations(people) -> Figure:
    """Where the young people are 3 and 12 months after STU, completed and interrupted STU
    apart, against the exit plan's expected destination. Two queries."""
    follow_ups = FollowUp.objects.filter(
        person__in=people.values("pk"),
        enrolment__status__in=(EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED_OUT),
    )
    actual: defaultdict[tuple, int] = defaultdict(int)
    for row in (
        follow_ups.exclude(destination="")
        .values("enrolment__status", "months", "destination")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        actual[(row["enrolment__status"], row["months"], row["destination"])] += row["n"]
    expected: defaultdict[str, int] = defaultdict(int)
    for row in (
        ExitPlan.objects.filter(
            person__in=follow_ups.filter(
                months=FollowUpPoint.THREE, enrolment__status=EnrolmentStatus.COMPLETED
            ).values("person_id")
        )
        .values("expected_destination")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        expected[row["expected_destination"] or Destination.OTHER] += row["n"]
    done, dropped = EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED_OUT
    three, twelve = FollowUpPoint.THREE, FollowUpPoint.TWELVE
    rows = [
        [
            label,
            expected.get(value, 0),
            actual[(done, three, value)],
            actual[(done, twelve, value)],
            actual[(dropped, three, value)],
            actual[(dropped, twelve, value)],
        ]
        for value, label in Destination.choices
    ]
    totals = [sum(row[i] for row in rows) for i in range(1, 6)]
    return Figure(
        key="destinations",
        title=_("Veje efter STU: forventet og faktisk"),
        columns=[
            _("Vej efter STU"),
            _("Forventet (gennemført)"),
            _("Gennemført, efter 3 mdr."),
            _("Gennemført, efter 12 mdr."),
            _("Afbrudt, efter 3 mdr."),
            _("Afbrudt, efter 12 mdr."),
        ],
        rows=[*rows, [_("I alt registreret"), *totals]],
        total_row=True,
        note=_("Afbrudte forløb er deres egen gruppe. Kun opfølgninger med en registreret vej."),
    )


def _mentors(people) -> Figure:
    """Young people whose STU has ended, with and without a mentor or support person at some
    point, and how their STU ended. One query."""
    ended = (
        people.annotate(last_status=_latest("status"))
        .filter(last_status__in=(EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED_OUT))
        .annotate(mentor=Exists(MentorAssignment.objects.filter(person=OuterRef("pk"))))
        .values("mentor")
        .annotate(
            n=Count("pk"),
            completed=Count("pk", filter=Q(last_status=EnrolmentStatus.COMPLETED)),
        )
        .order_by()
    )
    by = {row["mentor"]: row for row in ended}
    rows = []
    for mentor, label in ((True, _("Med mentor eller støttekontaktperson")), (False, _("Uden"))):
        row = by.get(mentor, {"n": 0, "completed": 0})
        share = round(row["completed"] * 100 / row["n"]) if row["n"] else None
        rows.append([label, row["n"], row["completed"], row["n"] - row["completed"], share])
    return Figure(
        key="mentors",
        title=_("Afsluttet STU med og uden mentor"),
        columns=[_("Unge"), _("Afsluttet STU"), _("Gennemført"), _("Afbrudt"), _("Gennemført (%)")],
        rows=rows,
        chart="",
        note=_(
            "Det er iagttagelser, ikke virkninger: unge med og uden mentor adskiller sig på "
            "mange måder, så forskellen viser ikke, hvad mentoren har gjort."
        ),
    )
