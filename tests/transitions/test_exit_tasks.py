"""Final year and exit: the periodic rules, each run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from stu_case.calendar import add_months
from stu_case.notifications.models import Notification
from students.models import EnrolmentStatus, Flag, PersonStatus, Severity
from students.services import enrolments as enrolment_services
from tests import factories
from tests.transitions.factories_exit import completed_person, final_year_person
from transitions import flags as transition_flags
from transitions import tasks
from transitions.models.exit import (
    Destination,
    EndConversation,
    ExitPlan,
    ExitRule,
    ExitTask,
    ExitTaskKind,
    FollowUp,
    InvolvementRole,
    JobcenterInvolvement,
)
from transitions.selectors.exit import exit_status_for
from transitions.services import exit as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalist(municipality, uu_user, jobcenter_user, institution):
    return final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=6
    )


def _open_flags(person, kind):
    return Flag.objects.open().filter(person=person, kind=kind)


# ---------------------------------------------------------------- final-year activation
def test_final_year_activation_flags_activates_jobcenter_and_creates_tasks(
    finalist, uu_user, jobcenter_user
):
    assert services.final_year_activate() == 1

    flag = _open_flags(finalist, transition_flags.FINAL_YEAR).get()
    assert flag.severity == Severity.INFO
    involvement = JobcenterInvolvement.objects.get(person=finalist)
    assert involvement.role == InvolvementRole.PLANNER
    assert involvement.contact == jobcenter_user
    assert involvement.activated_at is not None
    kinds = set(ExitTask.objects.filter(person=finalist).values_list("kind", flat=True))
    assert kinds == {
        ExitTaskKind.END_CONVERSATION,
        ExitTaskKind.FINAL_INTERNSHIP,
        ExitTaskKind.HOUSING,
        ExitTaskKind.HANDOVER_MEETING,
        ExitTaskKind.RESSOURCEPAPIR,
        ExitTaskKind.FUNCTIONAL_DESCRIPTION,
    }
    end = finalist.enrolments.get().planned_end_date
    for task in ExitTask.objects.filter(person=finalist):
        assert timezone.localdate() <= task.due_date <= end
    assert ExitTask.objects.get(person=finalist, kind="final_internship").responsible == (
        jobcenter_user
    )
    assert ExitTask.objects.get(person=finalist, kind="end_conversation").responsible == uu_user
    assert ExitPlan.objects.filter(person=finalist).exists()
    for user in (jobcenter_user, uu_user):
        note = Notification.objects.get(recipient=user)
        assert finalist.full_name in note.title
        assert note.url.endswith(f"/overgange/unge/{finalist.pk}/#exit")


def test_final_year_activation_is_safe_to_run_twice(finalist, uu_user, jobcenter_user):
    services.final_year_activate()
    assert services.final_year_activate() == 0
    tasks.exit.final_year_activate.delay()
    call_command("final_year_activate", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Flag.objects.filter(person=finalist, kind=transition_flags.FINAL_YEAR).count() == 1
    assert JobcenterInvolvement.objects.filter(person=finalist).count() == 1
    assert ExitTask.objects.filter(person=finalist).count() == 6
    assert Notification.objects.filter(recipient=jobcenter_user).count() == 1
    assert Notification.objects.filter(recipient=uu_user).count() == 1


def test_not_in_final_year_nothing_happens(enrolled_person, jobcenter_user):
    assert services.final_year_activate() == 0
    assert not Flag.objects.filter(person=enrolled_person).exists()
    assert not JobcenterInvolvement.objects.filter(person=enrolled_person).exists()
    assert not ExitTask.objects.exists()
    assert not Notification.objects.exists()


def test_final_year_starts_exactly_twelve_months_before_the_end(
    municipality, uu_user, jobcenter_user, institution
):
    person = final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=13
    )
    end = person.enrolments.get().planned_end_date
    final_start = add_months(end, -12)
    assert services.final_year_activate(today=final_start - timedelta(days=1)) == 0
    assert services.final_year_activate(today=final_start) == 1


def test_a_follower_keeps_their_contact_and_becomes_planner(
    finalist, municipality, jobcenter_user, uu_user
):
    colleague = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    services.involvement_save(person=finalist, contact=colleague, user=uu_user)
    assert JobcenterInvolvement.objects.get(person=finalist).role == InvolvementRole.FOLLOWER

    services.final_year_activate()
    involvement = JobcenterInvolvement.objects.get(person=finalist)
    assert (involvement.contact, involvement.role) == (colleague, InvolvementRole.PLANNER)
    assert Notification.objects.filter(recipient=colleague, title__startswith="Sidste år").exists()
    assert not Notification.objects.filter(recipient=jobcenter_user).exists()


def test_the_rules_fixed_jobcenter_contact_is_used(finalist, municipality, jobcenter_user):
    fixed = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    ExitRule.objects.create(municipality=municipality, default_jobcenter_contact=fixed)
    services.final_year_activate()
    assert JobcenterInvolvement.objects.get(person=finalist).contact == fixed


def test_without_a_jobcenter_user_the_uu_contact_is_told_to_choose_one(
    municipality, uu_user, institution
):
    person = final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution
    )
    services.final_year_activate()
    assert JobcenterInvolvement.objects.get(person=person).contact is None
    assert "vælg en jobcenterkontakt" in Notification.objects.get(recipient=uu_user).body


def test_final_year_flag_is_resolved_when_the_enrolment_ends(finalist):
    services.final_year_activate()
    enrolment_services.enrolment_end(
        enrolment=finalist.enrolments.get(),
        status=EnrolmentStatus.COMPLETED,
        end_date=timezone.localdate(),
        reason="Gennemført",
    )
    services.final_year_activate()
    assert not _open_flags(finalist, transition_flags.FINAL_YEAR).exists()


# ---------------------------------------------------------------- end conversation
@pytest.fixture
def ending_soon(municipality, uu_user, institution):
    return final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=1
    )


def test_missing_end_conversation_is_flagged_once_and_resolved_when_scheduled(ending_soon, uu_user):
    assert services.end_conversations_check() == 1
    assert services.end_conversations_check() == 0
    tasks.exit.end_conversations_check.delay()
    flag = _open_flags(ending_soon, transition_flags.END_CONVERSATION_MISSING).get()
    assert "ikke planlagt en afslutningssamtale" in flag.details
    assert (
        Flag.objects.filter(
            person=ending_soon, kind=transition_flags.END_CONVERSATION_MISSING
        ).count()
        == 1
    )

    end = ending_soon.enrolments.get().planned_end_date
    services.end_conversation_save(
        person=ending_soon, data={"scheduled_on": add_months(end, -1)}, user=uu_user
    )
    assert not _open_flags(ending_soon, transition_flags.END_CONVERSATION_MISSING).exists()
    assert services.end_conversations_check() == 0


def test_end_conversation_far_from_the_end_is_not_flagged(finalist):
    assert services.end_conversations_check() == 0
    assert not Flag.objects.filter(kind=transition_flags.END_CONVERSATION_MISSING).exists()


def test_end_conversation_scheduled_too_late_is_flagged(ending_soon):
    enrolment = ending_soon.enrolments.get()
    # Scheduled in time, then the planned end was moved earlier (e.g. a changed plan).
    EndConversation.objects.create(
        person=ending_soon, enrolment=enrolment, scheduled_on=enrolment.planned_end_date
    )
    services.end_conversations_check()
    flag = _open_flags(ending_soon, transition_flags.END_CONVERSATION_MISSING).get()
    assert "ligger for sent" in flag.details


def test_end_conversation_less_than_a_month_before_the_end_is_refused(ending_soon, uu_user):
    end = ending_soon.enrolments.get().planned_end_date
    with pytest.raises(ValidationError) as exc:
        services.end_conversation_save(
            person=ending_soon,
            data={"scheduled_on": add_months(end, -1) + timedelta(days=1)},
            user=uu_user,
        )
    message = exc.value.message_dict["scheduled_on"][0]
    assert "mindst én måned før STU-forløbets planlagte afslutning" in message
    assert add_months(end, -1).strftime("%d.%m.%Y") in message
    assert not EndConversation.objects.exists()


# ---------------------------------------------------------------- follow-up after STU
def test_follow_ups_are_created_and_the_contact_reminded_once(municipality, uu_user, institution):
    today = timezone.localdate()
    person = completed_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        ended_on=add_months(today, -4),
    )
    created, reminded = services.follow_ups_create()
    assert (created, reminded) == (2, 1)
    three, twelve = FollowUp.objects.filter(person=person).order_by("months")
    assert (three.months, twelve.months) == (3, 12)
    assert three.due_on == add_months(add_months(today, -4), 3)
    assert three.notified_at is not None and twelve.notified_at is None
    assert services.follow_ups_create() == (0, 0)
    tasks.exit.follow_ups_create.delay()
    assert FollowUp.objects.filter(person=person).count() == 2
    note = Notification.objects.get(recipient=uu_user)
    assert "3 måneder" in note.body


def test_open_enrolment_gets_no_follow_up(enrolled_person):
    assert services.follow_ups_create() == (0, 0)


def test_recording_the_twelve_month_follow_up_marks_the_person_followed_up(
    municipality, uu_user, institution
):
    today = timezone.localdate()
    person = completed_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        ended_on=add_months(today, -13),
    )
    services.follow_ups_create()
    twelve = FollowUp.objects.get(person=person, months=12)
    services.follow_up_record(
        follow_up=twelve,
        data={"destination": Destination.FLEXJOB, "recorded_on": today, "note": ""},
        user=uu_user,
    )
    person.refresh_from_db()
    assert person.status == PersonStatus.FOLLOWED_UP


# ---------------------------------------------------------------- agenda hook
def test_exit_status_for_the_agenda(finalist, enrolled_person, uu_user, django_assert_num_queries):
    services.final_year_activate()
    services.exit_plan_update(
        person=finalist,
        expected_version=1,
        data={"expected_destination": Destination.FLEXJOB},
        user=uu_user,
    )
    with django_assert_num_queries(4):
        status = exit_status_for(person_ids=[finalist.pk, enrolled_person.pk])
    assert set(status) == {finalist.pk}
    text = status[finalist.pk]
    assert text.startswith("Sidste år (slut ")
    assert "afslutningssamtale ikke planlagt" in text
    assert "forventet: fleksjob" in text
    assert "opgaver 0/6 udført" in text


def test_exit_status_for_has_constant_queries(
    municipality, uu_user, institution, django_assert_num_queries
):
    people = [
        final_year_person(
            municipality=municipality, contact_person=uu_user, institution=institution
        )
        for _ in range(4)
    ]
    services.final_year_activate()
    with django_assert_num_queries(4):
        assert len(exit_status_for(person_ids=[p.pk for p in people])) == 4
    assert exit_status_for(person_ids=[]) == {}


# ---------------------------------------------------------------- jobcenter contact
def test_only_a_jobcenter_user_of_the_municipality_can_be_the_contact(
    enrolled_person, uu_user, outsider, municipality
):
    with pytest.raises(ValidationError) as exc:
        services.involvement_save(person=enrolled_person, contact=uu_user, user=uu_user)
    assert exc.value.message_dict["contact"] == [
        "Vælg en jobcentermedarbejder i den unges kommune."
    ]
    other_jobcenter = factories.UserFactory(municipality=outsider.municipality, roles=["jobcenter"])
    with pytest.raises(ValidationError):
        services.involvement_save(person=enrolled_person, contact=other_jobcenter, user=uu_user)
    assert not JobcenterInvolvement.objects.exists()


def test_a_new_contact_is_told_and_takes_over_open_jobcenter_tasks(
    finalist, municipality, uu_user, jobcenter_user
):
    services.final_year_activate()
    successor = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    services.involvement_save(person=finalist, contact=successor, user=uu_user)
    assert Notification.objects.filter(
        recipient=successor, title__startswith="Du er jobcenterkontakt"
    ).exists()
    open_jobcenter_tasks = ExitTask.objects.filter(
        person=finalist, agency="jobcenter", done_at__isnull=True
    )
    assert open_jobcenter_tasks.count() == 2
    assert {t.responsible for t in open_jobcenter_tasks} == {successor}


def test_checklist_due_dates_follow_the_planned_end(municipality, uu_user, institution):
    person = final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=11
    )
    today = timezone.localdate()
    services.final_year_activate(today=today)
    end = person.enrolments.get().planned_end_date
    due = dict(ExitTask.objects.filter(person=person).values_list("kind", "due_date"))
    assert due["housing"] == add_months(end, -6)  # moves are best done half a year before
    assert due["end_conversation"] == add_months(end, -3)
    assert due["handover_meeting"] == add_months(end, -2)
    assert due["ressourcepapir"] == add_months(end, -1)
    assert due["final_internship"] == today + timedelta(days=60)


def test_interrupted_stu_is_followed_up_but_kept_out_of_the_completed_statistics(
    municipality, uu_user, institution
):
    from students.models import EnrolmentStatus
    from transitions.selectors.exit import statistics

    today = timezone.localdate()
    dropped = completed_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        ended_on=add_months(today, -13),
        status=EnrolmentStatus.DROPPED_OUT,
    )
    assert dropped.status == PersonStatus.DROPPED_OUT
    assert services.follow_ups_create() == (2, 2)
    twelve = FollowUp.objects.get(person=dropped, months=12)
    services.follow_up_record(
        follow_up=twelve,
        data={"destination": Destination.FLEXJOB, "recorded_on": today, "note": ""},
        user=uu_user,
    )
    dropped.refresh_from_db()
    assert dropped.status == PersonStatus.FOLLOWED_UP
    figures = statistics(user=uu_user)
    assert figures["ended"] == 0 and figures["recorded_twelve"] == 0
