"""Flags: raise (at most one open per person and kind), acknowledge, resolve, and the
plan-revision-due job."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.formats import short_date
from students.models import EducationPlan, Flag, PersonStatus, Severity, YoungPerson


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
    from students.models import FlagKind

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
            % {"date": short_date(plan.next_revision_due)},
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
