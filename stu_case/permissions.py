"""The one place access is decided.

Every list, detail, export, count and HTMX partial of person data goes through this module:
``young_people_for`` scopes a queryset to a user, ``get_young_person_or_404`` fetches one
object or answers 404 (an outsider learns nothing, not even that the person exists).

Object access lives in django-guardian's direct-FK tables for ``YoungPerson``:
- the municipality's team group gets view / view_sensitive / change on each of its young
  people when the person is created (``grant_municipal_team``);
- an institution's staff group gets view (never view_sensitive) while an enrolment at that
  institution is open (``grant_institution`` / ``revoke_institution``).
Grants and revokes are called only from services at lifecycle events. What a *role* may do
with an object it can see (edit the plan, manage relatives …) is decided by ``can``.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from stu_case.accounts import roles

VIEW = "view_youngperson"
VIEW_SENSITIVE = "view_sensitive_youngperson"
CHANGE = "change_youngperson"
TEAM_PERMS = (VIEW, VIEW_SENSITIVE, CHANGE)
INSTITUTION_PERMS = (VIEW,)

# Municipal roles that belong to the municipality's team (and so see its young people).
TEAM_ROLES = (roles.UU, roles.JOBCENTER, roles.FORVALTNING, roles.LEDER)
# Roles that may write to the person, the plan, relatives and consent.
EDITOR_ROLES = (roles.UU, roles.FORVALTNING, roles.JOBCENTER)


def _model(name: str):
    return apps.get_model("students", name)


# ---------------------------------------------------------------- roles
def roles_of(user) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_stu_roles", None)
    if cached is None:
        cached = frozenset(
            user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)
        )
        user._stu_roles = cached
    return cached


def has_role(user, *names: str) -> bool:
    return bool(roles_of(user) & set(names))


def is_municipal_staff(user) -> bool:
    return bool(getattr(user, "municipality_id", None)) and has_role(user, *TEAM_ROLES)


def is_institution_staff(user) -> bool:
    return has_role(user, roles.INSTITUTION)


# ---------------------------------------------------------------- scoping
def young_people_for(user, perm: str = VIEW) -> QuerySet:
    """Young people ``user`` holds ``perm`` on (through a group or directly). One SQL query."""
    YoungPerson = _model("YoungPerson")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return YoungPerson.objects.none()
    group_perm = _model("YoungPersonGroupObjectPermission").objects.filter(
        content_object=OuterRef("pk"),
        permission__codename=perm,
        group__user=user,
    )
    user_perm = _model("YoungPersonUserObjectPermission").objects.filter(
        content_object=OuterRef("pk"), permission__codename=perm, user=user
    )
    qs = YoungPerson.objects.filter(Exists(group_perm) | Exists(user_perm))
    if is_institution_staff(user) and not is_municipal_staff(user):
        # Belt and braces: institution staff only ever see students with an open enrolment
        # at one of their own institutions, whatever a stray grant might say.
        Enrolment = _model("Enrolment")
        qs = qs.filter(
            Exists(
                Enrolment.objects.open().filter(
                    person=OuterRef("pk"),
                    institution__memberships__user=user,
                )
            )
        )
    return qs


def get_young_person_or_404(user, pk, perm: str = VIEW, queryset: QuerySet | None = None):
    qs = queryset if queryset is not None else young_people_for(user, perm)
    if queryset is not None:
        qs = qs.filter(pk__in=young_people_for(user, perm).values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def has_person_perm(user, person, perm: str) -> bool:
    """Object check for one person (used after a fetch, e.g. to show sensitive fields)."""
    cache = getattr(user, "_stu_person_perms", None)
    if cache is None:
        cache = user._stu_person_perms = {}
    key = (person.pk, perm)
    if key not in cache:
        cache[key] = young_people_for(user, perm).filter(pk=person.pk).exists()
    return cache[key]


def forget_cached_perms(user) -> None:
    for attr in ("_stu_roles", "_stu_person_perms"):
        if hasattr(user, attr):
            delattr(user, attr)


# ---------------------------------------------------------------- capabilities
def can(user, action: str, person) -> bool:
    """What a user may do with a person they can see.

    Actions: ``view``, ``view_sensitive``, ``reveal_cpr``, ``view_history``, ``view_relatives``,
    ``edit_person``, ``edit_plan``, ``edit_relatives``, ``edit_social_notes``, ``acknowledge_flag``.
    """
    if action == "view":
        return has_person_perm(user, person, VIEW)
    if action in ("view_sensitive", "reveal_cpr", "view_history", "view_relatives"):
        return has_person_perm(user, person, VIEW_SENSITIVE)
    if action in ("edit_person", "edit_plan", "edit_relatives", "acknowledge_flag"):
        return has_role(user, *EDITOR_ROLES) and has_person_perm(user, person, CHANGE)
    if action == "edit_social_notes":
        return has_role(user, roles.FORVALTNING, roles.UU) and has_person_perm(user, person, CHANGE)
    raise ValueError(f"unknown action {action!r}")


def can_create_person(user) -> bool:
    return is_municipal_staff(user) and has_role(user, roles.UU, roles.FORVALTNING)


# ---------------------------------------------------------------- grants (called by services)
def grant_municipal_team(person) -> None:
    group = person.municipality.team_group
    for perm in TEAM_PERMS:
        assign_perm(perm, group, person)


def grant_institution(institution, person) -> None:
    for perm in INSTITUTION_PERMS:
        assign_perm(perm, institution.staff_group, person)


def revoke_institution(institution, person) -> None:
    for perm in INSTITUTION_PERMS:
        remove_perm(perm, institution.staff_group, person)


def institutions_for(user) -> QuerySet:
    """The institutions a user works at (institution staff)."""
    Institution = apps.get_model("institutions", "Institution")
    if not getattr(user, "is_authenticated", False):
        return Institution.objects.none()
    return Institution.objects.filter(memberships__user=user, is_active=True).distinct()


def q_person_visible(user, prefix: str = "person") -> Q:
    """A ``Q`` for querysets of related rows (flags, enrolments …) scoped by their person."""
    return Q(**{f"{prefix}__in": young_people_for(user).values("pk")})


# ---------------------------------------------------------------- catalogue (issue 5)
def is_municipal_user(user) -> bool:
    """Anyone working for a municipality, including the visitation committee."""
    return bool(getattr(user, "municipality_id", None)) and has_role(user, *roles.MUNICIPAL_ROLES)


def can_view_catalogue(user) -> bool:
    """Municipal staff (all roles) and administrators see the whole catalogue; institution
    staff see only their own institution(s) in it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or is_municipal_user(user) or is_institution_staff(user)


def catalogue_institutions_for(user) -> QuerySet:
    """The institutions a user may look up in the catalogue (deactivated ones included)."""
    Institution = apps.get_model("institutions", "Institution")
    if not can_view_catalogue(user):
        return Institution.objects.none()
    if user.is_superuser or is_municipal_user(user):
        return Institution.objects.all()
    return Institution.objects.filter(memberships__user=user)


def get_catalogue_institution_or_404(user, pk, queryset: QuerySet | None = None):
    qs = queryset if queryset is not None else catalogue_institutions_for(user)
    if queryset is not None:
        qs = qs.filter(pk__in=catalogue_institutions_for(user).values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# ---------------------------------------------------------------- institution portal (issue 5)
def enrolments_for_institution_user(user) -> QuerySet:
    """Open enrolments at the (active) institutions ``user`` works at. One SQL query.

    This is what the absence portal shows and accepts reports for: a student is in it only
    while the enrolment at the user's institution is open; an ended enrolment gives no access.
    Municipal staff get nothing here (they read absence through the person page).
    """
    Enrolment = _model("Enrolment")
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or not is_institution_staff(user)
    ):
        return Enrolment.objects.none()
    return Enrolment.objects.open().filter(
        institution__is_active=True,
        institution__memberships__user=user,
    )


def get_portal_institution_or_404(user, pk):
    """An institution the user works at (institution staff only), else 404."""
    if not is_institution_staff(user):
        raise Http404
    qs = institutions_for(user)
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def absence_reports_for(user) -> QuerySet:
    """Absence reports ``user`` may read.

    Municipal team: the reports of every young person they can see. Institution staff: only
    the reports of their institution's open enrolments (not those from an earlier institution).
    """
    AbsenceReport = _model("AbsenceReport")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AbsenceReport.objects.none()
    if is_institution_staff(user) and not is_municipal_staff(user):
        return AbsenceReport.objects.filter(
            enrolment__in=enrolments_for_institution_user(user).values("pk")
        )
    return AbsenceReport.objects.filter(enrolment__person__in=young_people_for(user).values("pk"))


# ---------------------------------------------------------------- visitation (issue 3)
# The visitation committee's members see a young person's case material only while the case
# is on their meeting's agenda, and a set period after the decision. Those are per-user grants
# in the direct-FK table ``YoungPersonUserObjectPermission``, given and taken only by
# ``visitation.services.committee`` (which keeps a ledger so that two agendas never undo each
# other).
COMMITTEE_PERMS = (VIEW, VIEW_SENSITIVE)


def grant_committee_member(user, person) -> None:
    for perm in COMMITTEE_PERMS:
        assign_perm(perm, user, person)
    forget_cached_perms(user)


def revoke_committee_member(user, person) -> None:
    for perm in COMMITTEE_PERMS:
        remove_perm(perm, user, person)
    forget_cached_perms(user)


def can_visitation(user, action: str, person) -> bool:
    """What a user may do in a person's visitation case (clarification → decision).

    Actions: ``view`` (the case material), ``edit_clarification`` (school coordination, visits,
    intro course, wishes), ``recommend`` (UU writes the recommendation), ``sign_off``
    (pre-coordination by the social administration or the jobcenter), ``register_appeal``.
    Recording a decision is decided per agenda item by ``can_record_decision``.
    """
    if action == "view":
        return has_person_perm(user, person, VIEW_SENSITIVE)
    if action == "edit_clarification":
        return has_role(user, roles.UU, roles.FORVALTNING) and has_person_perm(user, person, CHANGE)
    if action == "recommend":
        return has_role(user, roles.UU) and has_person_perm(user, person, CHANGE)
    if action == "sign_off":
        return has_role(user, roles.FORVALTNING, roles.JOBCENTER) and has_person_perm(
            user, person, CHANGE
        )
    if action == "register_appeal":
        return (has_role(user, *EDITOR_ROLES) and has_person_perm(user, person, CHANGE)) or (
            has_role(user, roles.VISITATION) and has_person_perm(user, person, VIEW_SENSITIVE)
        )
    raise ValueError(f"unknown visitation action {action!r}")


def committee_memberships_of(user) -> QuerySet:
    """The user's active memberships of their municipality's visitation committee."""
    CommitteeMember = apps.get_model("visitation", "CommitteeMember")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CommitteeMember.objects.none()
    return CommitteeMember.objects.filter(
        user=user, is_active=True, committee__municipality_id=user.municipality_id
    )


def meetings_for(user) -> QuerySet:
    """Committee meetings a user may open: the committee's members and the municipal team.

    The agenda items on a meeting are still scoped person by person (``young_people_for``).
    """
    Meeting = apps.get_model("visitation", "Meeting")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Meeting.objects.none()
    if is_municipal_staff(user):
        return Meeting.objects.filter(committee__municipality_id=user.municipality_id)
    return Meeting.objects.filter(
        committee__in=committee_memberships_of(user).values("committee_id")
    )


def can_manage_meetings(user, committee) -> bool:
    """Plan meetings, set the agenda and write minutes: the committee's chair, secretary or a
    voting member from the administration (never UU, who recommends)."""
    return (
        committee_memberships_of(user)
        .filter(committee=committee, kind__in=("voting", "secretary"))
        .exists()
    )


def can_record_decision(user, agenda_item) -> bool:
    """A voting member or the secretary of the meeting's committee, never the recommender."""
    if agenda_item.recommendation.recommended_by_id == getattr(user, "pk", None):
        return False
    return can_manage_meetings(user, agenda_item.meeting.committee) and has_person_perm(
        user, agenda_item.person, VIEW_SENSITIVE
    )


# ---------------------------------------------------------------- transitions (issue 4): shared
# The jobcenter follows a student quietly (read-only) for two years and becomes an active
# planner when the open enrolment enters its final 12 months. UU and the social administration
# (forvaltning) edit throughout; the manager (leder) reads; institution staff see only what the
# portal gives them (status requests, internships of their own students).
TRANSITIONS_EDITORS = (roles.UU, roles.FORVALTNING)


def person_in_final_year(person, day=None) -> bool:
    """Whether the person's open enrolment is in its final 12 months (cached on the object)."""
    key = ("_stu_final_year", day)
    cached = getattr(person, "_stu_final_year_cache", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    Enrolment = _model("Enrolment")
    enrolment = (
        Enrolment.objects.open().filter(person=person).only("planned_end_date", "status").first()
    )
    answer = bool(enrolment and enrolment.in_final_year_on(day))
    person._stu_final_year_cache = (key, answer)
    return answer


def can_transitions(user, action: str, person, *, final_year: bool | None = None) -> bool:
    """What a user may do with a person's transitions data (pauses, interruption, housing,
    mentors, final year, exit plan, functional description, follow-up, internships).

    Actions: ``view`` (the municipal team: view_sensitive on the person), ``edit`` (UU and
    forvaltning always; the jobcenter only in the final year), ``approve_pause`` (UU and
    forvaltning, the municipality approves pauses). ``final_year`` may be passed when the
    caller already knows it (a list page), else it is looked up once per person.
    """
    if action == "view":
        return is_municipal_staff(user) and has_person_perm(user, person, VIEW_SENSITIVE)
    if action in ("edit", "approve_pause"):
        if not has_person_perm(user, person, CHANGE):
            return False
        if has_role(user, *TRANSITIONS_EDITORS):
            return True
        if action == "edit" and has_role(user, roles.JOBCENTER):
            if final_year is None:
                final_year = person_in_final_year(person)
            return final_year
        return False
    raise ValueError(f"unknown transitions action {action!r}")


# ---------------------------------------------------------------- transitions: status meetings
# (status meetings, status requests and answers, agenda, meeting mode, actions)
# The municipality's team (UU, jobcenter, forvaltning, leder) takes part in its own status
# meetings: everyone in it may record status, decisions and actions in meeting mode (the
# jobcenter too, also before a student's final year: the meeting is the team's joint forum).
# Planning and closing meetings: UU, forvaltning and the manager. Institution staff only see
# their own institutions' status requests and answer them for their own enrolled students.
STATUS_MEETING_MANAGERS = (roles.UU, roles.FORVALTNING, roles.LEDER)


def status_meetings_for(user) -> QuerySet:
    """Status meetings of the user's municipality (municipal team only). One query."""
    StatusMeeting = apps.get_model("transitions", "StatusMeeting")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return StatusMeeting.objects.none()
    if not is_municipal_staff(user):
        return StatusMeeting.objects.none()
    return StatusMeeting.objects.filter(municipality_id=user.municipality_id)


def get_status_meeting_or_404(user, pk, queryset: QuerySet | None = None):
    qs = status_meetings_for(user)
    if queryset is not None:
        qs = queryset.filter(pk__in=qs.values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_status_meeting(user, action: str, meeting=None) -> bool:
    """``view`` / ``take_part`` (record status, decisions, actions; mark actions done): the
    municipal team; ``manage`` (plan, start, close): UU, forvaltning, leder. A closed meeting
    is read-only for everyone."""
    if not is_municipal_staff(user):
        return False
    if meeting is not None and meeting.municipality_id != user.municipality_id:
        return False
    if action == "view":
        return True
    if meeting is not None and meeting.status == "closed":
        return False
    if action == "take_part":
        return True
    if action == "manage":
        return has_role(user, *STATUS_MEETING_MANAGERS)
    raise ValueError(f"unknown status meeting action {action!r}")


def portal_status_requests_for(user) -> QuerySet:
    """Status requests to the (active) institutions an institution user works at."""
    StatusRequest = apps.get_model("transitions", "StatusRequest")
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or not is_institution_staff(user)
    ):
        return StatusRequest.objects.none()
    return StatusRequest.objects.filter(
        institution__is_active=True, institution__memberships__user=user
    ).distinct()


def get_portal_status_request_or_404(user, pk, queryset: QuerySet | None = None):
    qs = portal_status_requests_for(user)
    if queryset is not None:
        qs = queryset.filter(pk__in=qs.values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def status_request_enrolments(user, status_request) -> QuerySet:
    """The students an institution user answers a request for: open enrolments at the
    request's institution of young people from the meeting's municipality."""
    return enrolments_for_institution_user(user).filter(
        institution_id=status_request.institution_id,
        person__municipality_id=status_request.meeting.municipality_id,
    )


# ---------------------------------------------------------------- transitions: pathway
# (pauses, interruption steps, housing, mentors)


# ---------------------------------------------------------------- transitions: final year, exit
# (final-year activation, end conversation, exit plan, functional description, follow-up)
# Person data follows ``can_transitions`` (view: the team; edit: UU + forvaltning, the jobcenter
# in the final year). The statistics page shows counts only, scoped to the people a user sees.
def can_exit_statistics(user) -> bool:
    """Destinations after STU (counts): the municipal team incl. the manager (leder)."""
    return bool(getattr(user, "is_active", False)) and is_municipal_staff(user)


# ---------------------------------------------------------------- transitions: internships
# (internship places in the catalogue, a student's internships, matching)
def internship_places_for(user) -> QuerySet:
    """Internship places ``user`` may look up. One SQL query.

    Institution staff: every place of the (active) institutions they work at. The municipal
    team (UU, jobcenter, forvaltning, leder): places *shared with the jobcenter's network* by
    an institution their municipality works with (a quality agreement with it, or a young
    person of theirs with an open enrolment there). Administrators: all. Nobody else: none.
    """
    InternshipPlace = apps.get_model("institutions", "InternshipPlace")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return InternshipPlace.objects.none()
    if user.is_superuser:
        return InternshipPlace.objects.all()
    q = Q(pk__in=[])
    if is_institution_staff(user):
        q |= Q(institution__in=institutions_for(user).values("pk"))
    if is_municipal_staff(user):
        municipality_id = user.municipality_id
        agreement = apps.get_model("institutions", "QualityAgreement").objects.filter(
            institution=OuterRef("institution"), municipalities=municipality_id
        )
        enrolment = (
            _model("Enrolment")
            .objects.open()
            .filter(institution=OuterRef("institution"), person__municipality_id=municipality_id)
        )
        q |= Q(shared_with_jobcenter=True) & (Q(Exists(agreement)) | Q(Exists(enrolment)))
    return InternshipPlace.objects.filter(q)


def get_internship_place_or_404(user, pk, queryset: QuerySet | None = None):
    qs = internship_places_for(user)
    if queryset is not None:
        qs = queryset.filter(pk__in=qs.values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_manage_internship_places(user, institution=None) -> bool:
    """The institution's own staff (its internship consultant) keep its places. Without an
    institution: whether the user may keep places at any institution."""
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
                _model("Enrolment")
                .objects.filter(
                    person=person,
                    status="active",
                    institution__is_active=True,
                    institution__memberships__user=user,
                )
                .values_list("institution_id", flat=True)
            )
    return cache[person.pk]


def can_internships(user, action: str, person, *, final_year: bool | None = None) -> bool:
    """What a user may do with a young person's internships and internship profile.

    ``view``: the municipal team (``can_transitions`` view) and the staff of the institution
    where the student is actively enrolled. ``edit`` (create, edit, evaluate, profile): UU and
    forvaltning, the jobcenter in the final year (``can_transitions`` edit), and that
    institution's staff.
    """
    if action not in ("view", "edit"):
        raise ValueError(f"unknown internships action {action!r}")
    if is_municipal_staff(user) and can_transitions(user, action, person, final_year=final_year):
        return True
    return bool(internship_institution_ids(user, person)) and has_person_perm(user, person, VIEW)
