"""services: the interruption (afbrydelse) of an STU enrolment, in three steps: the plan is
adjusted, a warning letter and a meeting, then the decision (the jobcenter is told).

Every write validates everything first and raises ``ValidationError`` (Danish messages) before
it changes anything; each runs in one transaction, so a failed operation leaves no trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.accounts import roles
from stu_case.formats import short_date
from stu_case.i18n import in_site_language
from stu_case.notifications.services import notification_send
from students.models import (
    Enrolment,
    EnrolmentStatus,
    YoungPerson,
)
from students.services import enrolments as enrolment_services
from students.services import letters as letter_services
from transitions.models.pathway import (
    PAUSE_OPEN_STATUSES,
    Interruption,
    InterruptionStatus,
    Pause,
    PauseStatus,
)
from transitions.services.letters import interruption_decision_letter_send, interruption_subject
from transitions.services.pathway import (
    housing_flags_check,
    pause_flags_check,
)


def _open_interruption(person, *, lock: bool = False) -> Interruption | None:
    qs = Interruption.objects.filter(person=person, status=InterruptionStatus.OPEN)
    if lock:
        qs = qs.select_for_update()
    return qs.select_related("enrolment").first()


def _not_future(errors: dict, field: str, value: date | None, label: str) -> None:
    if value is None:
        errors.setdefault(field, []).append(_("Angiv %(what)s.") % {"what": label})
    elif value > timezone.localdate():
        errors.setdefault(field, []).append(
            _("Datoen for %(what)s kan ikke ligge i fremtiden.") % {"what": label}
        )


@transaction.atomic
def interruption_adjust_plan(
    *, person: YoungPerson, plan_adjusted_on: date | None, note: str, user
) -> Interruption:
    """Step 1: the plan was adjusted first. Starts the interruption case if none is open."""
    errors: dict[str, list[str]] = {}
    _not_future(errors, "plan_adjusted_on", plan_adjusted_on, _("datoen for justeringen"))
    if not note.strip():
        errors["plan_adjustment_note"] = [_("Beskriv hvordan planen blev justeret.")]
    enrolment = person.enrolments.select_for_update().current()
    if enrolment is None:
        raise ValidationError(_("Den unge har intet igangværende STU-forløb, der kan afbrydes."))
    if plan_adjusted_on and plan_adjusted_on < enrolment.start_date:
        errors.setdefault("plan_adjusted_on", []).append(
            _("Datoen ligger før STU-forløbet startede (%(d)s).")
            % {"d": short_date(enrolment.start_date)}
        )
    if errors:
        raise ValidationError(errors)
    interruption = _open_interruption(person, lock=True)
    if interruption is None:
        interruption = Interruption(person=person, enrolment=enrolment, opened_by=user)
    elif interruption.step2_done:
        raise ValidationError(
            _("Varselsbrev og møde er allerede registreret; trin 1 kan ikke ændres nu.")
        )
    interruption.plan_adjusted_on = plan_adjusted_on
    interruption.plan_adjustment_note = note.strip()
    interruption.full_clean()
    try:
        with transaction.atomic():
            interruption.save()
    except IntegrityError as exc:
        raise ValidationError(_("Der er allerede en afbrydelse i gang for forløbet.")) from exc
    return interruption


@transaction.atomic
def interruption_warn(
    *,
    person: YoungPerson,
    warning_letter_sent_on: date | None,
    meeting_held_on: date | None,
    note: str,
    user,
) -> Interruption:
    """Step 2: the warning letter (varselsbrev) was sent and a meeting held."""
    interruption = _open_interruption(person, lock=True)
    if interruption is None or not interruption.step1_done:
        raise ValidationError(
            _(
                "Trin 1 skal gennemføres først: planen skal være justeret, før der sendes varselsbrev."
            )
        )
    errors: dict[str, list[str]] = {}
    _not_future(errors, "warning_letter_sent_on", warning_letter_sent_on, _("varselsbrevet"))
    _not_future(errors, "meeting_held_on", meeting_held_on, _("mødet"))
    if warning_letter_sent_on and warning_letter_sent_on < interruption.plan_adjusted_on:
        errors.setdefault("warning_letter_sent_on", []).append(
            _("Varselsbrevet kan ikke være sendt, før planen blev justeret (%(d)s).")
            % {"d": short_date(interruption.plan_adjusted_on)}
        )
    if warning_letter_sent_on and meeting_held_on and meeting_held_on < warning_letter_sent_on:
        errors.setdefault("meeting_held_on", []).append(
            _("Mødet kan ikke ligge før varselsbrevet blev sendt.")
        )
    if not note.strip():
        errors["warning_note"] = [_("Skriv kort hvad der blev aftalt på mødet.")]
    if errors:
        raise ValidationError(errors)
    interruption.warning_letter_sent_on = warning_letter_sent_on
    interruption.meeting_held_on = meeting_held_on
    interruption.warning_note = note.strip()
    interruption.save(update_fields=["warning_letter_sent_on", "meeting_held_on", "warning_note"])
    return interruption


@dataclass
class DecisionData:
    causes_examined: str
    decision_reason: str
    decision_date: date | None
    follow_up_plan: str
    follow_up_due: date | None
    jobcenter_informed_on: date | None
    jobcenter_contact: object | None = None


@transaction.atomic
def interruption_decide(*, person: YoungPerson, data: DecisionData, user) -> Interruption:
    """Step 3: the reasoned decision. The enrolment ends as dropped out, the young person moves
    to follow-up, and the jobcenter is notified."""
    interruption = _open_interruption(person, lock=True)
    if interruption is None or not (interruption.step1_done and interruption.step2_done):
        raise ValidationError(
            _(
                "Afgørelsen kan først træffes, når planen er justeret (trin 1), og varselsbrev "
                "og møde er gennemført (trin 2)."
            )
        )
    letter_services.hearing_require_settled(subject=interruption_subject(interruption))
    errors: dict[str, list[str]] = {}
    if not data.causes_examined.strip():
        errors["causes_examined"] = [
            _("Beskriv hvilke årsager til fraværet eller frafaldet der er undersøgt.")
        ]
    if not data.decision_reason.strip():
        errors["decision_reason"] = [_("Begrund afgørelsen om at afbryde forløbet.")]
    _not_future(errors, "decision_date", data.decision_date, _("afgørelsen"))
    if data.decision_date and data.decision_date < interruption.meeting_held_on:
        errors.setdefault("decision_date", []).append(
            _("Afgørelsen kan ikke ligge før mødet (%(d)s).")
            % {"d": short_date(interruption.meeting_held_on)}
        )
    if not data.follow_up_plan.strip():
        errors["follow_up_plan"] = [_("Beskriv opfølgningen: hvem gør hvad, når forløbet stopper?")]
    if data.follow_up_due is None:
        errors["follow_up_due"] = [_("Angiv hvornår opfølgningen senest skal ske.")]
    elif data.decision_date and data.follow_up_due < data.decision_date:
        errors["follow_up_due"] = [_("Opfølgningen kan ikke ligge før afgørelsen.")]
    if data.jobcenter_informed_on is None:
        errors["jobcenter_informed_on"] = [
            _("Jobcentret skal være orienteret om afbrydelsen: angiv hvornår.")
        ]
    elif data.jobcenter_informed_on > timezone.localdate():
        errors["jobcenter_informed_on"] = [
            _("Orienteringen af jobcentret kan ikke ligge i fremtiden.")
        ]
    contact = data.jobcenter_contact
    if contact is not None and not (
        contact.is_active
        and contact.municipality_id == person.municipality_id
        and get_user_model().objects.filter(pk=contact.pk).with_role(roles.JOBCENTER).exists()
    ):
        errors["jobcenter_contact"] = [_("Vælg en medarbejder i kommunens jobcenter.")]
    if errors:
        raise ValidationError(errors)
    interruption.causes_examined = data.causes_examined.strip()
    interruption.decision_reason = data.decision_reason.strip()
    interruption.decision_date = data.decision_date
    interruption.follow_up_plan = data.follow_up_plan.strip()
    interruption.follow_up_due = data.follow_up_due
    interruption.jobcenter_informed_on = data.jobcenter_informed_on
    interruption.jobcenter_contact = contact
    interruption.decided_by = user
    interruption.status = InterruptionStatus.DECIDED
    interruption.full_clean()
    interruption.save()
    enrolment = Enrolment.objects.select_related("person", "institution").get(
        pk=interruption.enrolment_id
    )
    Pause.objects.filter(enrolment=enrolment, status__in=PAUSE_OPEN_STATUSES).update(
        status=PauseStatus.ENDED
    )
    enrolment_services.enrolment_end(
        enrolment=enrolment,
        status=EnrolmentStatus.DROPPED_OUT,
        end_date=data.decision_date,
        reason=_("Afbrudt: %(r)s") % {"r": interruption.decision_reason[:280]},
    )
    pause_flags_check(person_ids=[person.pk], user=user)
    housing_flags_check(person_ids=[person.pk], user=user)
    _notify_jobcenter(interruption)
    interruption_decision_letter_send(interruption=interruption, user=user)
    return interruption


def jobcenter_recipients(person) -> list:
    """The jobcenter staff to tell about a person: everyone in the municipality's jobcenter."""
    return list(
        get_user_model()
        .objects.active()
        .in_municipality(person.municipality_id)
        .with_role(roles.JOBCENTER)
    )


def involved_jobcenter_contact(person_id: int):
    """The person's jobcenter contact from the exit area (``JobcenterInvolvement``), if any."""
    from transitions.models.exit import JobcenterInvolvement

    involvement = (
        JobcenterInvolvement.objects.filter(person_id=person_id, contact__is_active=True)
        .select_related("contact")
        .first()
    )
    return involvement.contact if involvement else None


@in_site_language
def _notify_jobcenter(interruption: Interruption) -> None:
    """No name in the text: e-mail is not a safe channel for person data; the link leads to
    the transitions page, where access is checked."""
    contact = interruption.jobcenter_contact or involved_jobcenter_contact(interruption.person_id)
    recipients = [contact] if contact is not None else jobcenter_recipients(interruption.person)
    for recipient in recipients:
        notification_send(
            recipient=recipient,
            title=_("Et STU-forløb er afbrudt – den unge skal følges op"),
            body=_("Afgørelse %(d)s. Opfølgning senest %(f)s.")
            % {
                "d": short_date(interruption.decision_date),
                "f": short_date(interruption.follow_up_due),
            },
            url=reverse("transitions:person", args=[interruption.person_id]) + "#pathway",
        )


@transaction.atomic
def interruption_withdraw(*, person: YoungPerson, note: str, user) -> Interruption:
    """Stop the interruption process: the young person continues."""
    interruption = _open_interruption(person, lock=True)
    if interruption is None:
        raise ValidationError(_("Der er ingen afbrydelse i gang."))
    if not note.strip():
        raise ValidationError({"withdrawn_note": _("Skriv hvorfor forløbet fortsætter.")})
    interruption.status = InterruptionStatus.WITHDRAWN
    interruption.withdrawn_on = timezone.localdate()
    interruption.withdrawn_note = note.strip()
    interruption.save(update_fields=["status", "withdrawn_on", "withdrawn_note"])
    return interruption
