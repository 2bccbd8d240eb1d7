"""Writes to the young person, the plan, relatives, consent, enrolments and flags.

Every service is keyword-only, atomic, validates with ``full_clean`` and is the only place
object permissions are granted or revoked (through ``stu_case.permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions

from . import cpr as cprlib
from .models import (
    CLARIFICATION_MAX_WEEKS,
    ENROLMENT_YEARS,
    EducationPlan,
    Enrolment,
    EnrolmentStatus,
    Flag,
    GoalProgressNote,
    ParentalConsent,
    PersonStatus,
    PlanGoal,
    PlanRevision,
    Relative,
    Severity,
    YoungPerson,
    add_years,
)

PERSON_EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "status",
    "contact_person",
    "school",
    "housing_situation",
)


class ConcurrentEditError(Exception):
    """Raised when a plan was saved by someone else since the form was opened."""

    def __init__(self, current: EducationPlan):
        super().__init__("stale plan version")
        self.current = current


# ---------------------------------------------------------------- young person
@transaction.atomic
def young_person_create(
    *,
    municipality,
    cpr: str,
    first_name: str,
    last_name: str,
    created_by,
    contact_person=None,
    status: str = PersonStatus.CANDIDATE,
    **extra,
) -> YoungPerson:
    """Create a young person with their (empty) plan and give the municipal team access."""
    compact = cprlib.validate(cpr)
    if YoungPerson.objects.filter(cpr_hash=cprlib.keyed_hash(compact)).exists():
        raise ValidationError(
            {"cpr": _("Der findes allerede en ung med dette CPR-nummer.")}, code="duplicate_cpr"
        )
    person = YoungPerson(
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
        contact_person=contact_person,
        status=status,
        **extra,
    )
    person.set_cpr(compact)
    person.full_clean()
    person.save()
    EducationPlan.objects.create(
        person=person,
        next_revision_due=add_years(timezone.localdate(), 1),
        updated_by=created_by,
    )
    permissions.grant_municipal_team(person)
    return person


@transaction.atomic
def young_person_update(*, person: YoungPerson, data: dict) -> YoungPerson:
    changed = []
    for field in PERSON_EDITABLE_FIELDS:
        if field in data and getattr(person, field) != data[field]:
            setattr(person, field, data[field])
            changed.append(field)
    if changed:
        person.full_clean()
        person.save(update_fields=[*changed, "updated_at"])
    return person


@transaction.atomic
def young_person_set_social_notes(*, person: YoungPerson, social_notes: str) -> YoungPerson:
    person.social_notes = social_notes
    person.save(update_fields=["social_notes", "updated_at"])
    return person


def young_person_find_by_cpr(*, queryset, cpr: str) -> YoungPerson | None:
    """Exact CPR lookup through the keyed hash (no decryption of other rows)."""
    compact = cprlib.normalize(cpr)
    if len(compact) != 10 or not compact.isdigit():
        return None
    return queryset.filter(cpr_hash=cprlib.keyed_hash(compact)).first()


# ---------------------------------------------------------------- the plan
def _plan_snapshot(plan: EducationPlan) -> dict:
    goals = [
        {
            "id": g.pk,
            "area": g.area,
            "owning_agency": g.owning_agency,
            "source_plan": g.source_plan,
            "source_reference": g.source_reference,
            "description": g.description,
            "success_criterion": g.success_criterion,
            "target_date": g.target_date.isoformat(),
            "status": g.status,
        }
        for g in plan.goals.all().order_by("owning_agency", "target_date", "id")
    ]
    return {
        "version": plan.version,
        "sections": {f: getattr(plan, f) for f in EducationPlan.SECTION_FIELDS},
        "next_revision_due": plan.next_revision_due.isoformat(),
        "goals": goals,
    }


@dataclass(frozen=True)
class RevisionInfo:
    reason: str
    justification: str = ""
    young_person_took_part: bool = False
    relatives_took_part: bool = False
    institution_took_part: bool = False
    other_participants: str = ""


@transaction.atomic
def plan_update(
    *,
    plan: EducationPlan,
    expected_version: int,
    data: dict,
    revision: RevisionInfo,
    user,
) -> PlanRevision:
    """Save the plan sections and record an immutable revision.

    Optimistic locking: the row is updated only if its version is still ``expected_version``;
    otherwise ``ConcurrentEditError`` carries the current plan and nothing is written.
    """
    fields = {f: data[f] for f in EducationPlan.SECTION_FIELDS if f in data}
    if "next_revision_due" in data:
        fields["next_revision_due"] = data["next_revision_due"]
    candidate = EducationPlan(
        **{**{f: getattr(plan, f) for f in EducationPlan.SECTION_FIELDS}, **fields}
    )
    candidate.person_id = plan.person_id
    candidate.next_revision_due = fields.get("next_revision_due", plan.next_revision_due)
    _validate_next_revision(candidate.next_revision_due)
    if not revision.reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor planen ændres eller revideres.")})
    updated = EducationPlan.objects.filter(pk=plan.pk, version=expected_version).update(
        **fields,
        version=F("version") + 1,
        updated_by=user,
        updated_at=timezone.now(),
    )
    if updated == 0:
        raise ConcurrentEditError(
            EducationPlan.objects.select_related("updated_by").get(pk=plan.pk)
        )
    plan.refresh_from_db()
    return _plan_revision_create(plan=plan, revision=revision, user=user)


def _validate_next_revision(due: date) -> None:
    today = timezone.localdate()
    if due > add_years(today, 1):
        raise ValidationError(
            {
                "next_revision_due": _(
                    "Planen skal revideres mindst én gang om året: vælg en dato inden for et år."
                )
            }
        )
    if due < today:
        raise ValidationError(
            {"next_revision_due": _("Datoen for næste revision ligger i fortiden.")}
        )


def _plan_revision_create(*, plan: EducationPlan, revision: RevisionInfo, user) -> PlanRevision:
    last = plan.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    rev = PlanRevision(
        plan=plan,
        number=last + 1,
        created_by=user,
        reason=revision.reason.strip(),
        justification=revision.justification,
        young_person_took_part=revision.young_person_took_part,
        relatives_took_part=revision.relatives_took_part,
        institution_took_part=revision.institution_took_part,
        other_participants=revision.other_participants,
        snapshot=_plan_snapshot(plan),
    )
    rev.full_clean()
    rev.save()
    return rev


@transaction.atomic
def goal_create(*, plan: EducationPlan, data: dict, user) -> PlanGoal:
    goal = PlanGoal(plan=plan, created_by=user, **data)
    goal.full_clean()
    goal.save()
    _touch_plan(plan, user)
    return goal


@transaction.atomic
def goal_update(*, goal: PlanGoal, data: dict, user) -> PlanGoal:
    changed = [f for f, v in data.items() if getattr(goal, f) != v]
    for f in changed:
        setattr(goal, f, data[f])
    if changed:
        goal.full_clean()
        goal.save(update_fields=changed)
        _touch_plan(goal.plan, user)
    return goal


@transaction.atomic
def goal_add_note(*, goal: PlanGoal, text: str, noted_on: date | None, user) -> GoalProgressNote:
    note = GoalProgressNote(
        goal=goal, text=text, noted_on=noted_on or timezone.localdate(), author=user
    )
    note.full_clean()
    note.save()
    return note


def _touch_plan(plan: EducationPlan, user) -> None:
    """A goal change bumps the plan version so an open plan form notices it is stale."""
    EducationPlan.objects.filter(pk=plan.pk).update(
        version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )


# ---------------------------------------------------------------- relatives and consent
@transaction.atomic
def relative_save(*, person: YoungPerson, data: dict, relative: Relative | None = None) -> Relative:
    relative = relative or Relative(person=person)
    for f, v in data.items():
        setattr(relative, f, v)
    relative.full_clean()
    relative.save()
    return relative


@transaction.atomic
def relative_delete(*, relative: Relative) -> None:
    relative.delete()


@transaction.atomic
def consent_record(
    *, person: YoungPerson, involve_parents: bool, scope: str, given_on: date, user
) -> ParentalConsent:
    """Record the young person's own decision; any earlier active decision is withdrawn."""
    if not person.is_adult:
        raise ValidationError(
            _("Samtykke om forældreinddragelse registreres først, når den unge er fyldt 18 år.")
        )
    ParentalConsent.objects.filter(person=person, withdrawn_on__isnull=True).update(
        withdrawn_on=given_on
    )
    consent = ParentalConsent(
        person=person,
        involve_parents=involve_parents,
        scope=scope,
        given_on=given_on,
        recorded_by=user,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ParentalConsent, on: date | None = None) -> ParentalConsent:
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    return consent


# ---------------------------------------------------------------- enrolments
@transaction.atomic
def enrolment_start(
    *,
    person: YoungPerson,
    institution,
    start_date: date,
    clarification_weeks: int = CLARIFICATION_MAX_WEEKS,
    hours_per_year: int = 840,
) -> Enrolment:
    """Start an STU-forløb: the institution's staff gain access, the person is enrolled."""
    enrolment = Enrolment(
        person=person,
        institution=institution,
        start_date=start_date,
        planned_end_date=add_years(start_date, ENROLMENT_YEARS),
        clarification_end_date=start_date + timedelta(weeks=clarification_weeks),
        hours_per_year=hours_per_year,
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as exc:
        raise ValidationError(_("Den unge har allerede et aktivt STU-forløb.")) from exc
    person.status = PersonStatus.ENROLLED
    person.save(update_fields=["status", "updated_at"])
    permissions.grant_institution(institution, person)
    return enrolment


@transaction.atomic
def enrolment_end(*, enrolment: Enrolment, status: str, end_date: date, reason: str) -> Enrolment:
    """End an enrolment (completed, dropped out, transferred); the institution loses access."""
    if status not in (
        EnrolmentStatus.COMPLETED,
        EnrolmentStatus.DROPPED_OUT,
        EnrolmentStatus.TRANSFERRED,
    ):
        raise ValidationError(_("Ugyldig afslutningsstatus."))
    enrolment.status = status
    enrolment.end_date = end_date
    enrolment.end_reason = reason
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "end_date", "end_reason"])
    still_open = Enrolment.objects.filter(
        person=enrolment.person, institution=enrolment.institution, status__in=["active", "paused"]
    ).exists()
    if not still_open:
        permissions.revoke_institution(enrolment.institution, enrolment.person)
    person = enrolment.person
    new_status = {
        EnrolmentStatus.COMPLETED: PersonStatus.COMPLETED,
        EnrolmentStatus.DROPPED_OUT: PersonStatus.DROPPED_OUT,
        EnrolmentStatus.TRANSFERRED: person.status,
    }[status]
    if new_status != person.status:
        person.status = new_status
        person.save(update_fields=["status", "updated_at"])
    return enrolment


# ---------------------------------------------------------------- flags
def flag_raise(
    *,
    person: YoungPerson,
    kind: str,
    details: str = "",
    severity: str = Severity.WARNING,
    data=None,
) -> tuple[Flag, bool]:
    """Raise a flag unless one of that kind is already open. Safe to call twice or concurrently.

    Returns ``(flag, created)``. The partial unique constraint decides races: the loser of
    an insert race gets the winner's open flag back.
    """
    existing = Flag.objects.filter(person=person, kind=kind, resolved_at__isnull=True).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                person=person, kind=kind, details=details, severity=severity, data=data or {}
            )
            return flag, True
    except IntegrityError:
        return Flag.objects.get(person=person, kind=kind, resolved_at__isnull=True), False


@transaction.atomic
def flag_acknowledge(*, flag: Flag, user, note: str) -> Flag:
    if not note.strip():
        raise ValidationError({"acknowledgement": _("Skriv hvad der bliver gjort.")})
    flag.acknowledged_at = timezone.now()
    flag.acknowledged_by = user
    flag.acknowledgement = note.strip()
    flag.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement"])
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, user=None, resolution: str = "") -> Flag:
    if flag.resolved_at is None:
        flag.resolved_at = timezone.now()
        flag.resolved_by = user
        flag.resolution = resolution
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return flag


def flag_resolve_kind(*, person_id: int, kind: str, resolution: str) -> int:
    """Resolve the open flag of a kind for a person (used by jobs when the cause is gone)."""
    return Flag.objects.filter(person_id=person_id, kind=kind, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution=resolution
    )


def flag_plan_revisions_due(*, today: date | None = None, lead_days: int = 30) -> int:
    """Flag plans whose yearly revision is due within ``lead_days``; resolve revised ones."""
    today = today or timezone.localdate()
    from .models import FlagKind

    due = EducationPlan.objects.filter(
        next_revision_due__lte=today + timedelta(days=lead_days),
        person__status__in=[PersonStatus.ENROLLED, PersonStatus.PAUSED],
    ).select_related("person")
    raised = 0
    for plan in due.iterator():
        severity = Severity.CRITICAL if plan.next_revision_due < today else Severity.WARNING
        _flag, created = flag_raise(
            person=plan.person,
            kind=FlagKind.PLAN_REVISION_DUE,
            severity=severity,
            details=_("Planen skal revideres senest %(date)s.")
            % {"date": plan.next_revision_due.strftime("%d.%m.%Y")},
        )
        raised += int(created)
    Flag.objects.filter(
        kind=FlagKind.PLAN_REVISION_DUE,
        resolved_at__isnull=True,
        person__plan__next_revision_due__gt=today + timedelta(days=lead_days),
    ).update(resolved_at=timezone.now(), resolution=_("Planen er revideret."))
    Flag.objects.filter(kind=FlagKind.PLAN_REVISION_DUE, resolved_at__isnull=True).exclude(
        person__status__in=[PersonStatus.ENROLLED, PersonStatus.PAUSED]
    ).update(resolved_at=timezone.now(), resolution=_("Den unge er ikke længere i STU-forløb."))
    return raised


# ---------------------------------------------------------------- mentors
@transaction.atomic
def mentor_assign(*, person: YoungPerson, data: dict):
    from .models import MentorAssignment

    assignment = MentorAssignment(person=person, **data)
    assignment.full_clean()
    assignment.save()
    return assignment


# ---------------------------------------------------------------- transitions: pathway (issue 4)
# (enrolment pause/resume/interruption services called by transitions.services.pathway)
@transaction.atomic
def enrolment_pause(*, enrolment: Enrolment) -> Enrolment:
    """An approved pause: the enrolment and the young person are paused (the 5-year limit runs)."""
    if enrolment.status not in (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED):
        raise ValidationError(_("Kun et igangværende STU-forløb kan sættes på pause."))
    if enrolment.status != EnrolmentStatus.PAUSED:
        enrolment.status = EnrolmentStatus.PAUSED
        enrolment.save(update_fields=["status"])
    person = enrolment.person
    if person.status != PersonStatus.PAUSED:
        person.status = PersonStatus.PAUSED
        person.save(update_fields=["status", "updated_at"])
    return enrolment


@transaction.atomic
def enrolment_resume(*, enrolment: Enrolment) -> Enrolment:
    """The pause is over: the enrolment is active and the young person enrolled again."""
    if enrolment.status not in (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED):
        raise ValidationError(_("Forløbet er afsluttet og kan ikke genoptages."))
    if enrolment.status != EnrolmentStatus.ACTIVE:
        enrolment.status = EnrolmentStatus.ACTIVE
        enrolment.save(update_fields=["status"])
    person = enrolment.person
    if person.status != PersonStatus.ENROLLED:
        person.status = PersonStatus.ENROLLED
        person.save(update_fields=["status", "updated_at"])
    return enrolment


@transaction.atomic
def mentor_end(*, assignment, end_date: date):
    """End a mentor/støttekontaktperson assignment on ``end_date``."""
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    return assignment


# ---------------------------------------------------------------- transitions: exit (issue 4)
# (completion and follow-up status changes called by transitions.services.exit)
def person_mark_followed_up(*, person: YoungPerson) -> YoungPerson:
    """After STU: the follow-up is done (from completed or interrupted; others are kept)."""
    if person.status in (PersonStatus.COMPLETED, PersonStatus.DROPPED_OUT):
        person.status = PersonStatus.FOLLOWED_UP
        person.save(update_fields=["status", "updated_at"])
    return person
