"""visitation's part of the statistics page: the pipeline before STU.

Over the young people in the page's scope (``students.selectors.statistics.people_in_scope``):
how many reached each stage in each month (first contact, clarification, recommendation,
decision, start of STU), the time from first contact to recommendation and from
recommendation to decision, the committee's decisions and the appeals against them, and how
many were granted their first-choice institution. A fixed number of queries (seven).
"""

from __future__ import annotations

from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Least, TruncDate, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stu_case.figures import DaysBetween, Figure, Median
from students.models import Enrolment, YoungPerson
from students.selectors.statistics import StatisticsFilters, month_label, people_in_scope
from visitation.models import (
    Appeal,
    AppealOutcome,
    Decision,
    InstitutionVisit,
    IntroCourse,
    Outcome,
    Recommendation,
    Wish,
)


def _first(model, field: str, *, output, **conditions):
    """The person's earliest ``field`` on ``model`` (a subquery), or NULL."""
    return Subquery(
        model.objects.filter(person=OuterRef("pk"), **conditions)
        .order_by()
        .values("person")
        .annotate(first=Min(field))
        .values("first")[:1],
        output_field=output,
    )


def stage_days():
    """Per person, the day each stage was first reached (annotations on ``YoungPerson``)."""
    return {
        "contact_day": TruncDate("created_at"),
        "clarification_day": Least(
            _first(InstitutionVisit, "visited_on", output=DateField()),
            _first(IntroCourse, "start_date", output=DateField()),
        ),
        "recommended_day": TruncDate(
            _first(
                Recommendation, "submitted_at", output=DateTimeField(), submitted_at__isnull=False
            )
        ),
        "decided_day": _first(Decision, "decided_on", output=DateField()),
        "enrolled_day": _first(Enrolment, "start_date", output=DateField()),
    }


def pipeline_figures(user, filters: StatisticsFilters) -> list[Figure]:
    people = YoungPerson.objects.filter(pk__in=people_in_scope(user, filters)).annotate(
        **stage_days()
    )
    return [
        _funnel(people, filters),
        _durations(people, filters),
        _decisions(user, filters),
        _first_choice(user, filters),
    ]


STAGES = (
    ("contact_day", gettext_lazy("Første kontakt")),
    ("clarification_day", gettext_lazy("Afklaring begyndt")),
    ("recommended_day", gettext_lazy("Indstillet")),
    ("decided_day", gettext_lazy("Afgørelse truffet")),
    ("enrolled_day", gettext_lazy("Startet på STU")),
)


def _funnel(people, filters: StatisticsFilters) -> Figure:
    """Per month, how many first reached each stage. One query per stage."""
    counts: dict[tuple[str, object], int] = {}
    for stage, _label in STAGES:
        for row in (
            people.filter(**{f"{stage}__range": (filters.start, filters.end)})
            .annotate(month=TruncMonth(stage, output_field=DateField()))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[(stage, row["month"])] = row["n"]
    rows = [
        [month_label(m), *[counts.get((stage, m), 0) for stage, _label in STAGES]]
        for m in filters.months()
    ]
    totals = [sum(row[i] for row in rows) for i in range(1, len(STAGES) + 1)]
    return Figure(
        key="pipeline",
        title=_("Tilgang pr. måned: hvor mange nåede hvert trin"),
        columns=[_("Måned"), *[label for _stage, label in STAGES]],
        rows=[*rows, [_("I alt"), *totals]],
        total_row=True,
        note=_(
            "Første kontakt er den dag, den unge blev oprettet. En ung tælles i den måned, "
            "trinnet blev nået første gang."
        ),
    )


def _durations(people, filters: StatisticsFilters) -> Figure:
    """Median and average days from first contact to recommendation (recommended in the
    period) and from recommendation to decision (decided in the period). One query."""
    period = (filters.start, filters.end)
    to_rec = DaysBetween("contact_day", "recommended_day")
    to_dec = DaysBetween("recommended_day", "decided_day")
    in_rec = Q(recommended_day__range=period)
    in_dec = Q(decided_day__range=period, recommended_day__isnull=False)
    numbers = people.aggregate(
        rec_n=Count("pk", filter=in_rec),
        rec_median=Median(to_rec, filter=in_rec),
        rec_max=Max(to_rec, filter=in_rec),
        dec_n=Count("pk", filter=in_dec),
        dec_median=Median(to_dec, filter=in_dec),
        dec_max=Max(to_dec, filter=in_dec),
    )
    return Figure(
        key="pipeline-time",
        title=_("Sagsbehandlingstid i dage"),
        columns=[_("Fra – til"), _("Antal unge"), _("Median (dage)"), _("Længste (dage)")],
        rows=[
            [
                _("Første kontakt – indstilling"),
                numbers["rec_n"],
                _round(numbers["rec_median"]),
                numbers["rec_max"],
            ],
            [
                _("Indstilling – afgørelse"),
                numbers["dec_n"],
                _round(numbers["dec_median"]),
                numbers["dec_max"],
            ],
        ],
        series=(2,),
    )


def _round(value):
    return None if value is None else round(value, 1)


def _decisions(user, filters: StatisticsFilters) -> Figure:
    """The committee's decisions in the period by outcome, how many were appealed, and the
    appeals' outcomes so far. Two queries."""
    decisions = Decision.objects.filter(
        person__in=people_in_scope(user, filters), decided_on__range=(filters.start, filters.end)
    )
    by_outcome = {
        row["outcome"]: row
        for row in decisions.values("outcome")
        .annotate(
            n=Count("pk"),
            appealed=Count("pk", filter=Exists(Appeal.objects.filter(decision=OuterRef("pk")))),
        )
        .order_by()
    }
    appeals = {
        row["outcome"]: row["n"]
        for row in Appeal.objects.filter(decision__in=decisions)
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        [label, by_outcome.get(value, {}).get("n", 0), by_outcome.get(value, {}).get("appealed", 0)]
        for value, label in Outcome.choices
    ]
    rows.append([_("I alt"), sum(r[1] for r in rows), sum(r[2] for r in rows)])
    rows += [
        [_("Klager: %(udfald)s") % {"udfald": label}, "", appeals.get(value, 0)]
        for value, label in AppealOutcome.choices
    ]
    return Figure(
        key="decisions",
        title=_("Afgørelser og klager"),
        columns=[_("Afgørelse / klagens udfald"), _("Afgørelser"), _("Påklaget")],
        rows=rows,
        chart="",
        note=_("Afgørelser truffet i perioden; klagerne er dem over disse afgørelser."),
    )


def _first_choice(user, filters: StatisticsFilters) -> Figure:
    """Granted decisions in the period: with wishes recorded, and with the first wish's
    institution granted. One query."""
    first_wish = Wish.objects.filter(person=OuterRef("person"), rank=1)
    numbers = Decision.objects.filter(
        person__in=people_in_scope(user, filters),
        decided_on__range=(filters.start, filters.end),
        outcome=Outcome.GRANTED,
    ).aggregate(
        granted=Count("pk"),
        with_wishes=Count("pk", filter=Exists(first_wish)),
        first=Count("pk", filter=Exists(first_wish.filter(institution=OuterRef("institution")))),
    )
    share = (
        round(numbers["first"] * 100 / numbers["with_wishes"]) if numbers["with_wishes"] else None
    )
    return Figure(
        key="first-choice",
        title=_("Fik den unge sit førsteønske?"),
        columns=[_("Bevilget STU"), _("Antal")],
        rows=[
            [_("Bevilget i perioden"), numbers["granted"]],
            [_("Heraf med ønsker registreret"), numbers["with_wishes"]],
            [_("Heraf bevilget på førsteønsket"), numbers["first"]],
            [_("Andel med førsteønsket (%)"), share],
        ],
        chart="",
    )
