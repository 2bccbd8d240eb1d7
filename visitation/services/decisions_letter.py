"""The decision letter: plain Danish HTML rendered to PDF (``stu_case.pdf``), stored in the DB.

Addressed to the young person; under 18 also to the holders of custody; from 18 to the young
person alone, with a copy to a representative (power of attorney, party representative or
guardian) where one is registered (DOMAIN.md, relatives and representatives).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from stu_case.pdf import render_pdf
from students.models import Representation
from visitation.models.decisions import Decision, DecisionLetter

REPRESENTATIVES = (
    Representation.POWER_OF_ATTORNEY,
    Representation.PARTY_REPRESENTATIVE,
    Representation.LEGAL_GUARDIAN,
)


@dataclass(frozen=True)
class Addressee:
    name: str
    address: str
    role: str


def addressees(decision: Decision) -> list[Addressee]:
    person = decision.person
    age = person.age_on(decision.decided_on)
    result = [Addressee(person.full_name, person.address, "den unge")]
    relatives = list(person.relatives.all().order_by("name"))
    if age < 18:
        result += [
            Addressee(r.name, r.address, "indehaver af forældremyndigheden")
            for r in relatives
            if r.has_custody
        ]
    else:
        result += [
            Addressee(r.name, r.address, r.get_representation_display().lower())
            for r in relatives
            if r.representation in REPRESENTATIVES
        ]
    return result


def letter_context(decision: Decision) -> dict:
    person = decision.person
    recommendation = decision.recommendation
    return {
        "decision": decision,
        "person": person,
        "recommendation": recommendation,
        "municipality": person.municipality,
        "addressees": addressees(decision),
        "adult": person.age_on(decision.decided_on) >= 18,
        "contact": person.contact_person or recommendation.recommended_by,
        "today": timezone.localdate(),
        "committee": decision.agenda_item.meeting.committee,
    }


def letter_html(decision: Decision) -> str:
    with translation.override("da"):
        return render_to_string("visitation/decisions/letter.html", letter_context(decision))


@transaction.atomic
def decision_letter_create(*, decision: Decision, user) -> DecisionLetter:
    """Render and store a new version of the letter (a letter once sent is never changed)."""
    html = letter_html(decision)
    last = decision.letters.aggregate(m=Max("version"))["m"] or 0
    letter = DecisionLetter(
        decision=decision,
        person_id=decision.person_id,
        version=last + 1,
        recipients="\n".join(f"{a.name} ({a.role})" for a in addressees(decision)),
        pdf=render_pdf(html),
        generated_by=user,
    )
    letter.full_clean()
    letter.save()
    return letter
