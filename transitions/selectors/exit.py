"""Reads for the final year and the exit from STU."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.calendar import add_months
from stu_case.formats import short_date
from stu_case.permissions import Action
from students.models import Enrolment, EnrolmentStatus, Flag
from transitions import flags as transition_flags
from transitions.models.exit import (
    Destination,
    EndConversation,
    ExitPlan,
    ExitRule,
    ExitTask,
    FollowUp,
    FollowUpPoint,
    FunctionalDescription,
    FunctionalDescriptionHandover,
    JobcenterInvolvement,
)


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    A fixed number of queries whatever the length of the checklist.
    """
    today = timezone.localdate()
    enrolment = person.enrolments.select_related("institution").current()
    final_year = bool(enrolment and enrolment.in_final_year_on(today))
    rule = ExitRule.for_municipality(person.municipality_id)
    latest_conversation = (
        add_months(enrolment.planned_end_date, -rule.end_conversation_months_before)
        if enrolment
        else None
    )
    conversation = EndConversation.objects.filter(person=person).first()
    description = (
        FunctionalDescription.objects.filter(person=person).select_related("template").first()
    )
    handovers = list(
        FunctionalDescriptionHandover.objects.filter(person=person)
        .select_related("handed_over_by", "handed_over_to")
        .defer("pdf")
    )
    tasks = list(ExitTask.objects.filter(person=person).select_related("responsible", "done_by"))
    return {
        "exit_enrolment": enrolment,
        "exit_final_year": final_year,
        "exit_latest_conversation": latest_conversation,
        "exit_involvement": JobcenterInvolvement.objects.filter(person=person)
        .select_related("contact")
        .first(),
        "exit_tasks": tasks,
        "exit_tasks_done": sum(1 for t in tasks if t.is_done),
        "exit_conversation": conversation,
        "exit_conversation_late": bool(
            conversation and latest_conversation and conversation.scheduled_on > latest_conversation
        ),
        "exit_conversation_flag": Flag.objects.open()
        .filter(person=person, kind=transition_flags.END_CONVERSATION_MISSING)
        .first(),
        "exit_plan": ExitPlan.objects.filter(person=person).select_related("updated_by").first(),
        "exit_description": description,
        "exit_handovers": handovers,
        "exit_follow_ups": list(
            FollowUp.objects.filter(person=person).select_related("recorded_by")
        ),
        "exit_can_edit": permissions.can(
            user, Action.EDIT_TRANSITIONS, person, final_year=final_year
        ),
        "exit_today": today,
    }


def exit_status_for(*, person_ids) -> dict[int, str]:
    """Short Danish final-year/exit status per person (for the status-meeting agenda), e.g.
    "Sidste år (slut 30.06.2027) – afslutningssamtale 12.05.2027 – forventet: fleksjob –
    opgaver 2/6 udført". Persons with nothing to say are left out. Four queries."""
    ids = list(person_ids)
    if not ids:
        return {}
    today = timezone.localdate()
    enrolments = {
        e.person_id: e
        for e in Enrolment.objects.open()
        .filter(person_id__in=ids)
        .only("person_id", "planned_end_date", "status")
    }
    in_final = [pid for pid, e in enrolments.items() if e.in_final_year_on(today)]
    if not in_final:
        return {}
    conversations = dict(
        EndConversation.objects.filter(person_id__in=in_final).values_list(
            "person_id", "scheduled_on"
        )
    )
    destinations = dict(
        ExitPlan.objects.filter(person_id__in=in_final)
        .exclude(expected_destination="")
        .values_list("person_id", "expected_destination")
    )
    task_counts = {
        row["person_id"]: row
        for row in ExitTask.objects.filter(person_id__in=in_final)
        .values("person_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(done_at__isnull=False)),
            overdue=Count("id", filter=Q(done_at__isnull=True, due_date__lt=today)),
        )
    }
    out: dict[int, str] = {}
    for pid in in_final:
        parts = [
            _("Sidste år (slut %(end)s)") % {"end": short_date(enrolments[pid].planned_end_date)}
        ]
        if pid in conversations:
            parts.append(
                _("afslutningssamtale %(date)s") % {"date": short_date(conversations[pid])}
            )
        else:
            parts.append(_("afslutningssamtale ikke planlagt"))
        if pid in destinations:
            parts.append(
                _("forventet: %(dest)s")
                % {"dest": str(Destination(destinations[pid]).label).lower()}
            )
        counts = task_counts.get(pid)
        if counts:
            text = _("opgaver %(done)s/%(total)s udført") % counts
            if counts["overdue"]:
                text += " " + _("(%(n)s overskredet)") % {"n": counts["overdue"]}
            parts.append(text)
        out[pid] = " – ".join(parts)
    return out


# ---------------------------------------------------------------- statistics
def statistics(*, user, year: int | None = None) -> dict:
    """Destinations after STU for the user's municipality: expected (exit plan) vs actual at 3
    and 12 months, per year of ending. Three queries (plus the scoping subquery) whatever the number of young people.

    The population is everyone visible to the user whose STU was completed (they have
    follow-ups, created by ``follow_ups_create``), grouped by the year STU ended.
    """
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    # Interrupted STU is followed up too, but the comparison is about completed STU.
    base = FollowUp.objects.filter(person__in=visible, enrolment__status=EnrolmentStatus.COMPLETED)
    per_year = _per_year(base)
    years = sorted(per_year, reverse=True)
    if year is not None:
        base = base.filter(ended_on__year=year)
    actual = defaultdict(int)
    recorded = defaultdict(int)
    ended = 0
    as_expected = defaultdict(int)
    for row in (
        base.values("months", "destination")
        .annotate(
            n=Count("id"),
            as_expected=Count(
                "id", filter=Q(destination=F("person__exit_plan__expected_destination"))
            ),
        )
        .order_by()
    ):
        if row["months"] == FollowUpPoint.THREE:
            ended += row["n"]
        if row["destination"]:
            actual[(row["months"], row["destination"])] += row["n"]
            recorded[row["months"]] += row["n"]
            as_expected[row["months"]] += row["as_expected"]
    expected = _expected_destinations(base)
    rows = [
        {
            "value": value,
            "label": label,
            "expected": expected.get(value, 0),
            "three": actual.get((FollowUpPoint.THREE, value), 0),
            "twelve": actual.get((FollowUpPoint.TWELVE, value), 0),
        }
        for value, label in Destination.choices
    ]
    return {
        "years": years,
        "per_year": [per_year[y] for y in years],
        "year": year,
        "rows": rows,
        "ended": ended,
        "expected_total": sum(expected.values()),
        "recorded_three": recorded.get(FollowUpPoint.THREE, 0),
        "recorded_twelve": recorded.get(FollowUpPoint.TWELVE, 0),
        "as_expected_three": as_expected.get(FollowUpPoint.THREE, 0),
        "as_expected_twelve": as_expected.get(FollowUpPoint.TWELVE, 0),
        "chart": {
            "labels": [str(r["label"]) for r in rows],
            "expected": [r["expected"] for r in rows],
            "three": [r["three"] for r in rows],
            "twelve": [r["twelve"] for r in rows],
            "names": {
                "expected": _("Forventet (udslusningsplan)"),
                "three": _("Efter 3 måneder"),
                "twelve": _("Efter 12 måneder"),
                "axis": _("Antal unge"),
            },
        },
    }


def _per_year(base) -> dict[int, dict]:
    """Per year of ending: how many ended, and how many have a destination at 3 and 12 months."""
    per_year: dict[int, dict] = {}
    for row in (
        base.values("ended_on__year", "months")
        .annotate(n=Count("id"), recorded=Count("id", filter=~Q(destination="")))
        .order_by()
    ):
        entry = per_year.setdefault(
            row["ended_on__year"],
            {"year": row["ended_on__year"], "ended": 0, "three": 0, "twelve": 0},
        )
        if row["months"] == FollowUpPoint.THREE:
            entry["ended"] = row["n"]
            entry["three"] = row["recorded"]
        else:
            entry["twelve"] = row["recorded"]
    return per_year


def _expected_destinations(base) -> defaultdict[str, int]:
    """The exit plans' expected destinations of the people followed up (no plan: other)."""
    expected = defaultdict(int)
    for row in (
        ExitPlan.objects.filter(
            person__in=base.filter(months=FollowUpPoint.THREE).values("person_id")
        )
        .values("expected_destination")
        .annotate(n=Count("id"))
    ):
        expected[row["expected_destination"] or Destination.OTHER] += row["n"]
    return expected
