"""Transitions' decisions send letters through the letter service: a pause approved or
refused, the interruption's warning letter (a hearing) and decision, a moved end date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from students.models.letters import Letter
from tests.transitions.factories_pathway import decision_data, pause_data
from transitions.services import interruption as interruption_services
from transitions.services import letters as letter_services
from transitions.services import pathway as services

pytestmark = pytest.mark.django_db


def test_approving_and_refusing_a_pause_send_letters(enrolled_person, uu_user, forvaltning_user):
    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    services.pause_reject(pause=pause, user=forvaltning_user, note="Aktiviteten er ikke klar.")
    refused = Letter.objects.get(person=enrolled_person, kind="pause_refused")
    assert refused.sections["justification"] == "Aktiviteten er ikke klar."
    assert "Klagenævnet for Specialundervisning" in refused.sections["appeal"]
    again = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    services.pause_approve(pause=again, user=forvaltning_user, note="Godkendt.")
    assert Letter.objects.filter(person=enrolled_person, kind="pause_approved").exists()


def test_the_interruption_waits_for_the_warning_letters_deadline(enrolled_person, uu_user):
    interruption_services.interruption_adjust_plan(
        person=enrolled_person,
        plan_adjusted_on=timezone.localdate() - timedelta(days=10),
        note="Færre timer.",
        user=uu_user,
    )
    interruption = enrolled_person.interruptions.get()
    warning = letter_services.interruption_warning_letter_send(
        interruption=interruption,
        facts="Intet fremmøde i seks uger trods justeret plan.",
        meeting="12. maj kl. 10 på skolen",
        deadline=timezone.localdate() + timedelta(days=14),
        user=uu_user,
    )
    interruption.refresh_from_db()
    assert interruption.warning_letter_sent_on == timezone.localdate()
    assert warning.hearing_pending
    interruption_services.interruption_warn(
        person=enrolled_person,
        warning_letter_sent_on=timezone.localdate(),
        meeting_held_on=timezone.localdate(),
        note="Mødet er holdt.",
        user=uu_user,
    )
    data = decision_data(decision_date=timezone.localdate())
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(person=enrolled_person, data=data, user=uu_user)
    assert "Partshøringen er ikke afsluttet" in str(exc.value)
    from students.services import letters as student_letters

    student_letters.hearing_answer_register(
        letter=warning, answered_on=timezone.localdate(), answer="Jeg vil gerne fortsætte."
    )
    interruption_services.interruption_decide(person=enrolled_person, data=data, user=uu_user)
    decided = Letter.objects.get(person=enrolled_person, kind="interruption_decided")
    assert decided.subject == warning.subject


def test_the_moved_end_date_letter(enrolled_person, uu_user):
    enrolment = enrolled_person.enrolments.get()
    old = enrolment.planned_end_date
    letter = letter_services.end_date_moved_letter_send(
        enrolment=enrolment,
        old_end=old,
        new_end=old + timedelta(days=90),
        facts="Tre måneders sygdom.",
        considerations="Den unge skal kunne nå målene.",
        justification="Forlænget med sygeperioden.",
        user=uu_user,
    )
    assert (
        letter.kind == "end_date_moved" and "Din STU slutter nu den" in letter.sections["decision"]
    )
