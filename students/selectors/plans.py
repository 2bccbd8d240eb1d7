"""Reads about THE one education plan."""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Prefetch

from stu_case.permissions import disclosure
from students.models import AGENCY_ORDER, Agency, EducationPlan, GoalProgressNote, PlanGoal


def plan_goals_by_agency(*, plan: EducationPlan, user) -> OrderedDict[str, dict]:
    """The plan's goals by owning agency, as ``user`` may see them (``disclosure``)."""
    goals = (
        PlanGoal.objects.filter(plan=plan)
        .exclude(area__in=disclosure.hidden_goal_areas(user, plan.person))
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "notes",
                queryset=GoalProgressNote.objects.select_related("author").order_by(
                    "-noted_on", "-id"
                ),
            )
        )
        .order_by("target_date", "id")
    )
    grouped: OrderedDict[str, dict] = OrderedDict(
        (a, {"label": Agency(a).label, "goals": []}) for a in AGENCY_ORDER
    )
    for g in goals:
        grouped[g.owning_agency]["goals"].append(g)
    return grouped
