"""Visitation reads: the committee, its meetings and agendas, and the recommendations
that can go on an agenda.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from stu_case import permissions
from visitation.models.committee import AgendaItem, Committee, CommitteeMember, Meeting, MemberKind
from visitation.models.recommendations import (
    OfferedInstitution,
    Recommendation,
    RecommendationStatus,
)
from visitation.services import recommendations as recommendation_services


def committee_of(*, user) -> Committee | None:
    if not user.municipality_id:
        return None
    return Committee.objects.filter(municipality_id=user.municipality_id).first()


def meetings(*, user) -> QuerySet[Meeting]:
    from django.db.models import Count

    return (
        permissions.meetings_for(user)
        .select_related("committee")
        .annotate(item_count=Count("items"))
        .order_by("-starts_at")
    )


def meeting_detail(*, user, pk) -> Meeting:
    try:
        return permissions.meetings_for(user).select_related("committee__municipality").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def agenda(*, user, meeting) -> list[AgendaItem]:
    """The agenda items whose person the user may see (scoped person by person)."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return list(
        meeting.items.filter(person__in=visible)
        .select_related(
            "person",
            "presenter",
            "recommendation__proposed_institution",
            "decision__institution",
        )
        .prefetch_related(
            Prefetch(
                "recommendation__offers",
                queryset=OfferedInstitution.objects.select_related("institution"),
            )
        )
        .order_by("position")
    )


def hidden_agenda_count(*, user, meeting) -> int:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return meeting.items.exclude(person__in=visible).count()


def recommendations_in_pipeline(*, user, committee) -> tuple[list, list]:
    """(ready, waiting): recommendations that can go on an agenda, and those that cannot yet
    with the reasons why.

    A submitted recommendation is addressed to the committee, so whoever manages its meetings
    sees the list (name, proposed institution, what is missing) to build the agenda — but not
    the case material, which opens only once the case is on the agenda. The view logs the read.
    """
    if not permissions.can_manage_meetings(user, committee):
        return [], []
    recs = list(
        Recommendation.objects.filter(
            person__municipality_id=committee.municipality_id,
            status__in=[RecommendationStatus.SUBMITTED, RecommendationStatus.READY],
        )
        .select_related("person", "recommended_by", "proposed_institution")
        .prefetch_related("sign_offs")
        .order_by("submitted_at", "pk")
    )
    ready, waiting = [], []
    for rec in recs:
        rec.blockers = recommendation_services.agenda_blockers(rec)
        (waiting if rec.blockers else ready).append(rec)
    return ready, waiting


def committee_members(*, committee) -> list[CommitteeMember]:
    return list(committee.members.filter(is_active=True).select_related("user"))


def voting_members(*, committee) -> list[CommitteeMember]:
    return [m for m in committee_members(committee=committee) if m.kind == MemberKind.VOTING]
