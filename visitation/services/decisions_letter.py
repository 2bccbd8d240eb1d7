"""The committee's decision letter, made by the one letter service
(``students.services.letters``): the kind by outcome (``visitation/letters.py``), the case's
text per section, and the decision's own appeal guidance. The letter's subject is the
recommendation, the same as its hearing (``hearing_subject``), so a hearing past its deadline
stops being flagged once the decision letter exists.

Recipients (the young person; custody holders under 18; from 18 a representative, and parents
only with consent) are decided by the letter service.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from stu_case.formats import short_date
from students.models.letters import Letter, Section
from students.services import letters as letter_services
from visitation import letters as visitation_letters
from visitation.models.decisions import Decision, Outcome
from visitation.models.recommendations import Recommendation

KINDS = {
    Outcome.GRANTED: visitation_letters.STU_GRANTED,
    Outcome.REFUSED: visitation_letters.STU_REFUSED,
    Outcome.OTHER_OFFER: visitation_letters.STU_OTHER_OFFER,
}


def hearing_subject(recommendation: Recommendation) -> str:
    """What the hearing and the decision letter are about: the recommendation."""
    return f"visitation.recommendation:{recommendation.pk}"


def _decision_text(decision: Decision) -> str:
    recommendation = decision.recommendation
    if decision.outcome == Outcome.GRANTED:
        text = _("Du får STU på %(institution)s fra %(start)s.") % {
            "institution": decision.institution,
            "start": short_date(decision.start_date),
        }
        if not decision.fully_granted and recommendation.proposed_institution_id:
            text += " " + _(
                "Du ønskede %(wish)s. Vi har valgt en anden institution; begrundelsen står "
                "nedenfor."
            ) % {"wish": recommendation.proposed_institution}
    elif decision.outcome == Outcome.REFUSED:
        text = _("Du får ikke STU.")
    else:
        text = _("Du får ikke STU. Du får i stedet tilbudt: %(offer)s") % {
            "offer": decision.other_offer
        }
    return text + "\n\n" + _offered_text(recommendation)


def _offered_text(recommendation: Recommendation) -> str:
    """The choice between the institutions offered, or why there was only one."""
    offered = [str(i) for i in recommendation.offered_institutions.all()]
    if len(offered) > 1:
        return _("Du fik tilbudt at vælge mellem: %(list)s.") % {"list": ", ".join(offered)}
    if recommendation.single_offer_reason:
        return _("Du fik kun tilbudt ét sted, fordi: %(reason)s") % {
            "reason": recommendation.single_offer_reason
        }
    return ""


def _proposal_text(recommendation: Recommendation) -> str:
    """The answer to the young person's own proposal (another institution), when there was one."""
    if not recommendation.alternative_institution_id:
        return ""
    text = _("Du foreslog selv %(institution)s.") % {
        "institution": recommendation.alternative_institution
    }
    if recommendation.alternative_proposal:
        text += " " + recommendation.alternative_proposal
    if recommendation.alternative_answer:
        text += "\n\n" + _("Vores svar: %(answer)s.") % {
            "answer": recommendation.get_alternative_answer_display()
        }
        if recommendation.alternative_answer_reason:
            text += " " + recommendation.alternative_answer_reason
    return text


def _appeal_text(decision: Decision) -> str:
    text = decision.appeal_guidance
    if decision.appeal_deadline:
        text += "\n\n" + _("Klagefristen er %(date)s.") % {
            "date": short_date(decision.appeal_deadline)
        }
    return text


def _hearing_text(decision: Decision) -> str:
    if not decision.hearing_sent_on:
        return ""
    text = _("Vi sendte sagens oplysninger til dig den %(date)s.") % {
        "date": short_date(decision.hearing_sent_on)
    }
    if decision.hearing_answered_on:
        text += " " + _("Vi fik dit svar den %(date)s og har taget det med i vurderingen.") % {
            "date": short_date(decision.hearing_answered_on)
        }
    return text


def letter_content(decision: Decision) -> letter_services.LetterContent:
    recommendation = decision.recommendation
    fully = _("Du har fået fuldt ud medhold.")
    facts = decision.facts or recommendation.target_group_assessment or fully
    hearing = _hearing_text(decision)
    if recommendation.young_person_view:
        hearing += "\n\n" + _("Det har du selv sagt: %(view)s") % {
            "view": recommendation.young_person_view
        }
    return letter_services.LetterContent(
        sections={
            Section.DECISION: _decision_text(decision),
            Section.FACTS: "\n\n".join(t.strip() for t in (facts, hearing) if t.strip()),
            Section.CONSIDERATIONS: decision.considerations or fully,
            Section.JUSTIFICATION: decision.justification or fully,
            Section.PROPOSAL: _proposal_text(recommendation),
            Section.LEGAL_BASIS: decision.legal_basis,
            Section.APPEAL: _appeal_text(decision),
        },
        values={
            "institution": str(decision.institution or ""),
            "start": short_date(decision.start_date) if decision.start_date else "",
            "andet_tilbud": decision.other_offer,
        },
    )


@transaction.atomic
def decision_letter_create(*, decision: Decision, user) -> Letter:
    """Make a new version of the decision's letter (a letter once made is never changed) and
    queue it for sending."""
    letter = letter_services.letter_create(
        person=decision.person,
        kind=KINDS[decision.outcome],
        subject=hearing_subject(decision.recommendation),
        content=letter_content(decision),
        user=user,
    )
    decision.letter = letter
    decision.save(update_fields=["letter"])
    return letter
