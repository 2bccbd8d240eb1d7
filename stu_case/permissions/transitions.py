"""Transitions: pauses, interruption, housing, mentors, the final year, exit and follow-up;
the quarterly status meetings; internships. Models are looked up by name (the platform never
imports the ``transitions`` app).

The jobcenter follows a student quietly (read-only) for two years and becomes an active
planner when the open enrolment enters its final 12 months. UU and the social administration
(forvaltning) edit throughout; the manager (leder) reads; institution staff see only what the
portal gives them (status requests, internships of their own students).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from stu_case.accounts import roles

from .actions import Action, rule
from .core import (
    CHANGE,
    VIEW,
    VIEW_SENSITIVE,
    has_person_perm,
    has_role,
    in_municipal_team,
    is_active_user,
    is_institution_staff,
    model,
)
from .institutions import enrolments_for_institution_user, institutions_for


def person_in_final_year(person, day=None) -> bool:
    """Whether the person's open enrolment is in its final 12 months (cached on the object)."""
    key = ("_stu_final_year", day)
    cached = getattr(person, "_stu_final_year_cache", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    enrolment = person.enrolments.only("planned_end_date", "status").current()
    answer = bool(enrolment and enrolment.in_final_year_on(day))
    person._stu_final_year_cache = (key, answer)
    return answer


# ---------------------------------------------------------------- a person's transitions data
@rule(Action.VIEW_TRANSITIONS)
def _view_transitions(user, person) -> bool:
    """The transitions page and its sections: the municipal team holding view_sensitive on
    the person."""
    return in_municipal_team(user) and has_person_perm(user, person, VIEW_SENSITIVE)


@rule(Action.EDIT_TRANSITIONS)
def _edit_transitions(user, person, *, final_year: bool | None = None) -> bool:
    """Pauses, interruption, housing, mentors, the final year, exit plan, functional
    description, follow-up: holders of change on the person who are caseworkers (UU,
    forvaltning), or the jobcenter once the enrolment is in its final year."""
    if not has_person_perm(user, person, CHANGE):
        return False
    if has_role(user, *roles.CASEWORKER_ROLES):
        return True
    if has_role(user, roles.JOBCENTER):
        return person_in_final_year(person) if final_year is None else final_year
    return False


@rule(Action.APPROVE_PAUSE)
def _approve_pause(user, person) -> bool:
    """Approve a pause (the municipality approves): caseworkers (UU, forvaltning) holding
    change on the person."""
    return has_person_perm(user, person, CHANGE) and has_role(user, *roles.CASEWORKER_ROLES)


@rule(Action.MANAGE_ENROLMENT)
def _manage_enrolment(user, person) -> bool:
    """The enrolment's life from the case page (complete STU, transfer to another institution,
    move the planned end, end the clarification phase, register an education started
    elsewhere): caseworkers (UU, forvaltning) holding change on the person."""
    return has_person_perm(user, person, CHANGE) and has_role(user, *roles.CASEWORKER_ROLES)


@rule(Action.VIEW_EXIT_STATISTICS)
def _view_exit_statistics(user, _obj=None) -> bool:
    """Destinations after STU (counts only, scoped to the people a user sees): the municipal
    team incl. the manager (leder)."""
    return bool(getattr(user, "is_active", False)) and in_municipal_team(user)


# ---------------------------------------------------------------- status meetings
# The municipality's team (UU, jobcenter, forvaltning, leder) takes part in its own status
# meetings: everyone in it may record status, decisions and actions in meeting mode (the
# jobcenter too, also before a student's final year: the meeting is the team's joint forum).
# Institution staff only see their own institutions' status requests and answer them for
# their own enrolled students.
def status_meetings_for(user) -> QuerySet:
    """Status meetings of the user's municipality (municipal team only). One query."""
    StatusMeeting = model("transitions", "StatusMeeting")
    if not is_active_user(user) or not in_municipal_team(user):
        return StatusMeeting.objects.none()
    return StatusMeeting.objects.filter(municipality_id=user.municipality_id)


def _status_meeting_open_to(user, meeting) -> bool:
    if not in_municipal_team(user):
        return False
    return meeting is None or meeting.municipality_id == user.municipality_id


@rule(Action.VIEW_STATUS_MEETINGS)
def _view_status_meetings(user, meeting=None) -> bool:
    """The municipality's status meetings (the list, a meeting, its minutes): its team."""
    return _status_meeting_open_to(user, meeting)


@rule(Action.TAKE_PART_IN_STATUS_MEETINGS)
def _take_part_in_status_meetings(user, meeting=None) -> bool:
    """Record status, decisions and actions in meeting mode, mark actions done: the
    municipality's team, while the meeting is not closed."""
    if not _status_meeting_open_to(user, meeting):
        return False
    return meeting is None or meeting.status != "closed"


@rule(Action.MANAGE_STATUS_MEETINGS)
def _manage_status_meetings(user, meeting=None) -> bool:
    """Plan, move, start and close status meetings: the team's UU, forvaltning and manager
    (``roles.STATUS_MEETING_MANAGER_ROLES``), while the meeting is not closed."""
    if not _status_meeting_open_to(user, meeting):
        return False
    if meeting is not None and meeting.status == "closed":
        return False
    return has_role(user, *roles.STATUS_MEETING_MANAGER_ROLES)


def portal_status_requests_for(user) -> QuerySet:
    """Status requests to the (active) institutions an institution user works at."""
    StatusRequest = model("transitions", "StatusRequest")
    if not is_active_user(user) or not is_institution_staff(user):
        return StatusRequest.objects.none()
    return StatusRequest.objects.filter(
        institution__is_active=True, institution__memberships__user=user
    ).distinct()


def status_request_enrolments(user, status_request) -> QuerySet:
    """The students an institution user answers a request for: open enrolments at the
    request's institution of young people from the meeting's municipality."""
    return enrolments_for_institution_user(user).filter(
        institution_id=status_request.institution_id,
        person__municipality_id=status_request.meeting.municipality_id,
    )


# ---------------------------------------------------------------- internships
def internship_places_for(user) -> QuerySet:
    """Internship places ``user`` may look up. One SQL query.

    Institution staff: every place of the (active) institutions they work at. The municipal
    team (UU, jobcenter, forvaltning, leder): places *shared with the jobcenter's network* by
    an institution their municipality works with (a quality agreement with it, or a young
    person of theirs with an open enrolment there). Administrators: all. Nobody else: none.
    """
    InternshipPlace = model("institutions", "InternshipPlace")
    if not is_active_user(user):
        return InternshipPlace.objects.none()
    if user.is_superuser:
        return InternshipPlace.objects.all()
    q = Q(pk__in=[])
    if is_institution_staff(user):
        q |= Q(institution__in=institutions_for(user).values("pk"))
    if in_municipal_team(user):
        municipality_id = user.municipality_id
        agreement = model("institutions", "QualityAgreement").objects.filter(
            institution=OuterRef("institution"), municipalities=municipality_id
        )
        enrolment = (
            model("students", "Enrolment")
            .objects.open()
            .filter(institution=OuterRef("institution"), person__municipality_id=municipality_id)
        )
        q |= Q(shared_with_jobcenter=True) & (Q(Exists(agreement)) | Q(Exists(enrolment)))
    return InternshipPlace.objects.filter(q)


@rule(Action.MANAGE_INTERNSHIP_PLACES)
def _manage_internship_places(user, institution=None) -> bool:
    """Keep an institution's internship places: its own staff (its internship consultant).
    Without an institution: whether the user may keep places at any institution."""
    if not is_institution_staff(user):
        return False
    qs = institutions_for(user)
    if institution is not None:
        qs = qs.filter(pk=institution.pk)
    return qs.exists()


def internship_institution_ids(user, person) -> frozenset[int]:
    """The user's institutions where ``person`` is actively enrolled (cached per request)."""
    cache = getattr(user, "_stu_internship_inst", None)
    if cache is None:
        cache = user._stu_internship_inst = {}
    if person.pk not in cache:
        if not is_institution_staff(user):
            cache[person.pk] = frozenset()
        else:
            cache[person.pk] = frozenset(
                model("students", "Enrolment")
                .objects.filter(
                    person=person,
                    status="active",
                    institution__is_active=True,
                    institution__memberships__user=user,
                )
                .values_list("institution_id", flat=True)
            )
    return cache[person.pk]


def _at_own_institution(user, person) -> bool:
    return bool(internship_institution_ids(user, person)) and has_person_perm(user, person, VIEW)


@rule(Action.VIEW_INTERNSHIPS)
def _view_internships(user, person) -> bool:
    """A person's internships and internship profile: the municipal team (as
    ``VIEW_TRANSITIONS``) and the staff of the institution where the student is actively
    enrolled."""
    if in_municipal_team(user) and _view_transitions(user, person):
        return True
    return _at_own_institution(user, person)


@rule(Action.EDIT_INTERNSHIPS)
def _edit_internships(user, person, *, final_year: bool | None = None) -> bool:
    """Create, edit and evaluate internships, edit the profile: as ``EDIT_TRANSITIONS`` (UU
    and forvaltning, the jobcenter in the final year), and the staff of the institution where
    the student is actively enrolled."""
    if in_municipal_team(user) and _edit_transitions(user, person, final_year=final_year):
        return True
    return _at_own_institution(user, person)
