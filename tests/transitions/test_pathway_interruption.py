"""Interruption (afbrydelse): adjust the plan → warning letter and meeting → reasoned decision
with the jobcenter informed; the student moves to follow-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from stu_case.notifications.models import Notification
from students.models import Enrolment, EnrolmentStatus, PersonStatus
from tests import factories
from tests.transitions.factories_pathway import (
    approved_pause,
    decision_data,
    open_enrolment,
    steps_1_and_2,
)
from transitions.models.pathway import Interruption, InterruptionStatus, PauseStatus
from transitions.services import interruption as interruption_services

pytestmark = pytest.mark.django_db

ORDER_ERROR = (
    "Afgørelsen kan først træffes, når planen er justeret (trin 1), og varselsbrev og møde er "
    "gennemført (trin 2)."
)


def test_decision_before_any_step_is_refused(enrolled_person, uu_user):
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(
            person=enrolled_person, data=decision_data(), user=uu_user
        )
    assert exc.value.messages == [ORDER_ERROR]
    assert not Interruption.objects.exists()
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_decision_after_step_1_only_is_refused(enrolled_person, uu_user):
    interruption_services.interruption_adjust_plan(
        person=enrolled_person,
        plan_adjusted_on=timezone.localdate(),
        note="Nedsat tid.",
        user=uu_user,
    )
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(
            person=enrolled_person, data=decision_data(), user=uu_user
        )
    assert exc.value.messages == [ORDER_ERROR]
    interruption = Interruption.objects.get()
    assert interruption.status == InterruptionStatus.OPEN
    assert interruption.decision_date is None


def test_step_2_needs_step_1(enrolled_person, uu_user):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_warn(
            person=enrolled_person,
            warning_letter_sent_on=today,
            meeting_held_on=today,
            note="Møde.",
            user=uu_user,
        )
    assert "Trin 1 skal gennemføres først" in exc.value.messages[0]
    assert not Interruption.objects.exists()


def test_step_2_dates_in_order(enrolled_person, uu_user):
    today = timezone.localdate()
    interruption_services.interruption_adjust_plan(
        person=enrolled_person, plan_adjusted_on=today - timedelta(days=5), note="x", user=uu_user
    )
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_warn(
            person=enrolled_person,
            warning_letter_sent_on=today - timedelta(days=1),
            meeting_held_on=today - timedelta(days=3),
            note="Møde.",
            user=uu_user,
        )
    assert exc.value.message_dict["meeting_held_on"] == [
        "Mødet kan ikke ligge før varselsbrevet blev sendt."
    ]
    assert Interruption.objects.get().warning_letter_sent_on is None


def test_jobcenter_informed_is_required(enrolled_person, uu_user):
    steps_1_and_2(enrolled_person, uu_user)
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(
            person=enrolled_person,
            data=decision_data(jobcenter_informed_on=None),
            user=uu_user,
        )
    assert exc.value.message_dict["jobcenter_informed_on"] == [
        "Jobcentret skal være orienteret om afbrydelsen: angiv hvornår."
    ]
    assert Interruption.objects.get().status == InterruptionStatus.OPEN
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.ENROLLED


def test_decision_requires_reason_causes_and_follow_up(enrolled_person, uu_user):
    steps_1_and_2(enrolled_person, uu_user)
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(
            person=enrolled_person,
            data=decision_data(
                causes_examined="", decision_reason="", follow_up_plan="", follow_up_due=None
            ),
            user=uu_user,
        )
    assert set(exc.value.message_dict) == {
        "causes_examined",
        "decision_reason",
        "follow_up_plan",
        "follow_up_due",
    }


def test_decision_ends_enrolment_moves_to_follow_up_and_notifies_jobcenter(
    enrolled_person, uu_user, jobcenter_user, municipality
):
    other_jobcenter = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    steps_1_and_2(enrolled_person, uu_user)
    enrolment = open_enrolment(enrolled_person)
    interruption = interruption_services.interruption_decide(
        person=enrolled_person, data=decision_data(), user=uu_user
    )
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    enrolled_person.refresh_from_db()
    assert interruption.status == InterruptionStatus.DECIDED
    assert enrolment.status == EnrolmentStatus.DROPPED_OUT
    assert enrolment.end_date == timezone.localdate()
    assert enrolment.end_reason.startswith("Afbrudt:")
    assert enrolled_person.status == PersonStatus.DROPPED_OUT
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {jobcenter_user.pk, other_jobcenter.pk}
    note = Notification.objects.first()
    assert "følges op" in note.title
    assert enrolled_person.full_name not in note.title + note.body
    # The institution lost access with the enrolment.
    assert not enrolled_person.enrolments.open().exists()


def test_a_chosen_jobcenter_contact_alone_is_notified(
    enrolled_person, uu_user, jobcenter_user, municipality
):
    factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    steps_1_and_2(enrolled_person, uu_user)
    interruption_services.interruption_decide(
        person=enrolled_person,
        data=decision_data(jobcenter_contact=jobcenter_user),
        user=uu_user,
    )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [jobcenter_user.pk]


def test_jobcenter_contact_must_work_in_the_jobcenter(enrolled_person, uu_user, forvaltning_user):
    steps_1_and_2(enrolled_person, uu_user)
    with pytest.raises(ValidationError) as exc:
        interruption_services.interruption_decide(
            person=enrolled_person,
            data=decision_data(jobcenter_contact=forvaltning_user),
            user=uu_user,
        )
    assert "jobcenter" in exc.value.message_dict["jobcenter_contact"][0]


def test_decision_during_a_pause_ends_the_pause(enrolled_person, uu_user):
    today = timezone.localdate()
    pause = approved_pause(enrolled_person, uu_user, start_date=today - timedelta(days=40))
    steps_1_and_2(enrolled_person, uu_user, day=today - timedelta(days=20))
    interruption_services.interruption_decide(
        person=enrolled_person, data=decision_data(), user=uu_user
    )
    pause.refresh_from_db()
    assert pause.status == PauseStatus.ENDED


def test_withdraw_lets_the_enrolment_continue(enrolled_person, uu_user):
    steps_1_and_2(enrolled_person, uu_user)
    with pytest.raises(ValidationError):
        interruption_services.interruption_withdraw(person=enrolled_person, note="", user=uu_user)
    interruption_services.interruption_withdraw(
        person=enrolled_person, note="Fremmødet er stabilt igen.", user=uu_user
    )
    assert Interruption.objects.get().status == InterruptionStatus.WITHDRAWN
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE
    # A new interruption may start later.
    interruption_services.interruption_adjust_plan(
        person=enrolled_person, plan_adjusted_on=timezone.localdate(), note="Ny plan", user=uu_user
    )
    assert Interruption.objects.filter(status=InterruptionStatus.OPEN).count() == 1


def test_database_refuses_a_decided_interruption_without_steps(enrolled_person):
    with pytest.raises(IntegrityError):
        Interruption.objects.create(
            person=enrolled_person,
            enrolment=open_enrolment(enrolled_person),
            status=InterruptionStatus.DECIDED,
        )
