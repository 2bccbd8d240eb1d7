"""The 5-year and age-25 limits, checked ahead by the daily job ``stu_limits_check``: a flag 6
and 3 months before a limit the planned end lies after; resolved when the plan ends in time or
STU has ended; safe to run twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from stu_case.notifications.models import Notification
from students.models import EnrolmentStatus, Flag
from students.services import enrolments as enrolment_services
from tests.transitions.factories_lifecycle import enrolled, late_for_age_25
from tests.transitions.factories_pathway import open_enrolment
from transitions import flags as transition_flags
from transitions.services import lifecycle as services

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine("2027-03-10 10:00 +01:00")]

SIX = transition_flags.STU_LIMIT_SIX_MONTHS
THREE = transition_flags.STU_LIMIT_THREE_MONTHS


def open_kinds(person) -> set[str]:
    return set(
        Flag.objects.open()
        .filter(person=person, kind__in=[SIX, THREE])
        .values_list("kind", flat=True)
    )


def test_age_25_is_flagged_at_6_and_3_months_and_resolved_when_the_plan_ends_in_time(
    municipality, uu_user, forvaltning_user, institution, time_machine
):
    young = late_for_age_25(municipality, uu_user, institution)
    assert young.turns_25_on == date(2029, 7, 10)
    assert open_enrolment(young).planned_end_date == date(2030, 3, 10)
    assert services.stu_limits_check() == {"raised": 0, "resolved": 0}

    time_machine.move_to("2029-01-09 10:00 +01:00")
    services.stu_limits_check()
    assert open_kinds(young) == set()

    time_machine.move_to("2029-01-10 10:00 +01:00")
    assert services.stu_limits_check()["raised"] == 1
    assert open_kinds(young) == {SIX}
    flag = Flag.objects.open().get(person=young, kind=SIX)
    assert flag.details == (
        "25-årsdagen er 10.07.2029, men forløbet slutter efter planen 10.03.2030. Flyt den "
        "planlagte slutdato eller afslut forløbet i tide."
    )
    notices = Notification.objects.filter(recipient=uu_user)
    assert list(notices.values_list("title", flat=True)) == [f"Nyt flag: {flag.get_kind_display()}"]
    # Safe to run twice: no second flag, no second notice.
    assert services.stu_limits_check() == {"raised": 0, "resolved": 0}
    assert notices.count() == 1

    time_machine.move_to("2029-04-10 10:00 +01:00")
    call_command("stu_limits_check")
    assert open_kinds(young) == {SIX, THREE}
    assert Flag.objects.open().get(person=young, kind=THREE).severity == "critical"

    services.enrolment_move_planned_end(
        person=young,
        planned_end_date=date(2029, 6, 30),
        reason="Afsluttes før 25-årsdagen.",
        user=forvaltning_user,
    )
    assert open_kinds(young) == set()


def test_the_5_year_limit_is_flagged_and_the_flags_go_when_stu_ends(
    municipality, uu_user, institution, time_machine
):
    young = enrolled(
        municipality,
        uu_user,
        institution,
        born=date(2008, 1, 1),
        start=date(2027, 3, 10),
        planned_end_date=date(2032, 6, 1),
    )
    time_machine.move_to("2031-09-09 10:00 +02:00")
    services.stu_limits_check()
    assert open_kinds(young) == set()
    time_machine.move_to("2031-09-10 10:00 +02:00")
    services.stu_limits_check()
    assert open_kinds(young) == {SIX}
    assert Flag.objects.open().get(person=young).details.startswith("Femårsfristen er 10.03.2032")
    time_machine.move_to("2031-12-10 10:00 +01:00")
    services.stu_limits_check()
    assert open_kinds(young) == {SIX, THREE}

    enrolment_services.enrolment_end(
        enrolment=open_enrolment(young),
        status=EnrolmentStatus.DROPPED_OUT,
        end_date=date(2031, 12, 10),
        reason="Afbrudt",
    )
    assert services.stu_limits_check()["resolved"] == 2
    assert open_kinds(young) == set()


def test_a_plan_that_ends_in_time_is_never_flagged(enrolled_person, time_machine):
    time_machine.move_to("2029-11-01 10:00 +01:00")
    assert services.stu_limits_check() == {"raised": 0, "resolved": 0}
    assert open_kinds(enrolled_person) == set()
