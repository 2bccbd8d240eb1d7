"""Pauses/leave: a pause *to* something, approved by the municipality; the 5-year limit runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from students.models import EnrolmentStatus, PersonStatus
from tests import factories
from tests.transitions.factories_pathway import (
    PauseFactory,
    approved_pause,
    open_enrolment,
    pause_data,
)
from transitions.models.pathway import Pause, PauseStatus, ReassessmentResult
from transitions.selectors.pathway import pause_status_for
from transitions.services import pathway as services

pytestmark = pytest.mark.django_db


def _messages(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def test_a_requested_pause_changes_no_status_until_approved(enrolled_person, uu_user):
    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    assert pause.status == PauseStatus.REQUESTED
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.ENROLLED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_approval_pauses_enrolment_and_person(enrolled_person, uu_user, forvaltning_user):
    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    services.pause_approve(pause=pause, user=forvaltning_user, requires_reassessment=True)
    pause.refresh_from_db()
    enrolled_person.refresh_from_db()
    assert pause.status == PauseStatus.APPROVED
    assert pause.decided_by == forvaltning_user
    assert pause.requires_reassessment
    assert enrolled_person.status == PersonStatus.PAUSED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.PAUSED


def test_approval_notifies_the_responsible_person(enrolled_person, uu_user, forvaltning_user):
    from stu_case.notifications.models import Notification

    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=forvaltning_user
    )
    services.pause_approve(pause=pause, user=forvaltning_user)
    note = Notification.objects.get(recipient=uu_user)
    assert "pause" in note.title
    assert enrolled_person.full_name not in note.title + note.body  # no names in e-mail


def test_rejection_needs_a_reason_and_keeps_the_enrolment_active(enrolled_person, uu_user):
    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    with pytest.raises(ValidationError) as exc:
        services.pause_reject(pause=pause, user=uu_user, note="  ")
    assert "Skriv en begrundelse for afslaget." in _messages(exc.value)
    pause.refresh_from_db()
    assert pause.status == PauseStatus.REQUESTED
    services.pause_reject(pause=pause, user=uu_user, note="Praktikken kan fortsætte.")
    pause.refresh_from_db()
    assert pause.status == PauseStatus.REJECTED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_resume_returns_to_active_and_enrolled(enrolled_person, uu_user):
    pause = approved_pause(
        enrolled_person, uu_user, start_date=timezone.localdate() - timedelta(days=30)
    )
    services.pause_resume(pause=pause, user=uu_user, resumed_on=timezone.localdate())
    pause.refresh_from_db()
    enrolled_person.refresh_from_db()
    assert pause.status == PauseStatus.RESUMED
    assert pause.resumed_on == timezone.localdate()
    assert enrolled_person.status == PersonStatus.ENROLLED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_resume_requires_the_new_target_group_assessment(enrolled_person, uu_user):
    today = timezone.localdate()
    pause = services.pause_create(
        person=enrolled_person,
        data=pause_data(enrolled_person, start_date=today - timedelta(days=60)),
        user=uu_user,
    )
    services.pause_approve(pause=pause, user=uu_user, requires_reassessment=True)
    with pytest.raises(ValidationError) as exc:
        services.pause_resume(pause=pause, user=uu_user, resumed_on=today)
    errors = exc.value.message_dict
    assert "målgruppevurdering" in " ".join(errors["reassessment_date"])
    assert errors["reassessment_result"] == ["Angiv resultatet af målgruppevurderingen."]
    pause.refresh_from_db()
    enrolled_person.refresh_from_db()
    assert pause.status == PauseStatus.APPROVED  # nothing changed
    assert enrolled_person.status == PersonStatus.PAUSED

    with pytest.raises(ValidationError) as exc:
        services.pause_resume(
            pause=pause,
            user=uu_user,
            resumed_on=today,
            reassessment_date=today,
            reassessment_result=ReassessmentResult.NOT_IN_TARGET_GROUP,
        )
    assert "ikke længere i målgruppen" in _messages(exc.value)

    services.pause_resume(
        pause=pause,
        user=uu_user,
        resumed_on=today,
        reassessment_date=today - timedelta(days=2),
        reassessment_result=ReassessmentResult.IN_TARGET_GROUP,
        reassessment_note="Vurderet af UU og forvaltningen.",
    )
    pause.refresh_from_db()
    assert pause.status == PauseStatus.RESUMED
    assert pause.reassessment_result == ReassessmentResult.IN_TARGET_GROUP
    assert pause.reassessment_date == today - timedelta(days=2)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"activity_kind": "", "activity_description": ""},
            "activity_kind",
            "En pause skal være en pause til noget: vælg den planlagte aktivitet.",
        ),
        (
            {"activity_description": "   "},
            "activity_description",
            "Beskriv den planlagte aktivitet: hvad skal den unge i pausen, og hvor?",
        ),
        (
            {"responsible": None},
            "responsible",
            "Vælg hvem der er ansvarlig for den unge under pausen.",
        ),
        (
            {"planned_return_date_offset": -5},
            "planned_return_date",
            "Den planlagte tilbagevenden skal ligge efter pausens start.",
        ),
        ({"reason": ""}, "reason", "Vælg en årsag til pausen."),
    ],
)
def test_invalid_pause_gives_danish_error_and_saves_nothing(
    enrolled_person, uu_user, overrides, field, message
):
    offset = overrides.pop("planned_return_date_offset", None)
    if offset is not None:
        overrides["planned_return_date"] = timezone.localdate() + timedelta(days=offset)
    with pytest.raises(ValidationError) as exc:
        services.pause_create(
            person=enrolled_person, data=pause_data(enrolled_person, **overrides), user=uu_user
        )
    assert message in exc.value.message_dict[field]
    assert not Pause.objects.exists()


def test_responsible_must_be_in_the_municipal_team(enrolled_person, uu_user, outsider):
    with pytest.raises(ValidationError) as exc:
        services.pause_create(
            person=enrolled_person,
            data=pause_data(enrolled_person, responsible=outsider),
            user=uu_user,
        )
    assert "STU-team" in " ".join(exc.value.message_dict["responsible"])


def test_overlapping_pause_is_refused(enrolled_person, uu_user):
    today = timezone.localdate()
    services.pause_create(
        person=enrolled_person,
        data=pause_data(enrolled_person, planned_return_date=today + timedelta(days=40)),
        user=uu_user,
    )
    with pytest.raises(ValidationError) as exc:
        services.pause_create(
            person=enrolled_person,
            data=pause_data(enrolled_person, start_date=today + timedelta(days=30)),
            user=uu_user,
        )
    assert "overlapper en anden pause" in " ".join(exc.value.message_dict["start_date"])
    assert Pause.objects.count() == 1
    # After the first pause ends, a new one may follow.
    services.pause_create(
        person=enrolled_person,
        data=pause_data(enrolled_person, start_date=today + timedelta(days=40)),
        user=uu_user,
    )
    assert Pause.objects.count() == 2


def test_return_after_the_five_year_limit_is_refused(enrolled_person, uu_user):
    deadline = open_enrolment(enrolled_person).completion_deadline
    with pytest.raises(ValidationError) as exc:
        services.pause_create(
            person=enrolled_person,
            data=pause_data(enrolled_person, planned_return_date=deadline + timedelta(days=1)),
            user=uu_user,
        )
    text = " ".join(exc.value.message_dict["planned_return_date"])
    assert "femårsfristen" in text.lower() or "5 år" in text
    assert deadline.strftime("%d.%m.%Y") in text


def test_no_pause_without_an_open_enrolment(person, uu_user):
    with pytest.raises(ValidationError) as exc:
        services.pause_create(person=person, data=pause_data(person), user=uu_user)
    assert "intet igangværende STU-forløb" in _messages(exc.value)


def test_a_pause_without_activity_cannot_be_approved(enrolled_person, uu_user):
    pause = PauseFactory(
        person=enrolled_person,
        status=PauseStatus.REQUESTED,
        activity_kind="",
        activity_description="",
    )
    with pytest.raises(ValidationError) as exc:
        services.pause_approve(pause=pause, user=uu_user)
    assert "pause til noget" in _messages(exc.value)
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_pause_update_moves_the_return_date(enrolled_person, uu_user):
    pause = approved_pause(enrolled_person, uu_user)
    new_return = pause.planned_return_date + timedelta(days=30)
    data = pause_data(enrolled_person, start_date=pause.start_date, planned_return_date=new_return)
    services.pause_update(pause=pause, data=data, user=uu_user)
    pause.refresh_from_db()
    assert pause.planned_return_date == new_return
    with pytest.raises(ValidationError) as exc:
        services.pause_update(
            pause=pause,
            data=pause_data(
                enrolled_person,
                start_date=pause.start_date - timedelta(days=1),
                planned_return_date=new_return,
            ),
            user=uu_user,
        )
    assert "kan ikke ændres" in " ".join(exc.value.message_dict["start_date"])
    assert Pause.objects.get().start_date == pause.start_date


# ---------------------------------------------------------------- agenda hook
def test_pause_status_for_texts(municipality, uu_user, institution):
    today = timezone.localdate()
    people = []
    for _n in range(3):
        p = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        factories.EnrolmentFactory(
            person=p, institution=institution, start_date=today - timedelta(days=300)
        )
        people.append(p)
    running, overdue, requested = people
    approved_pause(running, uu_user, planned_return_date=today + timedelta(days=60))
    PauseFactory(
        person=overdue,
        start_date=today - timedelta(days=100),
        planned_return_date=today - timedelta(days=3),
    )
    services.pause_create(person=requested, data=pause_data(requested), user=uu_user)
    texts = pause_status_for(person_ids=[p.pk for p in people])
    ret = (today + timedelta(days=60)).strftime("%d.%m.%Y")
    assert texts[running.pk].startswith(f"Pause til {ret} – behandlingsforløb")
    assert "skulle være vendt tilbage" in texts[overdue.pk]
    assert "afventer godkendelse" in texts[requested.pk]


def test_pause_status_for_runs_two_queries_whatever_the_number(
    municipality, uu_user, institution, django_assert_num_queries
):
    today = timezone.localdate()
    ids = []
    for n in range(12):
        p = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        factories.EnrolmentFactory(
            person=p, institution=institution, start_date=today - timedelta(days=300)
        )
        if n % 2:
            PauseFactory(person=p)
        ids.append(p.pk)
    with django_assert_num_queries(2):
        few = pause_status_for(person_ids=ids[:2])
    with django_assert_num_queries(2):
        many = pause_status_for(person_ids=ids)
    assert len(few) == 1 and len(many) == 6
    assert pause_status_for(person_ids=[]) == {}


def test_pause_status_for_a_paused_enrolment_without_a_pause(enrolled_person):
    from students.models import Enrolment

    Enrolment.objects.filter(person=enrolled_person).update(status=EnrolmentStatus.PAUSED)
    text = pause_status_for(person_ids=[enrolled_person.pk])[enrolled_person.pk]
    assert text == "På pause – ingen godkendt pause med planlagt aktivitet registreret"


def test_a_paused_enrolment_without_a_pause_can_get_one_recorded(enrolled_person, uu_user):
    from students.models import Enrolment

    Enrolment.objects.filter(person=enrolled_person).update(status=EnrolmentStatus.PAUSED)
    pause = services.pause_create(
        person=enrolled_person, data=pause_data(enrolled_person), user=uu_user
    )
    services.pause_approve(pause=pause, user=uu_user)
    assert Pause.objects.get().status == PauseStatus.APPROVED
    # But never two running pauses.
    with pytest.raises(ValidationError) as exc:
        services.pause_create(
            person=enrolled_person,
            data=pause_data(
                enrolled_person, start_date=pause.planned_return_date + timedelta(days=1)
            ),
            user=uu_user,
        )
    assert "allerede på pause" in _messages(exc.value)


def test_a_pause_approved_in_advance_begins_on_its_start_date(enrolled_person, uu_user):
    today = timezone.localdate()
    start = today + timedelta(days=14)
    pause = services.pause_create(
        person=enrolled_person,
        data=pause_data(
            enrolled_person, start_date=start, planned_return_date=start + timedelta(days=90)
        ),
        user=uu_user,
    )
    services.pause_approve(pause=pause, user=uu_user)
    pause.refresh_from_db()
    enrolled_person.refresh_from_db()
    assert pause.is_scheduled and not pause.is_active
    assert enrolled_person.status == PersonStatus.ENROLLED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE
    text = pause_status_for(person_ids=[enrolled_person.pk])[enrolled_person.pk]
    assert text.startswith(f"Pause godkendt fra {start:%d.%m.%Y}")
    with pytest.raises(ValidationError) as exc:
        services.pause_resume(pause=pause, user=uu_user, resumed_on=today)
    assert "ikke begyndt endnu" in _messages(exc.value)

    assert services.pauses_start_due(today=start - timedelta(days=1)) == 0
    run = services.pause_flags_check(today=start)
    assert run.started == 1
    assert services.pause_flags_check(today=start).started == 0  # safe to run twice
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.PAUSED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.PAUSED
