"""Flags: raise (at most one open per person and kind), acknowledge, resolve."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from students.models import Flag, Severity, YoungPerson


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
