"""Partshøring before the committee decides: the hearing letter with its deadline, the case
showing it pending, the decision refused before the deadline unless an answer is registered,
and the overdue flag."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from students import flags as student_flags
from students.models import Flag
from students.services import letters as letter_services
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import Decision
from visitation.services import decisions as services
from visitation.services.decisions_letter import hearing_subject


@pytest.fixture
def cast(request, db):
    return Cast(request)


def send_hearing(cast, item, days=14):
    return letter_services.hearing_send(
        person=cast.person,
        subject=hearing_subject(item.recommendation),
        draft="Vi overvejer at give afslag på STU.",
        facts="Skoleudtalelse og praktikudtalelse.",
        deadline=timezone.localdate() + timedelta(days=days),
        user=cast.uu_user,
    )


def refuse(cast, item):
    data = builders.refused_data()
    for key in ("hearing_sent_on", "hearing_answered_on", "hearing_answer"):
        data.pop(key)
    return services.decision_record(
        agenda_item=item, data=data, voters=[cast.forvaltning_user], user=cast.visitation_user
    )


def test_the_committee_cannot_decide_while_the_hearing_waits_for_an_answer(cast):
    _meeting, item = builders.scheduled_case(cast)
    hearing = send_hearing(cast, item)
    with pytest.raises(ValidationError) as exc:
        refuse(cast, item)
    assert "Partshøringen er ikke afsluttet" in str(exc.value)
    assert not Decision.objects.exists()

    letter_services.hearing_answer_register(
        letter=hearing, answered_on=timezone.localdate(), answer="Jeg vil gerne på STU."
    )
    decision = refuse(cast, item)
    assert decision.hearing_sent_on == timezone.localdate()
    assert decision.hearing_answer == "Jeg vil gerne på STU."


def test_after_the_deadline_the_committee_may_decide_and_the_overdue_flag_ends(cast, time_machine):
    _meeting, item = builders.scheduled_case(cast)
    send_hearing(cast, item, days=7)
    # Noon, 8 local days on (adding 8 x 24 hours across a clock change can stay on day 7).
    day_after = timezone.localdate() + timedelta(days=8)
    time_machine.move_to(timezone.make_aware(datetime.combine(day_after, time(12))))
    first = letter_services.hearings_flag_overdue()
    again = letter_services.hearings_flag_overdue()  # safe to run twice
    assert (first["raised"], again["raised"]) == (1, 0)
    flag = Flag.objects.open().get(person=cast.person, kind=student_flags.HEARING_OVERDUE)
    assert "Svarfristen" in flag.details

    refuse(cast, item)  # the deadline has passed: no answer needed
    assert letter_services.hearings_flag_overdue()["resolved"] == 1
    assert not Flag.objects.open().filter(kind=student_flags.HEARING_OVERDUE).exists()


def test_an_answer_in_the_future_is_refused_in_danish(cast):
    _meeting, item = builders.scheduled_case(cast)
    hearing = send_hearing(cast, item)
    with pytest.raises(ValidationError) as exc:
        letter_services.hearing_answer_register(
            letter=hearing, answered_on=timezone.localdate() + timedelta(days=1), answer="Ja"
        )
    assert "Svaret kan ikke være modtaget i fremtiden." in str(exc.value)


def test_the_case_page_shows_the_hearing_pending(cast, client_for):
    _meeting, item = builders.scheduled_case(cast)
    send_hearing(cast, item)
    page = client_for(cast.uu_user).get(reverse("visitation:person", args=[cast.person.pk]))
    assert "Partshøring afventer svar" in page.content.decode()


def test_the_hearing_is_sent_and_answered_through_the_pages(cast, client_for):
    _meeting, item = builders.scheduled_case(cast)
    client = client_for(cast.uu_user)
    url = reverse("visitation:hearing_send", args=[cast.person.pk, item.recommendation.pk])
    too_soon = client.post(
        url, {"draft": "Afslag", "facts": "Fakta", "deadline": timezone.localdate().isoformat()}
    )
    assert "Svarfristen skal være mindst 7 dage fra i dag." in too_soon.content.decode()
    deadline = timezone.localdate() + timedelta(days=14)
    response = client.post(url, {"draft": "Afslag", "facts": "Fakta", "deadline": deadline})
    assert response.status_code == 302
    letter = cast.person.letters.get()
    answer_url = reverse("students:hearing_answer", args=[cast.person.pk, letter.pk])
    response = client.post(
        answer_url, {"answered_on": timezone.localdate().isoformat(), "answer": "Uenig."}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.answer == "Uenig." and not letter.hearing_pending
