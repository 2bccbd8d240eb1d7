"""Writes to THE one education plan: optimistic-locked edits, revisions, goals and notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.calendar import add_years
from stu_case.formats import short_date
from students import flags as student_flags
from students.models import (
    EducationPlan,
    GoalProgressNote,
    PersonStatus,
    PlanGoal,
    PlanRevision,
    Severity,
)
from students.services import flags as flag_services


class ConcurrentEditError(Exception):
    """Raised when a plan was saved by someone else since the form was opened."""

    def __init__(self, current: EducationPlan):
        super().__init__("stale plan version")
        self.current = current


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


# ---------------------------------------------------------------- the revision job
def flag_plan_revisions_due(*, today: date | None = None, lead_days: int = 30) -> int:
    """Flag the plans of young people in STU whose yearly revision is due within
    ``lead_days`` (critical once it is overdue); resolve the flag when the plan is revised or
    the young person is no longer in STU. Returns the number of flags raised."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=lead_days)
    in_stu = [PersonStatus.ENROLLED, PersonStatus.PAUSED]
    due = {
        person_id: flag_services.FlagDue(
            details=_("Planen skal revideres senest %(date)s.")
            % {"date": short_date(revision_due)},
            severity=Severity.CRITICAL if revision_due < today else Severity.WARNING,
        )
        for person_id, revision_due in EducationPlan.objects.filter(
            next_revision_due__lte=horizon, person__status__in=in_stu
        ).values_list("person_id", "next_revision_due")
    }
    kind, job = student_flags.PLAN_REVISION_DUE, "flag_plan_revisions_due"
    with transaction.atomic():
        sync = flag_services.flags_sync(
            kind=kind,
            due=due,
            scope=Q(person__plan__next_revision_due__gt=horizon),
            reason=_("Planen er revideret."),
            resolved_by=job,
        )
        flag_services.flags_sync(
            kind=kind,
            due={},
            scope=~Q(person__status__in=in_stu),
            reason=_("Den unge er ikke længere i STU-forløb."),
            resolved_by=job,
        )
    return len(sync.raised)
