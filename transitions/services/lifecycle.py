"""services: the enrolment's life from the case page.

UU and the forvaltning register here what happens to an STU-forløb: STU completed (follow-up
starts), a transfer to another institution (on its day the old institution's staff lose access
and the new one's gain it; a transfer dated in the future waits for the daily job
``enrolment_transfers_carry_out``), a moved planned end (a decision with reasons, within the
5-year limit), the end of the clarification phase, and an education started elsewhere.

Every write validates everything first and raises ``ValidationError`` with Danish messages
before it changes anything, and runs in one transaction, so a refused operation leaves no
trace. Each event is an ``LifecycleEvent`` row (pghistory: the person's history page), tells
the institution's staff, the jobcenter contact and the contact person, and syncs the flags it
makes due or resolves.

The periodic job ``stu_limits_check`` flags, 6 and 3 months ahead, an open enrolment whose
planned end lies after the 5-year limit or the 25th birthday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import Institution, InstitutionMembership
from stu_case.calendar import add_months
from stu_case.formats import short_date
from stu_case.i18n import in_site_language
from stu_case.notifications.services import notification_send
from students import flags as student_flags
from students.models import Enrolment, EnrolmentStatus, Flag, PlanRevision, YoungPerson
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from transitions import flags as transition_flags
from transitions.models.lifecycle import LifecycleEvent, LifecycleEventKind, LifecycleEventStatus
from transitions.models.pathway import PAUSE_OPEN_STATUSES, Pause, PauseStatus
from transitions.services.exit import follow_ups_start
from transitions.services.interruption import involved_jobcenter_contact, jobcenter_recipients
from transitions.services.letters import end_date_moved_letter_send
from transitions.services.pathway import flag_notifier

SECTION = "lifecycle"
LIMIT_WARNINGS = (
    (6, transition_flags.STU_LIMIT_SIX_MONTHS),
    (3, transition_flags.STU_LIMIT_THREE_MONTHS),
)
"""The limit flags: raised this many months before a limit the plan does not end in time for."""

# Flags about an open enrolment, resolved when STU ends (their jobs would do it the next night).
ENROLMENT_FLAG_KINDS = (
    transition_flags.FINAL_YEAR,
    transition_flags.END_CONVERSATION_MISSING,
    transition_flags.PAUSE_WITHOUT_ACTIVITY,
    transition_flags.PAUSE_RETURN_OVERDUE,
    transition_flags.HOUSING_MOVE_DUE,
    transition_flags.STU_LIMIT_SIX_MONTHS,
    transition_flags.STU_LIMIT_THREE_MONTHS,
    transition_flags.PLAN_UPDATE_DUE,
    student_flags.RISING_ABSENCE,
    student_flags.MISSING_ABSENCE_REPORT,
)


# ---------------------------------------------------------------- checks shared by the events
def _open_enrolment(person: YoungPerson) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("institution", "person")
        .filter(person=person)
        .current()
    )
    if enrolment is None:
        raise ValidationError(_("Den unge har ikke et igangværende STU-forløb."))
    return enrolment


def _require(errors: dict, field_name: str, value, message: str) -> None:
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        errors.setdefault(field_name, []).append(message)


def _not_before_start(errors: dict, field_name: str, day, enrolment: Enrolment, what: str):
    if day is not None and day < enrolment.start_date:
        errors.setdefault(field_name, []).append(
            _("%(what)s kan ikke ligge før forløbets start (%(start)s).")
            % {"what": what, "start": short_date(enrolment.start_date)}
        )


def _not_future(errors: dict, field_name: str, day, what: str) -> None:
    if day is not None and day > timezone.localdate():
        errors.setdefault(field_name, []).append(
            _("%(what)s kan ikke ligge i fremtiden.") % {"what": what}
        )


def _not_paused(enrolment: Enrolment, message: str) -> None:
    if enrolment.status == EnrolmentStatus.PAUSED:
        raise ValidationError(message)


def _planned_transfer(enrolment: Enrolment) -> LifecycleEvent | None:
    return LifecycleEvent.objects.filter(
        enrolment=enrolment,
        kind=LifecycleEventKind.TRANSFER,
        status=LifecycleEventStatus.PLANNED,
    ).first()


def _record(enrolment: Enrolment, kind: str, user, **fields) -> LifecycleEvent:
    event = LifecycleEvent(
        person=enrolment.person,
        enrolment=enrolment,
        kind=kind,
        created_by=user,
        carried_out_at=None
        if fields.get("status") == LifecycleEventStatus.PLANNED
        else timezone.now(),
        **fields,
    )
    event.full_clean()
    event.save()
    return event


def _end_open_pauses(enrolment: Enrolment) -> None:
    Pause.objects.filter(enrolment=enrolment, status__in=PAUSE_OPEN_STATUSES).update(
        status=PauseStatus.ENDED
    )


def _resolve_enrolment_flags(person: YoungPerson, *, reason: str, user) -> None:
    """STU has ended: the flags about the open enrolment are no longer due."""
    for kind in ENROLMENT_FLAG_KINDS:
        flag_services.flags_sync(
            kind=kind,
            due={},
            scope=flag_services.people([person.pk]),
            reason=reason,
            resolved_by=user,
        )


def _cancel_planned_transfer(enrolment: Enrolment) -> None:
    LifecycleEvent.objects.filter(
        enrolment=enrolment,
        kind=LifecycleEventKind.TRANSFER,
        status=LifecycleEventStatus.PLANNED,
    ).update(status=LifecycleEventStatus.CANCELLED)


# ---------------------------------------------------------------- who is told
@dataclass
class Notice:
    title: str
    body: str
    institutions: list = field(default_factory=list)


@in_site_language
def _notify(person: YoungPerson, notice: Notice, *, user) -> None:
    """Tell the institutions' staff, the jobcenter contact (else the municipality's jobcenter)
    and the contact person; never the user who registered the event. No name in the text (the
    e-mail is not a safe channel): the link leads to the page, where access is checked."""
    team_url = reverse("transitions:person", args=[person.pk]) + f"#{SECTION}"
    jobcenter = involved_jobcenter_contact(person.pk)
    team = [person.contact_person, *([jobcenter] if jobcenter else jobcenter_recipients(person))]
    staff = [
        m.user
        for m in InstitutionMembership.objects.filter(
            institution__in=notice.institutions, user__is_active=True
        ).select_related("user")
    ]
    sent: set[int] = {user.pk} if user is not None else set()
    for recipients, url in ((team, team_url), (staff, "")):
        for recipient in recipients:
            if recipient is None or not recipient.is_active or recipient.pk in sent:
                continue
            sent.add(recipient.pk)
            notification_send(recipient=recipient, title=notice.title, body=notice.body, url=url)


def _raise_plan_update(person: YoungPerson, details: str) -> None:
    """The event makes a plan update due: the flag stays until a plan revision after it."""
    flag_services.flags_sync(
        kind=transition_flags.PLAN_UPDATE_DUE,
        due={person.pk: flag_services.FlagDue(details=details)},
        scope=flag_services.NOBODY,
        notify=flag_notifier({person.pk: person.contact_person}, section=SECTION),
    )


# ---------------------------------------------------------------- complete
@transaction.atomic
def enrolment_complete(
    *, person: YoungPerson, completed_on: date, note: str, user
) -> LifecycleEvent:
    """STU is completed on ``completed_on``: the enrolment ends, the institution loses access,
    and the 3- and 12-month follow-ups are created at once."""
    enrolment = _open_enrolment(person)
    _not_paused(
        enrolment, _("Forløbet står på pause. Genoptag det, før STU registreres som gennemført.")
    )
    errors: dict = {}
    _require(errors, "completed_on", completed_on, _("Angiv datoen, hvor STU blev gennemført."))
    _not_before_start(
        errors, "completed_on", completed_on, enrolment, _("Datoen for gennemførelse")
    )
    _not_future(errors, "completed_on", completed_on, _("Datoen for gennemførelse"))
    if errors:
        raise ValidationError(errors)
    event = _record(
        enrolment, LifecycleEventKind.COMPLETED, user, event_date=completed_on, reason=note.strip()
    )
    _cancel_planned_transfer(enrolment)
    _stu_ends(
        enrolment,
        status=EnrolmentStatus.COMPLETED,
        end_date=completed_on,
        end_reason=_("Gennemført"),
        flags_reason=_("STU er gennemført."),
        notice=Notice(
            title=_("Et STU-forløb er gennemført"),
            body=_("STU blev gennemført %(d)s. Opfølgningen efter 3 og 12 måneder er oprettet.")
            % {"d": short_date(completed_on)},
            institutions=[enrolment.institution],
        ),
        user=user,
    )
    return event


def _stu_ends(enrolment, *, status, end_date, end_reason, flags_reason, notice, user) -> None:
    """STU is over (completed, or left for another education): the enrolment ends, the
    follow-ups after STU start, the enrolment's flags are resolved and who must know is told."""
    person = enrolment.person
    enrolment_services.enrolment_end(
        enrolment=enrolment, status=status, end_date=end_date, reason=end_reason
    )
    follow_ups_start(person_id=person.pk)
    _resolve_enrolment_flags(person, reason=flags_reason, user=user)
    _notify(person, notice, user=user)


# ---------------------------------------------------------------- education elsewhere
@transaction.atomic
def enrolment_education_elsewhere(
    *, person: YoungPerson, started_on: date, education: str, note: str, user
) -> LifecycleEvent:
    """The young person leaves STU for another education that began on ``started_on``: the
    enrolment ends with that outcome, and the follow-ups after STU are created."""
    enrolment = _open_enrolment(person)
    errors: dict = {}
    _require(errors, "education", education, _("Skriv hvilken uddannelse den unge er startet på."))
    _require(errors, "started_on", started_on, _("Angiv hvornår den anden uddannelse startede."))
    _not_before_start(errors, "started_on", started_on, enrolment, _("Startdatoen"))
    _not_future(errors, "started_on", started_on, _("Startdatoen"))
    if errors:
        raise ValidationError(errors)
    event = _record(
        enrolment,
        LifecycleEventKind.EDUCATION_ELSEWHERE,
        user,
        event_date=started_on,
        education=education.strip(),
        reason=note.strip(),
    )
    _cancel_planned_transfer(enrolment)
    _end_open_pauses(enrolment)
    _stu_ends(
        enrolment,
        status=EnrolmentStatus.LEFT_FOR_EDUCATION,
        end_date=started_on,
        end_reason=_("Anden uddannelse: %(e)s") % {"e": education.strip()[:270]},
        flags_reason=_("Den unge er startet på en anden uddannelse."),
        notice=Notice(
            title=_("En ung har forladt STU for en anden uddannelse"),
            body=_("Den anden uddannelse startede %(d)s. STU-forløbet er afsluttet.")
            % {"d": short_date(started_on)},
            institutions=[enrolment.institution],
        ),
        user=user,
    )
    return event


# ---------------------------------------------------------------- planned end
@transaction.atomic
def enrolment_move_planned_end(
    *, person: YoungPerson, planned_end_date: date, reason: str, user
) -> LifecycleEvent:
    """Move the planned end (a decision with reasons, kept). The new end must lie after the
    start, after today, and within the 5-year limit counted from the day STU began."""
    enrolment = _open_enrolment(person)
    errors: dict = {}
    _require(errors, "planned_end_date", planned_end_date, _("Angiv den nye planlagte slutdato."))
    _require(errors, "reason", reason, _("Begrund hvorfor slutdatoen flyttes."))
    day = planned_end_date
    if day is not None:
        if day == enrolment.planned_end_date:
            errors.setdefault("planned_end_date", []).append(
                _("Det er den planlagte slutdato i forvejen. Vælg en anden dato.")
            )
        elif day <= max(enrolment.start_date, timezone.localdate()):
            errors.setdefault("planned_end_date", []).append(
                _("Den planlagte slutdato skal ligge efter i dag og efter forløbets start.")
            )
        elif day > enrolment.completion_deadline:
            errors.setdefault("planned_end_date", []).append(
                _(
                    "STU skal være gennemført inden 5 år fra start. Den planlagte slutdato kan "
                    "senest være %(d)s."
                )
                % {"d": short_date(enrolment.completion_deadline)}
            )
    if errors:
        raise ValidationError(errors)
    previous = enrolment.planned_end_date
    event = _record(
        enrolment,
        LifecycleEventKind.PLANNED_END_MOVED,
        user,
        event_date=timezone.localdate(),
        previous_date=previous,
        new_date=day,
        reason=reason.strip(),
    )
    enrolment_services.enrolment_set_planned_end(enrolment=enrolment, planned_end_date=day)
    # The decision reaches the young person as a letter (with appeal guidance), in this
    # transaction: if the letter cannot be made, the end date does not move.
    end_date_moved_letter_send(
        enrolment=enrolment,
        old_end=previous,
        new_end=day,
        facts=_(
            "Du begyndte på din STU på %(institution)s den %(start)s. Forløbet skulle slutte den "
            "%(old)s. STU skal være gennemført senest den %(deadline)s (5 år fra start)."
        )
        % {
            "institution": enrolment.institution.name,
            "start": short_date(enrolment.stu_start_date or enrolment.start_date),
            "old": short_date(previous),
            "deadline": short_date(enrolment.completion_deadline),
        },
        considerations=_(
            "Vi har lagt vægt på, at du kan nå målene i din uddannelsesplan, og at forløbet "
            "slutter inden for de 5 år, som STU-loven giver."
        ),
        justification=reason.strip(),
        user=user,
    )
    stu_limits_check(person_ids=[person.pk], user=user)
    _raise_plan_update(
        person,
        _("Den planlagte slutdato er flyttet fra %(a)s til %(b)s.")
        % {"a": short_date(previous), "b": short_date(day)},
    )
    _notify(
        person,
        Notice(
            title=_("Den planlagte slutdato for et STU-forløb er flyttet"),
            body=_("Ny planlagt slutdato: %(b)s (før %(a)s).")
            % {"a": short_date(previous), "b": short_date(day)},
            institutions=[enrolment.institution],
        ),
        user=user,
    )
    return event


# ---------------------------------------------------------------- clarification
@transaction.atomic
def enrolment_end_clarification(
    *, person: YoungPerson, ended_on: date, conclusion: str, user
) -> LifecycleEvent:
    """The clarification phase (afklaringsforløb, up to 12 weeks) ends on ``ended_on``; the
    course plan must now be completed (a flag until the plan is revised)."""
    enrolment = _open_enrolment(person)
    if LifecycleEvent.objects.filter(
        enrolment=enrolment, kind=LifecycleEventKind.CLARIFICATION_ENDED
    ).exists():
        raise ValidationError(_("Afklaringsforløbet er allerede afsluttet."))
    errors: dict = {}
    _require(errors, "ended_on", ended_on, _("Angiv hvornår afklaringsforløbet sluttede."))
    _require(errors, "conclusion", conclusion, _("Skriv kort, hvad afklaringen viste."))
    _not_before_start(errors, "ended_on", ended_on, enrolment, _("Slutdatoen for afklaringen"))
    _not_future(errors, "ended_on", ended_on, _("Slutdatoen for afklaringen"))
    if ended_on is not None and ended_on > enrolment.clarification_end_date:
        errors.setdefault("ended_on", []).append(
            _("Afklaringsforløbet varer højst 12 uger og skulle slutte senest %(d)s.")
            % {"d": short_date(enrolment.clarification_end_date)}
        )
    if errors:
        raise ValidationError(errors)
    event = _record(
        enrolment,
        LifecycleEventKind.CLARIFICATION_ENDED,
        user,
        event_date=ended_on,
        previous_date=enrolment.clarification_end_date,
        reason=conclusion.strip(),
    )
    enrolment_services.enrolment_end_clarification(enrolment=enrolment, ended_on=ended_on)
    _raise_plan_update(
        person,
        _("Afklaringsforløbet sluttede %(d)s. Forløbsplanen skal nu færdiggøres.")
        % {"d": short_date(ended_on)},
    )
    _notify(
        person,
        Notice(
            title=_("Et afklaringsforløb er afsluttet"),
            body=_("Afklaringsforløbet sluttede %(d)s. Forløbsplanen skal nu færdiggøres.")
            % {"d": short_date(ended_on)},
            institutions=[enrolment.institution],
        ),
        user=user,
    )
    return event


# ---------------------------------------------------------------- transfer
@transaction.atomic
def enrolment_transfer(
    *, person: YoungPerson, institution: Institution, transfer_date: date, reason: str, user
) -> LifecycleEvent:
    """Move the young person to ``institution`` from ``transfer_date``: that day the enrolment
    ends (the old institution's staff lose access) and the next one starts with the same
    planned end and STU start (the new institution's staff gain access). A transfer dated
    after today is planned, and carried out on its day by ``enrolment_transfers_carry_out``."""
    enrolment = _open_enrolment(person)
    _not_paused(
        enrolment, _("Forløbet står på pause. Genoptag det, før den unge skifter institution.")
    )
    if _planned_transfer(enrolment) is not None:
        raise ValidationError(_("Der er allerede planlagt et institutionsskift for forløbet."))
    errors: dict = {}
    _require(errors, "institution", institution, _("Vælg den nye institution."))
    _require(errors, "transfer_date", transfer_date, _("Angiv datoen for skiftet."))
    _require(errors, "reason", reason, _("Begrund skiftet af institution."))
    if institution is not None and institution.pk == enrolment.institution_id:
        errors.setdefault("institution", []).append(
            _("Den unge går allerede på %(i)s. Vælg en anden institution.") % {"i": institution}
        )
    elif institution is not None and not institution.is_active:
        errors.setdefault("institution", []).append(_("Institutionen er ikke aktiv."))
    if transfer_date is not None and transfer_date <= enrolment.start_date:
        errors.setdefault("transfer_date", []).append(
            _("Skiftet skal ligge efter forløbets start (%(d)s).")
            % {"d": short_date(enrolment.start_date)}
        )
    elif transfer_date is not None and transfer_date >= enrolment.planned_end_date:
        errors.setdefault("transfer_date", []).append(
            _("Skiftet skal ligge før den planlagte slutdato (%(d)s).")
            % {"d": short_date(enrolment.planned_end_date)}
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            event = _record(
                enrolment,
                LifecycleEventKind.TRANSFER,
                user,
                status=LifecycleEventStatus.PLANNED,
                event_date=transfer_date,
                to_institution=institution,
                reason=reason.strip(),
            )
    except IntegrityError as exc:
        raise ValidationError(_("Der er allerede planlagt et institutionsskift.")) from exc
    if transfer_date <= timezone.localdate():
        _carry_out(event, user=user)
    else:
        _notify(
            person,
            Notice(
                title=_("Et institutionsskift er planlagt"),
                body=_("Den unge skifter institution %(d)s.") % {"d": short_date(transfer_date)},
                institutions=[enrolment.institution, institution],
            ),
            user=user,
        )
    return event


def _carry_out(event: LifecycleEvent, *, user=None) -> Enrolment:
    """The transfer's day has come: end the old enrolment, start the next (access moves)."""
    old = Enrolment.objects.select_related("institution", "person").get(pk=event.enrolment_id)
    enrolment_services.enrolment_end(
        enrolment=old,
        status=EnrolmentStatus.TRANSFERRED,
        end_date=event.event_date - timedelta(days=1),
        reason=_("Skiftet til %(i)s") % {"i": event.to_institution},
    )
    new = enrolment_services.enrolment_start(
        person=old.person,
        institution=event.to_institution,
        start_date=event.event_date,
        clarification_weeks=0,
        hours_per_year=old.hours_per_year,
        planned_end_date=old.planned_end_date,
        stu_start_date=old.stu_started_on,
    )
    event.status = LifecycleEventStatus.DONE
    event.new_enrolment = new
    event.carried_out_at = timezone.now()
    event.save(update_fields=["status", "new_enrolment", "carried_out_at"])
    _raise_plan_update(
        old.person,
        _("Den unge skiftede til %(i)s %(d)s. Planen skal tilpasses den nye institution.")
        % {"i": event.to_institution, "d": short_date(event.event_date)},
    )
    _notify(
        old.person,
        Notice(
            title=_("En ung har skiftet institution"),
            body=_("Skiftet gælder fra %(d)s.") % {"d": short_date(event.event_date)},
            institutions=[old.institution, event.to_institution],
        ),
        user=user,
    )
    return new


@in_site_language
def enrolment_transfers_carry_out(*, today: date | None = None) -> dict:
    """The daily job: carry out the planned transfers whose day has come (access moves that
    day); a planned transfer whose enrolment has ended otherwise lapses. Safe to run twice or
    concurrently (each event is claimed under a row lock)."""
    today = today or timezone.localdate()
    done = lapsed = 0
    due = LifecycleEvent.objects.filter(
        kind=LifecycleEventKind.TRANSFER,
        status=LifecycleEventStatus.PLANNED,
        event_date__lte=today,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            event = (
                LifecycleEvent.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("to_institution")
                .filter(pk=pk, status=LifecycleEventStatus.PLANNED)
                .first()
            )
            if event is None:
                continue
            if not Enrolment.objects.open().filter(pk=event.enrolment_id).exists():
                event.status = LifecycleEventStatus.CANCELLED
                event.save(update_fields=["status"])
                lapsed += 1
                continue
            _carry_out(event)
            done += 1
    return {"done": done, "lapsed": lapsed}


# ---------------------------------------------------------------- the 5-year and age-25 limits
def _late_limits(enrolment: Enrolment) -> list[tuple[str, date]]:
    """The limits the planned end does not meet: the 5-year limit and the 25th birthday."""
    limits = [
        (_("femårsfristen"), enrolment.completion_deadline),
        (_("25-årsdagen"), enrolment.person.turns_25_on),
    ]
    return [(label, day) for label, day in limits if enrolment.planned_end_date > day]


@in_site_language
def stu_limits_check(*, today: date | None = None, person_ids=None, user=None) -> dict:
    """Flag an open enrolment 6 and 3 months before the 5-year limit or the 25th birthday
    when its planned end lies after that limit; resolve the flags when the plan ends in time
    or STU has ended. Safe to run twice (at most one open flag per person and kind); the
    contact person is told about a new flag."""
    today = today or timezone.localdate()
    enrolments = Enrolment.objects.open().select_related("person__contact_person")
    if person_ids is not None:
        enrolments = enrolments.filter(person_id__in=list(person_ids))
    due: dict = {kind: {} for _months, kind in LIMIT_WARNINGS}
    contacts: dict[int, object] = {}
    for enrolment in enrolments:
        for label, limit in sorted(_late_limits(enrolment), key=lambda item: item[1]):
            for months, kind in LIMIT_WARNINGS:
                if today < add_months(limit, -months) or enrolment.person_id in due[kind]:
                    continue
                due[kind][enrolment.person_id] = flag_services.FlagDue(
                    details=_(
                        "%(limit)s er %(day)s, men forløbet slutter efter planen %(end)s. "
                        "Flyt den planlagte slutdato eller afslut forløbet i tide."
                    )
                    % {
                        "limit": label.capitalize(),
                        "day": short_date(limit),
                        "end": short_date(enrolment.planned_end_date),
                    },
                    data={"limit": str(limit)},
                )
                contacts[enrolment.person_id] = enrolment.person.contact_person
    result = {"raised": 0, "resolved": _plan_updates_sync(person_ids, user)}
    for _months, kind in LIMIT_WARNINGS:
        sync = flag_services.flags_sync(
            kind=kind,
            due=due[kind],
            scope=flag_services.EVERYONE
            if person_ids is None
            else flag_services.people(person_ids),
            reason=_("Planen slutter nu i tide, eller STU er afsluttet."),
            resolved_by=user or "stu_limits_check",
            notify=flag_notifier(contacts, section=SECTION),
        )
        result["raised"] += len(sync.raised)
        result["resolved"] += sync.resolved
    return result


def _plan_updates_sync(person_ids, user) -> int:
    """Resolve PLAN_UPDATE_DUE once the plan has been revised after the flag was raised."""
    revised = PlanRevision.objects.filter(
        plan__person=OuterRef("person"), created_at__gt=OuterRef("raised_at")
    )
    flags = Flag.objects.open().filter(kind=transition_flags.PLAN_UPDATE_DUE)
    if person_ids is not None:
        flags = flags.filter(person_id__in=list(person_ids))
    rows = list(flags.annotate(revised=Exists(revised)).values_list("person_id", "revised"))
    sync = flag_services.flags_sync(
        kind=transition_flags.PLAN_UPDATE_DUE,
        due={pid: flag_services.FlagDue() for pid, revised in rows if not revised},
        scope=flag_services.people([pid for pid, _revised in rows]),
        reason=_("Forløbsplanen er revideret."),
        resolved_by=user or "stu_limits_check",
    )
    return sync.resolved
