"""The letters transitions' decisions send, through the one letter service
(``students.services.letters``; kinds in ``transitions/letters.py``): a pause approved or
refused, the interruption's warning letter (a hearing with an answer deadline) and its
decision, and a moved end date.

The subject ties a hearing to its decision: ``transitions.interruption:<id>``, so
``interruption_decide`` refuses to decide while the warning letter's deadline runs without an
answer, and the overdue-hearing flag ends with the decision letter.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.formats import short_date
from students.models import Enrolment
from students.models.letters import Letter, Section
from students.services import letters as letter_services
from transitions import letters as kinds
from transitions.models.pathway import Interruption, Pause


def interruption_subject(interruption: Interruption) -> str:
    return f"transitions.interruption:{interruption.pk}"


def _pause_values(pause: Pause) -> dict[str, str]:
    responsible = pause.responsible
    return {
        "start": short_date(pause.start_date),
        "slut": short_date(pause.planned_return_date),
        "aktivitet": pause.activity_description or pause.get_activity_kind_display(),
        "ansvarlig": (responsible.get_full_name() or responsible.username) if responsible else "",
    }


def pause_approved_letter_send(*, pause: Pause, user) -> Letter:
    values = _pause_values(pause)
    text = _("Din pause fra STU er godkendt fra %(start)s til %(slut)s.") % values
    if pause.requires_reassessment:
        text += " " + _("Før du vender tilbage, skal vi vurdere igen, om STU passer til dig.")
    if pause.decision_note:
        text += "\n\n" + pause.decision_note
    return letter_services.letter_create(
        person=pause.person,
        kind=kinds.PAUSE_APPROVED,
        subject=f"transitions.pause:{pause.pk}",
        content=letter_services.LetterContent(sections={Section.DECISION: text}, values=values),
        user=user,
    )


def pause_refused_letter_send(*, pause: Pause, user) -> Letter:
    values = _pause_values(pause)
    facts = _("Du bad om pause fra %(start)s til %(slut)s for at: %(aktivitet)s.") % values
    if pause.reason_text:
        facts += "\n\n" + pause.reason_text
    return letter_services.letter_create(
        person=pause.person,
        kind=kinds.PAUSE_REFUSED,
        subject=f"transitions.pause:{pause.pk}",
        content=letter_services.LetterContent(
            sections={
                Section.DECISION: _("Vi har afvist din anmodning om pause fra STU."),
                Section.FACTS: facts,
                Section.CONSIDERATIONS: pause.decision_note,
                Section.JUSTIFICATION: pause.decision_note,
            },
            values=values,
        ),
        user=user,
    )


def interruption_warning_letter_send(
    *, interruption: Interruption, facts: str, meeting: str, deadline: date, user
) -> Letter:
    """Step 2's warning letter (varselsbrev): what we consider and why, the meeting, and the
    deadline for the young person's answer (a hearing)."""
    if not facts.strip():
        raise ValidationError({"facts": _("Skriv de oplysninger, en afbrydelse vil bygge på.")})
    if not meeting.strip():
        raise ValidationError({"meeting": _("Skriv hvornår og hvor mødet holdes.")})
    letter_services.hearing_deadline_check(deadline)
    letter = letter_services.letter_create(
        person=interruption.person,
        kind=kinds.INTERRUPTION_WARNING,
        subject=interruption_subject(interruption),
        content=letter_services.LetterContent(
            sections={
                Section.DRAFT: _("Vi overvejer at afbryde din STU."),
                Section.FACTS: facts.strip(),
                Section.ANSWER: _(
                    "Svar os senest %(date)s, eller kom til mødet: %(meeting)s. Du kan tage en "
                    "bisidder med."
                )
                % {"date": short_date(deadline), "meeting": meeting.strip()},
            },
            values={"moede": meeting.strip()},
        ),
        user=user,
        answer_deadline=deadline,
    )
    if interruption.warning_letter_sent_on is None:
        interruption.warning_letter_sent_on = timezone.localdate()
        interruption.save(update_fields=["warning_letter_sent_on"])
    return letter


def interruption_decision_letter_send(*, interruption: Interruption, user) -> Letter:
    enrolment = interruption.enrolment
    values = {
        "slut": short_date(interruption.decision_date),
        "institution": str(enrolment.institution),
    }
    return letter_services.letter_create(
        person=interruption.person,
        kind=kinds.INTERRUPTION_DECIDED,
        subject=interruption_subject(interruption),
        content=letter_services.LetterContent(
            sections={
                Section.DECISION: _("Din STU på %(institution)s stopper den %(slut)s.") % values,
                Section.FACTS: interruption.causes_examined,
                Section.CONSIDERATIONS: interruption.follow_up_plan,
                Section.JUSTIFICATION: interruption.decision_reason,
            },
            values=values,
        ),
        user=user,
    )


def end_date_moved_letter_send(
    *,
    enrolment: Enrolment,
    old_end: date,
    new_end: date,
    facts: str,
    considerations: str,
    justification: str,
    user,
) -> Letter:
    """The letter for a moved end date (for the service that moves it to call, in its
    transaction): the decision, the case's facts, main considerations and justification; the
    legal basis, appeal guidance and contact come from the template ``end_date_moved``."""
    values = {"ny_slut": short_date(new_end), "gammel_slut": short_date(old_end)}
    return letter_services.letter_create(
        person=enrolment.person,
        kind=kinds.END_DATE_MOVED,
        subject=f"students.enrolment:{enrolment.pk}:end",
        content=letter_services.LetterContent(
            sections={
                Section.DECISION: _(
                    "Din STU slutter nu den %(ny_slut)s i stedet for den %(gammel_slut)s."
                )
                % values,
                Section.FACTS: facts,
                Section.CONSIDERATIONS: considerations,
                Section.JUSTIFICATION: justification,
            },
            values=values,
        ),
        user=user,
    )
