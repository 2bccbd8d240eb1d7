"""The pathway's periodic jobs: pause and housing flags — the rule, resolution, idempotency."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from students.models import Flag
from tests.transitions.factories_pathway import (
    HousingPlanFactory,
    PauseFactory,
    approved_pause,
    open_enrolment,
    pause_data,
)
from transitions import flags as transition_flags
from transitions import tasks
from transitions.models.pathway import PauseStatus
from transitions.services import pathway as services

pytestmark = pytest.mark.django_db


def open_flags(person, kind):
    return Flag.objects.open().filter(person=person, kind=kind)


# ---------------------------------------------------------------- pause without activity
def test_pause_without_activity_is_flagged_once_and_resolved_when_fixed(enrolled_person, uu_user):
    pause = PauseFactory(person=enrolled_person, activity_kind="", activity_description="")
    first = services.pause_flags_check()
    second = services.pause_flags_check()
    assert (first.raised, second.raised) == (1, 0)
    assert open_flags(enrolled_person, transition_flags.PAUSE_WITHOUT_ACTIVITY).count() == 1
    assert Flag.objects.filter(kind=transition_flags.PAUSE_WITHOUT_ACTIVITY).count() == 1

    services.pause_update(
        pause=pause,
        data=pause_data(
            enrolled_person,
            start_date=pause.start_date,
            planned_return_date=pause.planned_return_date,
        ),
        user=uu_user,
    )
    assert not open_flags(enrolled_person, transition_flags.PAUSE_WITHOUT_ACTIVITY).exists()
    assert services.pause_flags_check().raised == 0


def test_a_paused_enrolment_without_a_pause_is_flagged(enrolled_person, uu_user):
    from stu_case.notifications.models import Notification
    from students.models import Enrolment, EnrolmentStatus

    Enrolment.objects.filter(person=enrolled_person).update(status=EnrolmentStatus.PAUSED)
    assert services.pause_flags_check().raised == 1
    assert services.pause_flags_check().raised == 0
    flag = open_flags(enrolled_person, transition_flags.PAUSE_WITHOUT_ACTIVITY).get()
    assert "ingen godkendt pause" in flag.details
    # The contact person hears about the new flag once, without the young person's name.
    note = Notification.objects.get(recipient=uu_user)
    assert note.title == "Nyt flag: Pause uden planlagt aktivitet"
    assert enrolled_person.full_name not in note.title + note.body
    # Recording the pause (with an activity) resolves it.
    PauseFactory(person=enrolled_person)
    services.pause_flags_check()
    assert not open_flags(enrolled_person, transition_flags.PAUSE_WITHOUT_ACTIVITY).exists()


def test_requested_or_finished_pauses_are_not_flagged(enrolled_person):
    PauseFactory(
        person=enrolled_person,
        status=PauseStatus.REQUESTED,
        activity_kind="",
        activity_description="",
    )
    assert services.pause_flags_check().raised == 0


def test_whitespace_description_counts_as_no_activity(enrolled_person):
    PauseFactory(person=enrolled_person, activity_description="  \n ")
    services.pause_flags_check()
    assert open_flags(enrolled_person, transition_flags.PAUSE_WITHOUT_ACTIVITY).exists()


# ---------------------------------------------------------------- return overdue
def test_overdue_return_is_flagged_once_and_resolved_on_resume(enrolled_person, uu_user):
    today = timezone.localdate()
    pause = PauseFactory(
        person=enrolled_person,
        start_date=today - timedelta(days=60),
        planned_return_date=today - timedelta(days=1),
    )
    services.pause_flags_check(today=today - timedelta(days=2))
    assert not open_flags(enrolled_person, transition_flags.PAUSE_RETURN_OVERDUE).exists()
    services.pause_flags_check()
    services.pause_flags_check()
    flag = open_flags(enrolled_person, transition_flags.PAUSE_RETURN_OVERDUE).get()
    assert flag.severity == "critical"
    assert (today - timedelta(days=1)).strftime("%d.%m.%Y") in flag.details
    services.pause_resume(pause=pause, user=uu_user, resumed_on=today)
    assert not open_flags(enrolled_person, transition_flags.PAUSE_RETURN_OVERDUE).exists()
    assert Flag.objects.filter(kind=transition_flags.PAUSE_RETURN_OVERDUE).count() == 1


def test_a_moved_return_date_resolves_the_overdue_flag_on_the_next_run(enrolled_person, uu_user):
    today = timezone.localdate()
    pause = approved_pause(enrolled_person, uu_user, start_date=today - timedelta(days=30))
    services.pause_flags_check(today=pause.planned_return_date + timedelta(days=1))
    assert open_flags(enrolled_person, transition_flags.PAUSE_RETURN_OVERDUE).exists()
    services.pause_flags_check()  # today is before the planned return
    assert not open_flags(enrolled_person, transition_flags.PAUSE_RETURN_OVERDUE).exists()


def test_pause_task_and_command_are_the_same_job(enrolled_person):
    today = timezone.localdate()
    PauseFactory(
        person=enrolled_person,
        start_date=today - timedelta(days=60),
        planned_return_date=today - timedelta(days=1),
        activity_kind="",
    )
    result = tasks.pathway.pause_flags_check.delay().get()
    # Written like the admin would, on an active enrolment: the job also pauses the enrolment.
    assert result == {"started": 1, "raised": 2, "resolved": 0}
    call_command("pause_flags_check")
    assert Flag.objects.open().count() == 2


# ---------------------------------------------------------------- housing
def _end_in(person, days):
    """Move the open enrolment's planned end ``days`` from today (through the ORM)."""
    enrolment = open_enrolment(person)
    enrolment.planned_end_date = timezone.localdate() + timedelta(days=days)
    enrolment.save(update_fields=["planned_end_date"])
    return enrolment


def test_unplanned_move_is_flagged_within_the_watch_window(enrolled_person):
    HousingPlanFactory(person=enrolled_person, planned_move_date=None)
    _end_in(enrolled_person, 600)  # far away: no flag yet
    assert services.housing_flags_check().raised == 0
    enrolment = _end_in(enrolled_person, 200)  # six months point is ~20 days away
    assert services.housing_flags_check().raised == 1
    assert services.housing_flags_check().raised == 0
    flag = open_flags(enrolled_person, transition_flags.HOUSING_MOVE_DUE).get()
    deadline = services.housing_move_deadline(enrolment)
    assert deadline.strftime("%d.%m.%Y") in flag.details
    assert Flag.objects.filter(kind=transition_flags.HOUSING_MOVE_DUE).count() == 1


def test_move_planned_too_late_is_flagged_and_resolved_when_moved_earlier(enrolled_person, uu_user):
    enrolment = _end_in(enrolled_person, 150)
    deadline = services.housing_move_deadline(enrolment)
    services.housing_plan_save(
        person=enrolled_person,
        current_situation="parents",
        move_needed=True,
        target_situation="supported",
        planned_move_date=deadline + timedelta(days=10),
        user=uu_user,
    )
    assert open_flags(enrolled_person, transition_flags.HOUSING_MOVE_DUE).exists()
    services.housing_plan_save(
        person=enrolled_person,
        current_situation="parents",
        move_needed=True,
        target_situation="supported",
        planned_move_date=deadline,
        user=uu_user,
    )
    assert not open_flags(enrolled_person, transition_flags.HOUSING_MOVE_DUE).exists()
    assert services.housing_flags_check().raised == 0


def test_no_move_needed_resolves_the_housing_flag(enrolled_person, uu_user):
    _end_in(enrolled_person, 100)
    HousingPlanFactory(person=enrolled_person)
    call_command("housing_flags_check")
    call_command("housing_flags_check")
    assert open_flags(enrolled_person, transition_flags.HOUSING_MOVE_DUE).count() == 1
    services.housing_plan_save(
        person=enrolled_person, current_situation="supported", move_needed=False, user=uu_user
    )
    assert not open_flags(enrolled_person, transition_flags.HOUSING_MOVE_DUE).exists()
    enrolled_person.refresh_from_db()
    assert enrolled_person.housing_situation == "supported"


def test_housing_task_runs_the_rule(enrolled_person):
    _end_in(enrolled_person, 100)
    HousingPlanFactory(person=enrolled_person)
    assert tasks.pathway.housing_flags_check.delay().get() == {"raised": 1, "resolved": 0}
    assert tasks.pathway.housing_flags_check.delay().get() == {"raised": 0, "resolved": 0}


def test_housing_plan_validation_is_danish_and_saves_nothing(enrolled_person, uu_user):
    from django.core.exceptions import ValidationError

    from transitions.models.pathway import HousingPlan

    enrolled_person.housing_situation = "parents"
    enrolled_person.save(update_fields=["housing_situation"])
    with pytest.raises(ValidationError) as exc:
        services.housing_plan_save(
            person=enrolled_person,
            current_situation="own",
            move_needed=True,
            target_situation="",
            user=uu_user,
        )
    assert exc.value.message_dict["target_situation"] == [
        "Vælg hvilken boligsituation den unge skal flytte til."
    ]
    assert not HousingPlan.objects.exists()
    enrolled_person.refresh_from_db()
    assert enrolled_person.housing_situation == "parents"  # the current situation is unchanged


def test_housing_move_deadline_clamps_to_month_end():
    from datetime import date

    from students.models import Enrolment

    def deadline(end):
        return services.housing_move_deadline(Enrolment(planned_end_date=end))

    assert deadline(date(2027, 8, 31)) == date(2027, 2, 28)
    assert deadline(date(2027, 3, 15)) == date(2026, 9, 15)
