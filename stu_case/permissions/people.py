"""Young people: who sees whom (scoping), the grants behind it, and what a role may do.

- the municipality's team group gets view / view_sensitive / change on each of its young
  people when the person is created (``grant_municipal_team``);
- an institution's staff group gets view (never view_sensitive) while an enrolment at that
  institution is open (``grant_institution`` / ``revoke_institution``);
- a visitation committee member gets view / view_sensitive while the case is on the
  committee's agenda (``grant_committee_member`` / ``revoke_committee_member``).
Grants and revokes are called only from services at lifecycle events.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from guardian.shortcuts import assign_perm, remove_perm

from stu_case.accounts import roles

from .actions import Action, rule
from .core import (
    CHANGE,
    VIEW,
    VIEW_SENSITIVE,
    forget_cached_perms,
    has_person_perm,
    has_role,
    in_municipal_team,
    is_active_user,
    is_institution_staff_only,
    model,
    works_for_municipality,
)

TEAM_PERMS = (VIEW, VIEW_SENSITIVE, CHANGE)
INSTITUTION_PERMS = (VIEW,)
COMMITTEE_PERMS = (VIEW, VIEW_SENSITIVE)


# ---------------------------------------------------------------- scoping
def young_people_for(user, perm: str = VIEW) -> QuerySet:
    """Young people ``user`` holds ``perm`` on (through a group or directly). One SQL query."""
    YoungPerson = model("students", "YoungPerson")
    if not is_active_user(user):
        return YoungPerson.objects.none()
    group_perm = model("students", "YoungPersonGroupObjectPermission").objects.filter(
        content_object=OuterRef("pk"),
        permission__codename=perm,
        group__user=user,
    )
    # A grant to one user (a committee member's case on the agenda) holds only within the
    # user's own municipality: a member who moves away takes no case along.
    user_perm = model("students", "YoungPersonUserObjectPermission").objects.filter(
        content_object=OuterRef("pk"),
        content_object__municipality_id=user.municipality_id,
        permission__codename=perm,
        user=user,
    )
    qs = YoungPerson.objects.filter(Exists(group_perm) | Exists(user_perm))
    if is_institution_staff_only(user):
        # Belt and braces: institution staff only ever see students with an open enrolment
        # at one of their own active institutions, whatever a stray grant might say.
        Enrolment = model("students", "Enrolment")
        qs = qs.filter(
            Exists(
                Enrolment.objects.open().filter(
                    person=OuterRef("pk"),
                    institution__is_active=True,
                    institution__memberships__user=user,
                )
            )
        )
    return qs


def q_person_visible(user, prefix: str = "person") -> Q:
    """A ``Q`` for querysets of related rows (flags, enrolments …) scoped by their person."""
    return Q(**{f"{prefix}__in": young_people_for(user).values("pk")})


# ---------------------------------------------------------------- grants (called by services)
def grant_municipal_team(person) -> None:
    group = person.municipality.team_group
    for perm in TEAM_PERMS:
        assign_perm(perm, group, person)


def grant_municipal_team_bulk(municipality, people: QuerySet) -> None:
    """``grant_municipal_team`` for many people of one municipality at once (one insert per
    permission), for bulk loads such as ``seed_bench``."""
    for perm in TEAM_PERMS:
        assign_perm(perm, municipality.team_group, people)


def grant_institution_bulk(institution, people: QuerySet) -> None:
    """``grant_institution`` for many people with an open enrolment at ``institution``."""
    for perm in INSTITUTION_PERMS:
        assign_perm(perm, institution.staff_group, people)


def revoke_municipal_team(municipality, person) -> None:
    """The team of ``municipality`` (the one the person moved away from) loses the person."""
    group = municipality.team_group
    for perm in TEAM_PERMS:
        remove_perm(perm, group, person)


def grant_institution(institution, person) -> None:
    for perm in INSTITUTION_PERMS:
        assign_perm(perm, institution.staff_group, person)


def revoke_institution(institution, person) -> None:
    for perm in INSTITUTION_PERMS:
        remove_perm(perm, institution.staff_group, person)


# The visitation committee's members see a young person's case material only while the case
# is on their meeting's agenda, and a set period after the decision. Those are per-user grants
# in the direct-FK table ``YoungPersonUserObjectPermission``, given and taken only by the
# visitation services (which keep a ledger so that two agendas never undo each other).
def grant_committee_member(user, person) -> None:
    for perm in COMMITTEE_PERMS:
        assign_perm(perm, user, person)
    forget_cached_perms(user)


def revoke_committee_member(user, person) -> None:
    for perm in COMMITTEE_PERMS:
        remove_perm(perm, user, person)
    forget_cached_perms(user)


# ---------------------------------------------------------------- rules
@rule(Action.VIEW_PERSON)
def _view_person(user, person) -> bool:
    """Open the person page: anyone holding view on the person (the municipality's team,
    the staff of an institution where the person has an open enrolment, a committee member
    while the case is on the agenda)."""
    return has_person_perm(user, person, VIEW)


@rule(
    Action.VIEW_SENSITIVE,
    Action.REVEAL_CPR,
    Action.VIEW_HISTORY,
    Action.VIEW_RELATIVES,
    Action.VIEW_LETTERS,
)
def _view_sensitive(user, person) -> bool:
    """Sensitive fields (the birth date among them: it is six of the CPR number's ten digits),
    the full CPR number, the change history, the relatives and the letters sent to them: holders of view_sensitive on
    the person (the team, a committee member on the agenda; never institution staff)."""
    return has_person_perm(user, person, VIEW_SENSITIVE)


@rule(
    Action.EDIT_PERSON,
    Action.EDIT_PLAN,
    Action.EDIT_RELATIVES,
    Action.ACKNOWLEDGE_FLAG,
    Action.SEND_LETTERS,
)
def _edit_case(user, person) -> bool:
    """Write to the person, the plan, relatives and consent, acknowledge flags, and send
    letters (the plan, a hearing; register a hearing's answer, resend or send on paper): the
    editors (``roles.EDITOR_ROLES``: UU, jobcenter, forvaltning) holding change on the person.
    The manager (leder) reads only."""
    return has_role(user, *roles.EDITOR_ROLES) and has_person_perm(user, person, CHANGE)


@rule(Action.EDIT_SOCIAL_NOTES)
def _edit_social_notes(user, person) -> bool:
    """The social case notes: the caseworkers (``roles.CASEWORKER_ROLES``: UU, forvaltning)
    holding change on the person; not the jobcenter."""
    return has_role(user, *roles.CASEWORKER_ROLES) and has_person_perm(user, person, CHANGE)


@rule(Action.CREATE_PERSON)
def _create_person(user, _obj=None) -> bool:
    """Register a new young person: team members who are caseworkers (UU, forvaltning)."""
    return in_municipal_team(user) and has_role(user, *roles.CASEWORKER_ROLES)


@rule(Action.LOOKUP_CPR)
def _lookup_cpr(user, _obj=None) -> bool:
    """Find young people by their exact CPR number in the caseload: everyone working for a
    municipality (the team, the visitation committee). Never institution staff: found or not
    found would tell them a student's CPR number, as the birth date would."""
    return works_for_municipality(user) and not is_institution_staff_only(user)


@rule(Action.TRANSFER_PERSON)
def _transfer_person(user, person) -> bool:
    """Move the case to the municipality the young person has moved to (fraflytning): UU and
    the forvaltning of the municipality that holds the case."""
    return has_role(user, *roles.CASEWORKER_ROLES) and has_person_perm(user, person, CHANGE)


@rule(Action.VIEW_STATISTICS)
def _view_statistics(user, _obj=None) -> bool:
    """The statistics page (counts only): the municipal team incl. the manager (leder), over
    the young people it sees with ``view_sensitive``; institution staff too, but only their
    own institutions' absence and outcome figures (``VIEW_TEAM_STATISTICS`` says who sees
    the rest). Not the visitation committee."""
    return is_active_user(user) and (in_municipal_team(user) or is_institution_staff_only(user))


@rule(Action.VIEW_TEAM_STATISTICS)
def _view_team_statistics(user, _obj=None) -> bool:
    """The statistics page's parts about the municipality's casework (the pipeline before
    STU, the flags and their handling, mentors): the municipal team only."""
    return is_active_user(user) and in_municipal_team(user)


@rule(Action.VIEW_MONEY)
def _view_money(user, _obj=None) -> bool:
    """What STU costs and will cost (the statistics page's money part and its export): the
    team's managers (leder) and the forvaltning (``roles.MONEY_ROLES``), which pays."""
    return _view_team_statistics(user) and has_role(user, *roles.MONEY_ROLES)


@rule(Action.EDIT_BUDGET)
def _edit_budget(user, _obj=None) -> bool:
    """Enter the municipality's yearly STU budget: the team's managers (leder)."""
    return _view_team_statistics(user) and has_role(user, roles.LEDER)
