"""The flag service: the one place that writes ``Flag`` rows.

A job or service that watches for something calls :func:`flags_sync` with the kind it watches,
who should have an open flag now (``due``) and whose open flags it speaks for (``scope``). The
service raises what is due, at most one open flag per person and kind (a database constraint
settles races, so running twice or concurrently never duplicates a flag or a notification),
resolves the open flags in the scope that are no longer due with a reason and who or what
resolved them, and hands the newly raised flags to ``notify`` once.

The single-flag operations the pages use are here too: :func:`flag_acknowledge` and
:func:`flag_resolve` by a user, and :func:`flag_raise` for one flag.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from students.models import Enrolment, Flag, FlagKind, YoungPerson

EVERYONE = Q()
"""Scope: every open flag of the kind."""
NOBODY = Q(pk__in=[])
"""Scope: resolve nothing, only raise what is due."""


def people(person_ids: Iterable[int]) -> Q:
    """Scope: these young people's open flags."""
    return Q(person_id__in=list(person_ids))


def without_open_enrolment() -> Q:
    """Scope: young people who are no longer in an open STU enrolment."""
    open_enrolment = Enrolment.objects.open().filter(person=OuterRef("person"))
    return Q(~Exists(open_enrolment))


@dataclass(frozen=True)
class FlagDue:
    """What a due flag says. ``severity`` defaults to the kind's."""

    details: str = ""
    severity: str | None = None
    data: dict = field(default_factory=dict)


@dataclass
class FlagSync:
    """What one sync did: the flags it raised (with person and contact person loaded) and how
    many open flags it resolved."""

    raised: list[Flag] = field(default_factory=list)
    resolved: int = 0


def flags_sync(
    *,
    kind: str,
    due: Mapping[int, FlagDue],
    scope: Q = EVERYONE,
    reason: str = "",
    resolved_by=None,
    notify: Callable[[list[Flag]], object] | None = None,
    now=None,
) -> FlagSync:
    """Make the open flags of ``kind`` match what is due.

    - ``due`` maps a young person's id to the flag they should have. A person who already has
      an open flag of the kind keeps it as it is.
    - ``scope`` is whose open flags this call speaks for: :data:`EVERYONE`, :data:`NOBODY`,
      :func:`people`, :func:`without_open_enrolment`, or any ``Q`` on ``Flag``. The open flags
      in the scope that are not due are resolved with ``reason``.
    - ``resolved_by`` is the user who resolved them, or the name of the job that did.
    - ``notify`` is called once with the flags this call raised (only the rows it inserted, so
      a concurrent run never notifies twice), in the transaction that raised them.

    Raising is one transaction and resolving one statement, each safe on its own; a caller
    that needs several syncs to land together wraps them in ``transaction.atomic``.
    """
    kind = _declared(kind)
    now = now or timezone.now()
    result = FlagSync()
    if due:
        with transaction.atomic():
            result.raised = _raise(kind, due, now)
            if result.raised and notify is not None:
                notify(result.raised)
    if scope is not NOBODY:
        stale = Flag.objects.open().filter(scope, kind=kind).exclude(person_id__in=list(due))
        result.resolved = _resolve(stale, reason=reason, resolved_by=resolved_by, now=now)
    return result


def _declared(kind: str) -> FlagKind:
    try:
        return FlagKind.get(kind)
    except LookupError as exc:
        raise ImproperlyConfigured(
            f"{exc} Declare it in the flags module of the app that raises it."
        ) from None


def _raise(kind: FlagKind, due: Mapping[int, FlagDue], now) -> list[Flag]:
    """Insert, in bulk, the due flags nobody has open yet. ON CONFLICT DO NOTHING against the
    "one open flag per person and kind" constraint settles races; the run id in ``data`` tells
    which rows this call inserted."""
    already = set(
        Flag.objects.open()
        .filter(kind=kind, person_id__in=list(due))
        .values_list("person_id", flat=True)
    )
    run = uuid.uuid4().hex
    new = [
        Flag(
            person_id=person_id,
            kind=kind,
            severity=flag.severity or kind.severity,
            details=flag.details,
            data={**flag.data, "run": run},
            raised_at=now,
        )
        for person_id, flag in due.items()
        if person_id not in already
    ]
    if not new:
        return []
    Flag.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return list(
        Flag.objects.open()
        .filter(kind=kind, person_id__in=[f.person_id for f in new], data__run=run)
        .select_related("person__contact_person")
        .order_by("person_id")
    )


def _resolve(flags, *, reason: str, resolved_by, now) -> int:
    by_job = isinstance(resolved_by, str)
    return flags.update(
        resolved_at=now,
        resolution=reason,
        resolved_by=None if by_job else resolved_by,
        resolved_by_job=resolved_by if by_job else "",
    )


# ---------------------------------------------------------------- one flag
def flag_raise(
    *,
    person: YoungPerson,
    kind: str,
    details: str = "",
    severity: str | None = None,
    data: dict | None = None,
) -> tuple[Flag, bool]:
    """Raise one flag unless one of that kind is already open (safe to call twice or
    concurrently). Returns ``(flag, created)``: the open flag of that kind either way."""
    sync = flags_sync(
        kind=kind,
        due={person.pk: FlagDue(details=details, severity=severity, data=data or {})},
        scope=NOBODY,
    )
    if sync.raised:
        return sync.raised[0], True
    return Flag.objects.open().get(person=person, kind=kind), False


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
    """A user resolves one flag; a second call changes nothing."""
    if flag.resolved_at is None:
        flag.resolved_at = timezone.now()
        flag.resolved_by = user
        flag.resolution = resolution
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return flag
