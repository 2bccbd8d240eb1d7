"""Visitation writes: decisions (all or nothing), notification, appeals, and the periodic
step from decided to enrolled. The letter itself is rendered in ``decisions_letter``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.calendar import add_years
from stu_case.formats import short_date
from stu_case.notifications.services import notification_send
from stu_case.permissions import Action
from students import flags as student_flags
from students.models import (
    CLARIFICATION_MAX_WEEKS,
    EducationPlan,
    Enrolment,
    PersonStatus,
    Severity,
    YoungPerson,
)
from students.models.letters import Letter
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import letters as letter_services
from students.services import plans as plan_services
from visitation.models.committee import AgendaItem, MemberKind
from visitation.models.decisions import Appeal, AppealGuidance, AppealOutcome, Decision, Outcome
from visitation.models.recommendations import Recommendation, RecommendationStatus
from visitation.services.clarification import _save, _set_person_status

DEFAULT_APPEAL_GUIDANCE = (
    "Du kan klage over afgørelsen til Klagenævnet for Specialundervisning. Klagenævnets "
    "sekretariat ligger i Ankestyrelsen. Du kan klage over, om du får tilbudt STU, og over om "
    "indholdet passer til dine ønsker og behov, herunder din uddannelsesplan. Klagen sendes "
    "direkte til klagenævnet – kommunen skal ikke vurdere sagen igen først.\n\n"
    "Skriv i klagen, hvad du er uenig i, og vedlæg gerne dette brev. Du kan klage digitalt via "
    "Ankestyrelsens hjemmeside. Ring til din kontaktperson, hvis du vil have hjælp til at klage."
)


def people_mark_enrolled(*, today: date | None = None) -> int:
    """Periodic: a decided young person whose STU has started is now enrolled."""
    today = today or timezone.localdate()
    count = 0
    started = Enrolment.objects.active().filter(start_date__lte=today).values("person")
    for person in YoungPerson.objects.filter(status=PersonStatus.DECIDED, pk__in=started):
        with transaction.atomic():
            _set_person_status(person, PersonStatus.ENROLLED)
        count += 1
    return count


def appeal_guidance_for(municipality) -> tuple[str, int | None]:
    """The municipality's own guidance, else the common one, else the built-in text."""
    guidance = (
        AppealGuidance.objects.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .order_by(F("municipality_id").asc(nulls_last=True))
        .first()
    )
    if guidance is None:
        return DEFAULT_APPEAL_GUIDANCE, None
    return guidance.text, guidance.deadline_weeks


DECISION_FIELDS = (
    "outcome",
    "institution",
    "start_date",
    "other_offer",
    "legal_basis",
    "facts",
    "considerations",
    "justification",
    "hearing_sent_on",
    "hearing_answered_on",
    "hearing_answer",
    "decided_on",
)


def _validate_voters(agenda_item: AgendaItem, voters: list) -> None:
    committee = agenda_item.meeting.committee
    voting_ids = set(
        committee.members.filter(is_active=True, kind=MemberKind.VOTING).values_list(
            "user_id", flat=True
        )
    )
    if not voters:
        raise ValidationError({"voters": _("Vælg de stemmeberettigede medlemmer, der deltog.")})
    recommender = agenda_item.recommendation.recommended_by_id
    if any(v.pk == recommender for v in voters):
        raise ValidationError(
            {
                "voters": _(
                    "Den UU-vejleder, der har skrevet indstillingen, kan ikke stemme om sin "
                    "egen indstilling."
                )
            }
        )
    strangers = [str(v) for v in voters if v.pk not in voting_ids]
    if strangers:
        raise ValidationError(
            {
                "voters": _("%(names)s er ikke stemmeberettiget medlem af udvalget.")
                % {"names": ", ".join(strangers)}
            }
        )


@transaction.atomic
def decision_record(*, agenda_item: AgendaItem, data: dict, voters: list, user) -> Decision:
    """Record the committee's decision — all or nothing.

    Granted: the enrolment starts (with its clarification phase, giving the institution
    access), the plan is updated with a revision, the person is decided/enrolled and the
    contact person is notified. Refused / other offer: the pipeline step closes with its
    reasons. Postponed: the recommendation is ready for a later meeting. Every outcome except
    postponed gets a stored decision letter. The members' access runs out after the period.
    """
    agenda_item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting__committee", "recommendation", "person")
        .get(pk=agenda_item.pk)
    )
    if hasattr(agenda_item, "decision") and agenda_item.decision.pk:
        raise ValidationError(_("Der er allerede truffet afgørelse i denne sag."))
    if not permissions.can(user, Action.RECORD_DECISION, agenda_item):
        raise ValidationError(_("Du kan ikke registrere afgørelser for dette udvalg."))
    recommendation = agenda_item.recommendation
    person = YoungPerson.objects.select_for_update().get(pk=agenda_item.person_id)
    committee = agenda_item.meeting.committee
    _validate_voters(agenda_item, voters)

    guidance, deadline_weeks = appeal_guidance_for(person.municipality)
    decision = Decision(
        recommendation=recommendation,
        agenda_item=agenda_item,
        person=person,
        recorded_by=user,
        appeal_guidance=guidance,
    )
    for field in DECISION_FIELDS:
        if field in data:
            setattr(decision, field, data[field])
    if decision.outcome != Outcome.GRANTED:
        decision.institution = None
        decision.start_date = None
    if decision.outcome != Outcome.OTHER_OFFER:
        decision.other_offer = ""
    if deadline_weeks and decision.decided_on:
        decision.appeal_deadline = decision.decided_on + timedelta(weeks=deadline_weeks)
    if decision.outcome != Outcome.POSTPONED:
        _apply_hearing(decision)
    decision.full_clean()
    decision.save()
    decision.voters.set(voters)

    now = timezone.now()
    agenda_item.decided_at = now
    agenda_item.access_until = now + timedelta(days=committee.access_days_after_decision)
    agenda_item.save(update_fields=["decided_at", "access_until"])

    if decision.outcome == Outcome.POSTPONED:
        recommendation.status = RecommendationStatus.READY
        recommendation.save(update_fields=["status", "updated_at"])
        return decision

    recommendation.status = RecommendationStatus.DECIDED
    recommendation.save(update_fields=["status", "updated_at"])
    if decision.outcome == Outcome.GRANTED:
        _carry_out_grant(decision=decision, person=person, user=user)
    else:
        _set_person_status(person, PersonStatus.REFUSED)
    from .decisions_letter import decision_letter_create

    decision_letter_create(decision=decision, user=user)
    _notify_contact_person(decision=decision, person=person)
    return decision


def _apply_hearing(decision: Decision) -> None:
    """Refuse to decide while the hearing waits for its deadline without an answer; a hearing
    letter sent through STU Case fills in when it was sent and answered."""
    from .decisions_letter import hearing_subject

    subject = hearing_subject(decision.recommendation)
    letter_services.hearing_require_settled(subject=subject)
    hearing = (
        Letter.objects.filter(subject=subject, answer_deadline__isnull=False)
        .order_by("-created_at")
        .first()
    )
    if hearing is None:
        return
    if not decision.hearing_sent_on:
        decision.hearing_sent_on = timezone.localdate(hearing.created_at)
    if hearing.answered_on and not decision.hearing_answered_on:
        decision.hearing_answered_on = hearing.answered_on
        decision.hearing_answer = decision.hearing_answer or hearing.answer


def _carry_out_grant(*, decision: Decision, person: YoungPerson, user) -> None:
    enrolment = enrolment_services.enrolment_start(
        person=person,
        institution=decision.institution,
        start_date=decision.start_date,
        clarification_weeks=CLARIFICATION_MAX_WEEKS,
    )
    decision.enrolment = enrolment
    decision.save(update_fields=["enrolment"])
    today = timezone.localdate()
    # enrolment_start marks the person enrolled; until the start date they are "visiteret".
    if decision.start_date > today:
        _set_person_status(person, PersonStatus.DECIDED)
    plan = EducationPlan.objects.get(person=person)
    clarification = _(
        "Afklaringsforløb på %(institution)s fra %(start)s til %(end)s (højst 12 uger). "
        "Planen gøres færdig ved afklaringsforløbets afslutning."
    ) % {
        "institution": decision.institution,
        "start": short_date(enrolment.start_date),
        "end": short_date(enrolment.clarification_end_date),
    }
    activities = clarification + ("\n\n" + plan.activities if plan.activities else "")
    due = min(max(enrolment.clarification_end_date, today), add_years(today, 1))
    plan_services.plan_update(
        plan=plan,
        expected_version=plan.version,
        data={"activities": activities, "next_revision_due": due},
        revision=plan_services.RevisionInfo(
            reason=_("Afgørelse om STU: bevilget på %(institution)s fra %(start)s.")
            % {
                "institution": decision.institution,
                "start": short_date(decision.start_date),
            },
            justification=decision.justification,
            young_person_took_part=bool(decision.recommendation.young_person_heard_on),
            relatives_took_part=bool(decision.recommendation.relatives_heard_on),
        ),
        user=user,
    )


def _notify_contact_person(*, decision: Decision, person: YoungPerson) -> None:
    recipient = person.contact_person or decision.recommendation.recommended_by
    text = {
        Outcome.GRANTED: _("%(name)s er visiteret til STU på %(institution)s fra %(start)s."),
        Outcome.REFUSED: _("%(name)s har fået afslag på STU."),
        Outcome.OTHER_OFFER: _("%(name)s har fået tilbudt andet end STU."),
    }[decision.outcome] % {
        "name": person.full_name,
        "institution": decision.institution or "",
        "start": short_date(decision.start_date),
    }
    notification_send(
        recipient=recipient,
        title=_("Afgørelse i visitationsudvalget: %(name)s") % {"name": person.full_name},
        body=text
        + " "
        + _("Husk at sende afgørelsesbrevet og registrere, hvornår afgørelsen er meddelt."),
        url=reverse("visitation:person", args=[person.pk]),
    )


@transaction.atomic
def decision_mark_notified(*, decision: Decision, notified_on: date) -> Decision:
    """Record when the party got the decision; an appeal deadline runs from that day."""
    decision.notified_on = notified_on
    _text, weeks = appeal_guidance_for(decision.person.municipality)
    if weeks:
        decision.appeal_deadline = notified_on + timedelta(weeks=weeks)
    decision.full_clean()
    decision.save(update_fields=["notified_on", "appeal_deadline"])
    return decision


APPEAL_FIELDS = (
    "received_on",
    "grounds",
    "sent_to_board_on",
    "board_reference",
    "outcome",
    "outcome_on",
    "outcome_notes",
)


@transaction.atomic
def appeal_register(*, decision: Decision, data: dict, user) -> Appeal:
    if decision.outcome == Outcome.POSTPONED:
        raise ValidationError(_("En udsættelse er ikke en afgørelse, der kan påklages."))
    appeal = Appeal(decision=decision, person_id=decision.person_id, registered_by=user)
    _save(appeal, {k: v for k, v in data.items() if k in APPEAL_FIELDS})
    _follow_up_appeal(appeal)
    return appeal


@transaction.atomic
def appeal_update(*, appeal: Appeal, data: dict, user) -> Appeal:
    before = appeal.outcome
    _save(appeal, {k: v for k, v in data.items() if k in APPEAL_FIELDS})
    if appeal.outcome != before:
        _follow_up_appeal(appeal)
    return appeal


def _follow_up_appeal(appeal: Appeal) -> None:
    """Changed or sent back by the board: the municipality must decide again.

    A refused case is reopened (the recommendation is ready for a new meeting) and the team
    gets a flag on the person, so it is on the next status meeting's agenda too.
    """
    if appeal.outcome not in (AppealOutcome.CHANGED, AppealOutcome.SENT_BACK):
        return
    person = YoungPerson.objects.get(pk=appeal.person_id)
    recommendation = appeal.decision.recommendation
    if (
        person.status == PersonStatus.REFUSED
        and not Recommendation.objects.filter(
            person=person, status__in=["draft", "submitted", "ready", "on_agenda"]
        ).exists()
    ):
        recommendation.status = RecommendationStatus.READY
        recommendation.save(update_fields=["status", "updated_at"])
        _set_person_status(person, PersonStatus.RECOMMENDED)
    flag_services.flag_raise(
        person=person,
        kind=student_flags.OTHER,
        severity=Severity.CRITICAL,
        details=_(
            "Klagenævnet for Specialundervisning har %(outcome)s afgørelsen af %(date)s. "
            "Kommunen skal træffe en ny afgørelse."
        )
        % {
            "outcome": appeal.get_outcome_display().lower(),
            "date": short_date(appeal.decision.decided_on),
        },
    )
