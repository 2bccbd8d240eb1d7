"""Visitation: a person's case before STU (clarification → recommendation → decision) and the
visitation committee's meetings. Models are looked up by name (the platform never imports
the ``visitation`` app)."""

from __future__ import annotations

from django.db.models import QuerySet

from stu_case.accounts import roles

from .actions import Action, rule
from .core import (
    CHANGE,
    VIEW_SENSITIVE,
    has_person_perm,
    has_role,
    in_municipal_team,
    is_active_user,
    model,
)


@rule(Action.VIEW_VISITATION)
def _view_visitation(user, person) -> bool:
    """The case material: holders of view_sensitive on the person (the team; a committee
    member while the case is on the agenda and a set period after the decision)."""
    return has_person_perm(user, person, VIEW_SENSITIVE)


@rule(Action.EDIT_CLARIFICATION)
def _edit_clarification(user, person) -> bool:
    """School coordination, visits, the intro course, wishes: the caseworkers
    (``roles.CASEWORKER_ROLES``: UU, forvaltning) holding change on the person."""
    return has_role(user, *roles.CASEWORKER_ROLES) and has_person_perm(user, person, CHANGE)


@rule(Action.RECOMMEND)
def _recommend(user, person) -> bool:
    """Write the recommendation (indstilling): UU holding change on the person."""
    return has_role(user, roles.UU) and has_person_perm(user, person, CHANGE)


@rule(Action.SIGN_OFF)
def _sign_off(user, person) -> bool:
    """Pre-coordination of a recommendation (``roles.SIGN_OFF_ROLES``: forvaltning and the
    jobcenter, each for its own agency) holding change on the person."""
    return has_role(user, *roles.SIGN_OFF_ROLES) and has_person_perm(user, person, CHANGE)


@rule(Action.REGISTER_APPEAL)
def _register_appeal(user, person) -> bool:
    """Register an appeal of a decision: the editors (UU, jobcenter, forvaltning) holding change
    on the person, or a committee member holding view_sensitive."""
    return (has_role(user, *roles.EDITOR_ROLES) and has_person_perm(user, person, CHANGE)) or (
        has_role(user, roles.VISITATION) and has_person_perm(user, person, VIEW_SENSITIVE)
    )


def committee_memberships_of(user) -> QuerySet:
    """The user's active memberships of their municipality's visitation committee."""
    CommitteeMember = model("visitation", "CommitteeMember")
    if not is_active_user(user):
        return CommitteeMember.objects.none()
    return CommitteeMember.objects.filter(
        user=user, is_active=True, committee__municipality_id=user.municipality_id
    )


def meetings_for(user) -> QuerySet:
    """Committee meetings a user may open: the committee's members and the municipal team.

    The agenda items on a meeting are still scoped person by person (``young_people_for``).
    """
    Meeting = model("visitation", "Meeting")
    if not is_active_user(user):
        return Meeting.objects.none()
    if in_municipal_team(user):
        return Meeting.objects.filter(committee__municipality_id=user.municipality_id)
    return Meeting.objects.filter(
        committee__in=committee_memberships_of(user).values("committee_id")
    )


@rule(Action.MANAGE_COMMITTEE_MEETINGS)
def _manage_committee_meetings(user, committee) -> bool:
    """Plan meetings, set the agenda and write minutes: the committee's chair, secretary or a
    voting member from the administration (never UU, who recommends)."""
    return (
        committee_memberships_of(user)
        .filter(committee=committee, kind__in=("voting", "secretary"))
        .exists()
    )


@rule(Action.RECORD_DECISION)
def _record_decision(user, agenda_item) -> bool:
    """Record the decision on an agenda item: a voting member or the secretary of the
    meeting's committee holding view_sensitive on the person, never the recommender."""
    if agenda_item.recommendation.recommended_by_id == getattr(user, "pk", None):
        return False
    return _manage_committee_meetings(user, agenda_item.meeting.committee) and has_person_perm(
        user, agenda_item.person, VIEW_SENSITIVE
    )
