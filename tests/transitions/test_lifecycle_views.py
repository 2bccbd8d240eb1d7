"""The enrolment's life on the pages: the section on the transitions page, the forms, who may
use them, refusals shown in Danish with nothing saved, and every look logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import EnrolmentStatus
from tests.transitions.factories_pathway import open_enrolment
from transitions.models.lifecycle import LifecycleEvent, LifecycleEventKind
from transitions.services import lifecycle as services

pytestmark = pytest.mark.django_db

PAGES = (
    "transitions:lifecycle_complete",
    "transitions:lifecycle_transfer",
    "transitions:lifecycle_planned_end",
    "transitions:lifecycle_clarification",
    "transitions:lifecycle_education",
)


def person_url(person):
    return reverse("transitions:person", args=[person.pk])


def test_the_section_offers_the_events_to_caseworkers_only(
    enrolled_person, uu_user, jobcenter_user, client_for
):
    html = client_for(uu_user).get(person_url(enrolled_person)).content.decode()
    assert 'id="lifecycle"' in html
    for name in PAGES:
        assert reverse(name, args=[enrolled_person.pk]) in html
    html = client_for(jobcenter_user).get(person_url(enrolled_person)).content.decode()
    assert 'id="lifecycle"' in html  # the jobcenter reads the enrolment and its events ...
    for name in PAGES:  # ... but registers none of them
        assert reverse(name, args=[enrolled_person.pk]) not in html


@pytest.mark.parametrize("name", PAGES)
def test_each_page_opens_and_the_look_is_logged(name, enrolled_person, uu_user, client_for):
    response = client_for(uu_user).get(reverse(name, args=[enrolled_person.pk]))
    assert response.status_code == 200
    assert "Femårsfristen" in response.content.decode()
    assert AccessLog.objects.filter(person_id=enrolled_person.pk, user=uu_user).exists()


def test_without_an_open_enrolment_there_is_nothing_to_register(person, uu_user, client_for):
    response = client_for(uu_user).get(reverse("transitions:lifecycle_complete", args=[person.pk]))
    assert response.status_code == 404


def test_moving_the_planned_end_through_the_page(enrolled_person, forvaltning_user, client_for):
    enrolment = open_enrolment(enrolled_person)
    new_end = enrolment.planned_end_date + timedelta(days=60)
    response = client_for(forvaltning_user).post(
        reverse("transitions:lifecycle_planned_end", args=[enrolled_person.pk]),
        {"planned_end_date": new_end.isoformat(), "reason": "Mere tid til praktik."},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("#lifecycle")
    html = response.content.decode()
    assert "Den planlagte slutdato er flyttet, og afgørelsen er gemt." in html
    assert "Mere tid til praktik." in html  # the kept reasons, in the events table
    assert open_enrolment(enrolled_person).planned_end_date == new_end


def test_a_refused_move_shows_the_danish_message_and_saves_nothing(
    enrolled_person, forvaltning_user, client_for
):
    enrolment = open_enrolment(enrolled_person)
    too_late = enrolment.completion_deadline + timedelta(days=1)
    response = client_for(forvaltning_user).post(
        reverse("transitions:lifecycle_planned_end", args=[enrolled_person.pk]),
        {"planned_end_date": too_late.isoformat(), "reason": "Mere tid."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Intet er gemt" in html
    assert "STU skal være gennemført inden 5 år fra start." in html
    assert open_enrolment(enrolled_person).planned_end_date == enrolment.planned_end_date
    assert not LifecycleEvent.objects.exists()


def test_transfer_to_the_same_institution_through_the_page(
    enrolled_person, uu_user, institution, client_for
):
    response = client_for(uu_user).post(
        reverse("transitions:lifecycle_transfer", args=[enrolled_person.pk]),
        {
            "institution": institution.pk,
            "transfer_date": timezone.localdate().isoformat(),
            "reason": "Fejl.",
        },
    )
    assert "Vælg en anden institution." in response.content.decode()
    assert open_enrolment(enrolled_person).institution == institution


def test_completion_through_the_page(enrolled_person, uu_user, client_for):
    response = client_for(uu_user).post(
        reverse("transitions:lifecycle_complete", args=[enrolled_person.pk]),
        {"completed_on": timezone.localdate().isoformat(), "note": ""},
    )
    assert response.status_code == 302
    assert enrolled_person.enrolments.get().status == EnrolmentStatus.COMPLETED


def test_the_jobcenter_may_not_post(enrolled_person, jobcenter_user, client_for):
    response = client_for(jobcenter_user).post(
        reverse("transitions:lifecycle_complete", args=[enrolled_person.pk]),
        {"completed_on": timezone.localdate().isoformat(), "note": ""},
    )
    assert response.status_code == 403
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_events_are_on_the_persons_history_page(enrolled_person, uu_user, client_for):
    services.enrolment_move_planned_end(
        person=enrolled_person,
        planned_end_date=open_enrolment(enrolled_person).planned_end_date + timedelta(days=10),
        reason="Ferie flyttet.",
        user=uu_user,
    )
    html = client_for(uu_user).get(reverse("students:history", args=[enrolled_person.pk]))
    assert "Ferie flyttet." in html.content.decode()


def _events(person, user, rows: int) -> None:
    enrolment = open_enrolment(person)
    LifecycleEvent.objects.bulk_create(
        LifecycleEvent(
            person=person,
            enrolment=enrolment,
            kind=LifecycleEventKind.PLANNED_END_MOVED,
            event_date=timezone.localdate() - timedelta(days=i % 90),
            previous_date=enrolment.planned_end_date,
            new_date=enrolment.planned_end_date,
            reason=f"Afgørelse nr. {i}",
            created_by=user,
        )
        for i in range(rows)
    )


def test_the_section_query_count_does_not_grow_with_the_events(
    enrolled_person, uu_user, client_for, django_assert_max_num_queries
):
    """The transitions page with 5 events and with 500: the same number of queries."""
    client = client_for(uu_user)
    _events(enrolled_person, uu_user, 5)
    client.get(person_url(enrolled_person))
    with django_assert_max_num_queries(40) as few:
        client.get(person_url(enrolled_person))
    _events(enrolled_person, uu_user, 495)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(person_url(enrolled_person))
    assert response.content.decode().count("Afgørelse nr.") == 500
