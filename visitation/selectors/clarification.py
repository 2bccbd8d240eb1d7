"""Visitation reads: who is coming and when, and the clarification before STU."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from stu_case import permissions
from students.models import PersonStatus, YoungPerson
from visitation.models.clarification import (
    RECOMMENDED_MIN_VISITED,
    InstitutionVisit,
    IntroCourse,
    Wish,
)
from visitation.models.decisions import Decision, Outcome
from visitation.models.recommendations import (
    OPEN_RECOMMENDATION_STATUSES,
    Recommendation,
    RecommendationStatus,
)

PIPELINE_STATUSES = (
    PersonStatus.CANDIDATE,
    PersonStatus.CLARIFICATION,
    PersonStatus.RECOMMENDED,
    PersonStatus.DECIDED,
)


def institutions():
    """The catalogue's active institutions (choices for visits, wishes and offers)."""
    Institution = apps.get_model("institutions", "Institution")
    return Institution.objects.filter(is_active=True).order_by("name")


def candidates(*, user, filters: dict | None = None) -> QuerySet[YoungPerson]:
    """Young people on their way to STU, by when they are expected to start.

    Constant number of queries: one for the people (with the open recommendation and the
    expected start annotated) and one prefetch each for visits and introduction courses.
    """
    filters = filters or {}
    open_rec = Recommendation.objects.filter(
        person=OuterRef("pk"), status__in=OPEN_RECOMMENDATION_STATUSES
    )
    granted = Decision.objects.filter(person=OuterRef("pk"), outcome=Outcome.GRANTED).order_by(
        "-decided_on", "-pk"
    )
    qs = (
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
        .filter(status__in=filters.get("statuses") or PIPELINE_STATUSES)
        .select_related("contact_person", "school_coordination")
        .annotate(
            coming_on=Coalesce(
                Subquery(granted.values("start_date")[:1]),
                Subquery(open_rec.values("proposed_start")[:1]),
                "school_coordination__expected_start",
            ),
            rec_status=Subquery(open_rec.values("status")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "institution_visits",
                queryset=InstitutionVisit.objects.only("id", "person_id", "institution_id"),
                to_attr="visits_list",
            ),
            Prefetch(
                "intro_courses",
                queryset=IntroCourse.objects.only("id", "person_id", "institution_id"),
                to_attr="courses_list",
            ),
        )
    )
    if filters.get("start_from"):
        qs = qs.filter(coming_on__gte=filters["start_from"])
    if filters.get("start_to"):
        qs = qs.filter(coming_on__lte=filters["start_to"])
    if filters.get("q"):
        for term in filters["q"].split():
            qs = qs.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    return qs.order_by("coming_on", "last_name", "first_name", "pk")


def annotate_candidates(people: list[YoungPerson]) -> list[YoungPerson]:
    """Derived facts for the list (no queries: uses the prefetched rows)."""
    labels = dict(RecommendationStatus.choices)
    for p in people:
        visited = {v.institution_id for v in p.visits_list} | {
            c.institution_id for c in p.courses_list
        }
        p.visited_count = len(visited)
        p.too_few_visits = p.visited_count < RECOMMENDED_MIN_VISITED
        p.rec_status_label = labels.get(p.rec_status, "")
        coordination = getattr(p, "school_coordination", None)
        p.coordination = coordination
        p.meeting_late = bool(coordination and coordination.meeting_late)
    return people


def term_label(day: date | None) -> str:
    if day is None:
        return ""
    return f"{'Sommer' if day.month >= 6 else 'Vinter'} {day.year}"


def visits(*, person) -> QuerySet[InstitutionVisit]:
    return person.institution_visits.select_related("institution", "recorded_by")


def intro_courses(*, person) -> QuerySet[IntroCourse]:
    return person.intro_courses.select_related("institution", "recorded_by")


def wishes(*, person) -> QuerySet[Wish]:
    return person.wishes.select_related("institution").order_by("rank")
