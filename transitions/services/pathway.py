"""services: pathway — pauses/leave, housing, their flags (the interruption is in
``interruption``).

Every write validates everything first and raises ``ValidationError`` (Danish messages) before
it changes anything; each runs in one transaction, so a failed operation leaves no trace.
Enrolment and person statuses change through ``students.services`` (one app never saves
another app's model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.accounts import roles
from stu_case.calendar import add_months
from stu_case.formats import short_date
from stu_case.i18n import in_site_language
from stu_case.notifications.services import notification_send
from students.models import (
    Enrolment,
    Flag,
    YoungPerson,
)
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import people as people_services
from transitions import flags as transition_flags
from transitions.models.pathway import (
    PAUSE_OPEN_STATUSES,
    HousingPlan,
    Pause,
    PauseActivityKind,
    PauseReason,
    PauseStatus,
    ReassessmentResult,
)
from transitions.services.letters import pause_approved_letter_send, pause_refused_letter_send

HOUSING_MOVE_MONTHS_BEFORE_END = 6
"""A needed move should be completed about six months before STU ends (the catalogue)."""
HOUSING_WATCH_MARGIN_DAYS = 90
"""The housing flag is raised from this many days before that six-month point."""


def _is_team_member(user, person) -> bool:
    if user is None or not user.is_active or user.municipality_id != person.municipality_id:
        return False
    return get_user_model().objects.filter(pk=user.pk).with_role(*roles.EDITOR_ROLES).exists()


# ---------------------------------------------------------------- pauses
@dataclass
class PauseData:
    reason: str
    start_date: date | None
    planned_return_date: date | None
    activity_kind: str
    activity_description: str
    responsible: object | None
    reason_text: str = ""
    return_plan: str = ""


def _validate_pause(*, person, enrolment, data: PauseData, exclude_pk=None) -> None:
    """Every rule of a pause at once, so the form shows all problems together."""
    errors: dict[str, list[str]] = {}

    def err(field, msg):
        errors.setdefault(field, []).append(msg)

    if enrolment is None:
        raise ValidationError(
            _("Den unge har intet igangværende STU-forløb, så der kan ikke oprettes en pause.")
        )
    if data.reason not in PauseReason.values:
        err("reason", _("Vælg en årsag til pausen."))
    if data.reason == PauseReason.OTHER and not data.reason_text.strip():
        err("reason_text", _("Uddyb årsagen, når du vælger »Anden årsag«."))
    if data.start_date is None:
        err("start_date", _("Angiv hvornår pausen begynder."))
    if data.planned_return_date is None:
        err("planned_return_date", _("Angiv hvornår den unge planlægges at vende tilbage."))
    if data.activity_kind not in PauseActivityKind.values:
        err(
            "activity_kind",
            _("En pause skal være en pause til noget: vælg den planlagte aktivitet."),
        )
    if not data.activity_description.strip():
        err(
            "activity_description",
            _("Beskriv den planlagte aktivitet: hvad skal den unge i pausen, og hvor?"),
        )
    if data.responsible is None:
        err("responsible", _("Vælg hvem der er ansvarlig for den unge under pausen."))
    elif not _is_team_member(data.responsible, person):
        err("responsible", _("Den ansvarlige skal være en medarbejder i kommunens STU-team."))
    if data.start_date and data.planned_return_date:
        if data.planned_return_date <= data.start_date:
            err(
                "planned_return_date",
                _("Den planlagte tilbagevenden skal ligge efter pausens start."),
            )
        if data.start_date < enrolment.start_date:
            err(
                "start_date",
                _("Pausen kan ikke begynde før STU-forløbet (startede %(d)s).")
                % {"d": short_date(enrolment.start_date)},
            )
        deadline = enrolment.completion_deadline
        if data.planned_return_date > deadline:
            err(
                "planned_return_date",
                _(
                    "Den planlagte tilbagevenden ligger efter fristen for at gennemføre STU "
                    "(5 år fra start: %(d)s). Femårsfristen løber også under en pause."
                )
                % {"d": short_date(deadline)},
            )
        if data.planned_return_date > data.start_date:
            others = (
                Pause.objects.filter(enrolment=enrolment)
                .filter(Q(status__in=PAUSE_OPEN_STATUSES) | Q(status=PauseStatus.RESUMED))
                .exclude(pk=exclude_pk)
            )
            for other in others:
                other_end = (
                    other.resumed_on
                    if other.status == PauseStatus.RESUMED
                    else other.planned_return_date
                )
                if other.start_date < data.planned_return_date and data.start_date < other_end:
                    err(
                        "start_date",
                        _("Pausen overlapper en anden pause (%(a)s–%(b)s).")
                        % {"a": short_date(other.start_date), "b": short_date(other_end)},
                    )
                    break
    if errors:
        raise ValidationError(errors)


def _running_pause_exists(enrolment) -> bool:
    """An approved pause is running. (An enrolment marked paused without one, e.g. in the
    admin, may get its pause recorded and approved.)"""
    return Pause.objects.filter(enrolment=enrolment, status=PauseStatus.APPROVED).exists()


@transaction.atomic
def pause_create(*, person: YoungPerson, data: PauseData, user) -> Pause:
    """Request a pause from the open enrolment. Approval is a separate step (the municipality)."""
    enrolment = person.enrolments.select_for_update().current()
    if enrolment is not None and _running_pause_exists(enrolment):
        raise ValidationError(_("Den unge er allerede på pause. Genoptag pausen først."))
    _validate_pause(person=person, enrolment=enrolment, data=data)
    pause = Pause(
        person=person,
        enrolment=enrolment,
        reason=data.reason,
        reason_text=data.reason_text.strip(),
        start_date=data.start_date,
        planned_return_date=data.planned_return_date,
        activity_kind=data.activity_kind,
        activity_description=data.activity_description.strip(),
        responsible=data.responsible,
        return_plan=data.return_plan.strip(),
        requested_by=user,
    )
    pause.full_clean()
    pause.save()
    return pause


PAUSE_EDIT_FIELDS = (
    "reason",
    "reason_text",
    "start_date",
    "planned_return_date",
    "activity_kind",
    "activity_description",
    "responsible",
    "return_plan",
)


@transaction.atomic
def pause_update(*, pause: Pause, data: PauseData, user) -> Pause:
    """Change a requested or running pause (e.g. a new return date or a new activity)."""
    pause = Pause.objects.select_for_update().get(pk=pause.pk)
    if pause.status not in PAUSE_OPEN_STATUSES:
        raise ValidationError(_("Pausen er afsluttet og kan ikke længere ændres."))
    if pause.is_active and data.start_date != pause.start_date:
        raise ValidationError(
            {"start_date": _("Pausen er begyndt; dens startdato kan ikke ændres.")}
        )
    _validate_pause(person=pause.person, enrolment=pause.enrolment, data=data, exclude_pk=pause.pk)
    for field in PAUSE_EDIT_FIELDS:
        value = getattr(data, field)
        setattr(pause, field, value.strip() if isinstance(value, str) else value)
    pause.full_clean()
    pause.save(update_fields=list(PAUSE_EDIT_FIELDS))
    pause_flags_check(person_ids=[pause.person_id], user=user)
    return pause


@in_site_language
def _notify_responsible(pause: Pause, title: str) -> None:
    if pause.responsible is not None and pause.responsible.is_active:
        notification_send(
            recipient=pause.responsible,
            title=title,
            body=_("Pausen løber til %(d)s.") % {"d": short_date(pause.planned_return_date)},
            url=reverse("transitions:person", args=[pause.person_id]) + "#pathway",
        )


@transaction.atomic
def pause_approve(
    *, pause: Pause, user, requires_reassessment: bool = False, note: str = ""
) -> Pause:
    """The municipality approves: enrolment and young person are paused (on the start date
    when the pause is approved in advance)."""
    pause = Pause.objects.select_for_update().select_related("enrolment").get(pk=pause.pk)
    if pause.status != PauseStatus.REQUESTED:
        raise ValidationError(_("Kun en anmodet pause kan godkendes."))
    if not pause.has_activity:
        raise ValidationError(
            _("Pausen har ingen planlagt aktivitet. En pause skal være en pause til noget.")
        )
    if pause.responsible is None:
        raise ValidationError(_("Pausen har ingen ansvarlig. Vælg en ansvarlig først."))
    if not pause.enrolment.is_open:
        raise ValidationError(_("STU-forløbet er ikke i gang og kan ikke sættes på pause."))
    if _running_pause_exists(pause.enrolment):
        raise ValidationError(_("Den unge er allerede på pause. Genoptag pausen først."))
    pause.status = PauseStatus.APPROVED
    pause.decided_by = user
    pause.decided_at = timezone.now()
    pause.decision_note = note.strip()
    pause.requires_reassessment = requires_reassessment
    pause.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_note",
            "requires_reassessment",
        ]
    )
    if pause.start_date <= timezone.localdate():
        enrolment_services.enrolment_pause(enrolment=pause.enrolment)
    # else: approved in advance; ``pauses_start_due`` pauses the enrolment on the start date.
    pause_flags_check(person_ids=[pause.person_id], user=user)
    if pause.responsible_id != getattr(user, "pk", None):
        _notify_responsible(pause, _("Du er ansvarlig for en ung under en godkendt pause"))
    pause_approved_letter_send(pause=pause, user=user)
    return pause


@transaction.atomic
def pause_reject(*, pause: Pause, user, note: str) -> Pause:
    pause = Pause.objects.select_for_update().get(pk=pause.pk)
    if pause.status != PauseStatus.REQUESTED:
        raise ValidationError(_("Kun en anmodet pause kan afvises."))
    if not note.strip():
        raise ValidationError({"note": _("Skriv en begrundelse for afslaget.")})
    pause.status = PauseStatus.REJECTED
    pause.decided_by = user
    pause.decided_at = timezone.now()
    pause.decision_note = note.strip()
    pause.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    pause_refused_letter_send(pause=pause, user=user)
    return pause


@transaction.atomic
def pause_resume(
    *,
    pause: Pause,
    user,
    resumed_on: date | None,
    reassessment_date: date | None = None,
    reassessment_result: str = "",
    reassessment_note: str = "",
) -> Pause:
    """The young person returns: the enrolment is active again. When the approver asked for a
    new target-group assessment (målgruppevurdering), its date and result are required."""
    pause = Pause.objects.select_for_update().select_related("enrolment").get(pk=pause.pk)
    if pause.status != PauseStatus.APPROVED:
        raise ValidationError(_("Kun en godkendt pause kan genoptages."))
    if pause.start_date > timezone.localdate():
        raise ValidationError(
            _("Pausen er ikke begyndt endnu (begynder %(d)s). Ret eller afvis den i stedet.")
            % {"d": short_date(pause.start_date)}
        )
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if resumed_on is None:
        errors["resumed_on"] = [_("Angiv hvornår den unge vendte tilbage.")]
    elif resumed_on < pause.start_date:
        errors["resumed_on"] = [
            _("Genoptagelsen kan ikke ligge før pausens start (%(d)s).")
            % {"d": short_date(pause.start_date)}
        ]
    elif resumed_on > today:
        errors["resumed_on"] = [_("Registrér genoptagelsen, når den unge er vendt tilbage.")]
    if pause.requires_reassessment:
        if reassessment_date is None:
            errors["reassessment_date"] = [
                _("Der skal foretages en ny målgruppevurdering: angiv hvornår den blev foretaget.")
            ]
        elif reassessment_date > today:
            errors["reassessment_date"] = [_("Målgruppevurderingen kan ikke ligge i fremtiden.")]
        if reassessment_result not in ReassessmentResult.values:
            errors["reassessment_result"] = [_("Angiv resultatet af målgruppevurderingen.")]
        elif reassessment_result == ReassessmentResult.NOT_IN_TARGET_GROUP:
            errors["reassessment_result"] = [
                _(
                    "Den unge er ikke længere i målgruppen, så forløbet kan ikke genoptages. "
                    "Overvej i stedet en afbrydelse af forløbet."
                )
            ]
    if errors:
        raise ValidationError(errors)
    pause.status = PauseStatus.RESUMED
    pause.resumed_on = resumed_on
    pause.resumed_by = user
    fields = ["status", "resumed_on", "resumed_by"]
    if pause.requires_reassessment:
        pause.reassessment_date = reassessment_date
        pause.reassessment_result = reassessment_result
        pause.reassessment_note = reassessment_note.strip()
        fields += ["reassessment_date", "reassessment_result", "reassessment_note"]
    pause.full_clean()
    pause.save(update_fields=fields)
    enrolment_services.enrolment_resume(enrolment=pause.enrolment)
    pause_flags_check(person_ids=[pause.person_id], user=user)
    return pause


# ---------------------------------------------------------------- pause flags
@dataclass
class FlagRun:
    raised: int = 0
    resolved: int = 0
    started: int = 0  # pauses approved in advance that began (pause job only)


def _without_activity_q() -> Q:
    return Q(activity_kind="") | Q(activity_description__regex=r"^\s*$")


@transaction.atomic
def pauses_start_due(*, today: date | None = None, person_ids=None) -> int:
    """Pauses approved in advance begin on their start date: the enrolment and the young person
    are paused then. Safe to run twice."""
    today = today or timezone.localdate()
    due = Pause.objects.filter(
        status=PauseStatus.APPROVED,
        start_date__lte=today,
        enrolment__in=Enrolment.objects.active(),
    ).select_related("enrolment__person")
    if person_ids is not None:
        due = due.filter(person_id__in=list(person_ids))
    started = 0
    for pause in due:
        enrolment_services.enrolment_pause(enrolment=pause.enrolment)
        started += 1
    return started


def _paused_without_pause_row(person_ids=None):
    """Enrolments marked paused (e.g. in the admin) without an approved pause: a pause with
    no planned activity, responsible or return date on record."""
    qs = (
        Enrolment.objects.paused()
        .exclude(
            Exists(Pause.objects.filter(enrolment=OuterRef("pk"), status=PauseStatus.APPROVED))
        )
        .select_related("person")
    )
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    return qs


def _pauses_to_flag(*, today: date, person_ids) -> tuple[list, list]:
    """The running pauses without a planned activity (and paused enrolments without a pause on
    record), and those past their planned return: ``(person, responsible, details, data)``,
    newest pause first for each young person."""
    active = Pause.objects.filter(
        status=PauseStatus.APPROVED, start_date__lte=today
    ).select_related("person", "person__contact_person", "responsible")
    if person_ids is not None:
        active = active.filter(person_id__in=list(person_ids))
    active = active.order_by("person_id", "-start_date")

    without_activity = [
        (
            p.person,
            p.responsible,
            _(
                "Pausen fra %(d)s har ingen planlagt aktivitet. En pause skal være en pause "
                "til noget: aftal en aktivitet og en ansvarlig."
            )
            % {"d": short_date(p.start_date)},
            {"pause": p.pk},
        )
        for p in active.filter(_without_activity_q())
    ] + [
        (
            e.person,
            None,
            _(
                "STU-forløbet står på pause, men der er ingen godkendt pause med en planlagt "
                "aktivitet, en ansvarlig og en dato for tilbagevenden."
            ),
            {"enrolment": e.pk},
        )
        for e in _paused_without_pause_row(person_ids)
    ]
    overdue = [
        (
            p.person,
            p.responsible,
            _(
                "Den unge skulle være vendt tilbage fra pause %(d)s. Genoptag forløbet, "
                "ret datoen for tilbagevenden eller overvej en afbrydelse."
            )
            % {"d": short_date(p.planned_return_date)},
            {"pause": p.pk},
        )
        for p in active.filter(planned_return_date__lt=today)
    ]
    return without_activity, overdue


@in_site_language
def pause_flags_check(*, today: date | None = None, person_ids=None, user=None) -> FlagRun:
    """Raise PAUSE_WITHOUT_ACTIVITY for a running pause with no planned activity (or a paused
    enrolment with no pause on record) and PAUSE_RETURN_OVERDUE when the planned return date
    has passed without a resume; resolve both when fixed. First starts the pauses approved in
    advance whose start date has come. Safe to run twice (at most one open flag per person and
    kind); the responsible person is told about a new flag. ``user`` is who changed something
    when a page runs the check for one young person (else the job resolved the flags)."""
    today = today or timezone.localdate()
    run = FlagRun()
    run.started = pauses_start_due(today=today, person_ids=person_ids)
    without_activity, overdue = _pauses_to_flag(today=today, person_ids=person_ids)
    rules = (
        (
            transition_flags.PAUSE_WITHOUT_ACTIVITY,
            without_activity,
            _("Pausen har nu en planlagt aktivitet, eller den er slut."),
        ),
        (
            transition_flags.PAUSE_RETURN_OVERDUE,
            overdue,
            _("Pausen er genoptaget, eller datoen for tilbagevenden er ændret."),
        ),
    )
    for kind, items, resolution in rules:
        due: dict[int, flag_services.FlagDue] = {}
        told: dict[int, object] = {}
        for person, responsible, details, data in items:
            if person.pk not in due:  # the newest pause speaks for the person
                due[person.pk] = flag_services.FlagDue(details=details, data=data)
                told[person.pk] = responsible or person.contact_person
        sync = flag_services.flags_sync(
            kind=kind,
            due=due,
            scope=flag_services.EVERYONE
            if person_ids is None
            else flag_services.people(person_ids),
            reason=resolution,
            resolved_by=user or "pause_flags_check",
            notify=flag_notifier(told),
        )
        run.raised += len(sync.raised)
        run.resolved += sync.resolved
    return run


def flag_notifier(recipients: dict[int, object], *, section: str = "pathway"):
    """The flag service's ``notify``: tell the person responsible for each young person (the
    link leads to ``section`` of the transitions page)."""

    def notify(flags: list[Flag]) -> None:
        for flag in flags:
            _notify_flag(flag, recipients.get(flag.person_id), section)

    return notify


def _notify_flag(flag: Flag, recipient, section: str) -> None:
    """Tell the responsible person about a new flag (inbox + e-mail). No name in the text:
    e-mail is not a safe channel for person data; the link leads to the page, where access is
    checked."""
    if recipient is None or not recipient.is_active:
        return
    notification_send(
        recipient=recipient,
        title=_("Nyt flag: %(kind)s") % {"kind": flag.get_kind_display()},
        body=flag.details,
        url=reverse("transitions:person", args=[flag.person_id]) + f"#{section}",
    )


# ---------------------------------------------------------------- housing
def housing_move_deadline(enrolment: Enrolment) -> date:
    """A needed move should be done by this date: six months before the planned end."""
    return add_months(enrolment.planned_end_date, -HOUSING_MOVE_MONTHS_BEFORE_END)


@transaction.atomic
def housing_plan_save(
    *,
    person: YoungPerson,
    current_situation: str,
    move_needed: bool,
    target_situation: str = "",
    planned_move_date: date | None = None,
    support: str = "",
    note: str = "",
    user,
) -> HousingPlan:
    errors: dict[str, list[str]] = {}
    if move_needed and not target_situation:
        errors["target_situation"] = [_("Vælg hvilken boligsituation den unge skal flytte til.")]
    if move_needed and target_situation and target_situation == current_situation:
        errors["target_situation"] = [_("Den nye boligsituation er den samme som den nuværende.")]
    if not move_needed and planned_move_date:
        errors["planned_move_date"] = [
            _("Der er angivet en flyttedato, men ikke at den unge skal flytte.")
        ]
    if errors:
        raise ValidationError(errors)
    fresh = YoungPerson.objects.select_for_update().get(pk=person.pk)
    people_services.young_person_update(person=fresh, data={"housing_situation": current_situation})
    plan, _created = HousingPlan.objects.select_for_update().get_or_create(person=fresh)
    plan.move_needed = move_needed
    plan.target_situation = target_situation if move_needed else ""
    plan.planned_move_date = planned_move_date if move_needed else None
    plan.support = support.strip()
    plan.note = note.strip()
    plan.updated_by = user
    plan.full_clean()
    plan.save()
    housing_flags_check(person_ids=[person.pk], user=user)
    return plan


@in_site_language
def housing_flags_check(*, today: date | None = None, person_ids=None, user=None) -> FlagRun:
    """Raise HOUSING_MOVE_DUE when a needed move has no date, or is planned later than six
    months before the open enrolment's planned end, once that point is less than
    ``HOUSING_WATCH_MARGIN_DAYS`` away (or passed). Resolve when fixed. Safe to run twice.
    ``user`` is who changed something when a page runs the check for one young person."""
    today = today or timezone.localdate()
    enrolments = (
        Enrolment.objects.open()
        .filter(person__housing_plan__move_needed=True)
        .select_related("person", "person__housing_plan", "person__contact_person")
    )
    if person_ids is not None:
        enrolments = enrolments.filter(person_id__in=list(person_ids))
    due: dict[int, flag_services.FlagDue] = {}
    contacts: dict[int, object] = {}
    for enrolment in enrolments:
        plan = enrolment.person.housing_plan
        deadline = housing_move_deadline(enrolment)
        if today < deadline - timedelta(days=HOUSING_WATCH_MARGIN_DAYS):
            continue
        if plan.planned_move_date is not None and plan.planned_move_date <= deadline:
            continue
        if plan.planned_move_date is None:
            details = _(
                "Den unge skal flytte, men flytningen er ikke planlagt. Den bør være gennemført "
                "senest %(d)s (et halvt år før STU slutter %(end)s)."
            )
        else:
            details = _(
                "Flytningen er planlagt til %(move)s, senere end %(d)s (et halvt år før STU "
                "slutter %(end)s)."
            )
        due[enrolment.person_id] = flag_services.FlagDue(
            details=details
            % {
                "d": short_date(deadline),
                "end": short_date(enrolment.planned_end_date),
                "move": short_date(plan.planned_move_date) if plan.planned_move_date else "",
            },
        )
        contacts[enrolment.person_id] = enrolment.person.contact_person
    sync = flag_services.flags_sync(
        kind=transition_flags.HOUSING_MOVE_DUE,
        due=due,
        scope=flag_services.EVERYONE if person_ids is None else flag_services.people(person_ids),
        reason=_("Flytningen er planlagt i tide, ikke længere nødvendig, eller STU er slut."),
        resolved_by=user or "housing_flags_check",
        notify=flag_notifier(contacts),
    )
    return FlagRun(raised=len(sync.raised), resolved=sync.resolved)
