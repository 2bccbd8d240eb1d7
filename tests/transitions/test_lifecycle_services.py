"""The enrolment's life from the case page: completion, transfer, a moved planned end, the end
of clarification, an education started elsewhere. What each does, who is told, which flags,
and that bad input is refused in Danish with nothing changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from stu_case import permissions
from stu_case.formats import short_date
from stu_case.notifications.models import Notification
from students.models import Enrolment, EnrolmentStatus, Flag, Letter, PersonStatus
from tests import factories
from tests.transitions.factories_lifecycle import in_clarification, plan_revised
from tests.transitions.factories_pathway import approved_pause, open_enrolment
from transitions import flags as transition_flags
from transitions.models.exit import FollowUp
from transitions.models.lifecycle import LifecycleEvent, LifecycleEventStatus
from transitions.services import exit as exit_services
from transitions.services import lifecycle as services

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine("2027-03-10 10:00 +01:00")]

TODAY = date(2027, 3, 10)


def sees(user, person) -> bool:
    return permissions.young_people_for(user).filter(pk=person.pk).exists()


def told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as exc:
        call(**kwargs)
    return exc.value.message_dict if hasattr(exc.value, "error_dict") else {"": exc.value.messages}


def nothing_changed(person, enrolment) -> None:
    fresh = Enrolment.objects.get(pk=enrolment.pk)
    assert fresh.status == EnrolmentStatus.ACTIVE
    assert fresh.planned_end_date == enrolment.planned_end_date
    assert fresh.clarification_end_date == enrolment.clarification_end_date
    assert not LifecycleEvent.objects.filter(person=person).exists()
    assert not Notification.objects.exists()


# ---------------------------------------------------------------- complete
def test_completion_ends_the_enrolment_starts_follow_up_and_tells_who_must_know(
    enrolled_person, forvaltning_user, uu_user, jobcenter_user, institution_user
):
    assert sees(institution_user, enrolled_person)
    event = services.enrolment_complete(
        person=enrolled_person, completed_on=TODAY, note="Flot forløb.", user=forvaltning_user
    )
    enrolment = Enrolment.objects.get(pk=event.enrolment_id)
    assert (enrolment.status, enrolment.end_date) == (EnrolmentStatus.COMPLETED, TODAY)
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.COMPLETED
    assert not sees(institution_user, enrolled_person)
    follow_ups = FollowUp.objects.filter(person=enrolled_person).order_by("months")
    assert [(f.months, f.due_on) for f in follow_ups] == [
        (3, date(2027, 6, 10)),
        (12, date(2028, 3, 10)),
    ]
    title = "Et STU-forløb er gennemført"
    assert told(uu_user) == [title]  # the contact person
    assert told(jobcenter_user) == [title]  # no jobcenter contact yet: the jobcenter
    assert told(institution_user) == [title]
    assert told(forvaltning_user) == []  # not the one who registered it


def test_the_involved_jobcenter_contact_is_told_instead_of_the_whole_jobcenter(
    enrolled_person, municipality, uu_user, jobcenter_user
):
    contact = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    exit_services.involvement_save(person=enrolled_person, contact=contact, user=uu_user)
    Notification.objects.all().delete()
    services.enrolment_complete(person=enrolled_person, completed_on=TODAY, note="", user=uu_user)
    assert told(contact) == ["Et STU-forløb er gennemført"]
    assert told(jobcenter_user) == []


def test_completion_resolves_the_flags_about_the_open_enrolment(enrolled_person, uu_user):
    services._raise_plan_update(enrolled_person, "Planen skal tilpasses.")
    services.enrolment_complete(person=enrolled_person, completed_on=TODAY, note="", user=uu_user)
    assert not Flag.objects.open().filter(person=enrolled_person).exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            TODAY - timedelta(days=101),
            "Datoen for gennemførelse kan ikke ligge før forløbets start (30.11.2026).",
        ),
        (TODAY + timedelta(days=1), "Datoen for gennemførelse kan ikke ligge i fremtiden."),
        (None, "Angiv datoen, hvor STU blev gennemført."),
    ],
)
def test_completion_with_a_bad_date_is_refused_and_changes_nothing(
    enrolled_person, uu_user, day, message
):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_complete,
        person=enrolled_person,
        completed_on=day,
        note="",
        user=uu_user,
    )
    assert errors == {"completed_on": [message]}
    nothing_changed(enrolled_person, enrolment)
    assert not FollowUp.objects.exists()


def test_completion_during_a_pause_is_refused(enrolled_person, uu_user):
    approved_pause(enrolled_person, uu_user)
    errors = refused(
        services.enrolment_complete,
        person=enrolled_person,
        completed_on=TODAY,
        note="",
        user=uu_user,
    )
    assert errors[""] == [
        "Forløbet står på pause. Genoptag det, før STU registreres som gennemført."
    ]


def test_no_open_enrolment_is_refused(person, uu_user):
    errors = refused(
        services.enrolment_complete, person=person, completed_on=TODAY, note="", user=uu_user
    )
    assert errors[""] == ["Den unge har ikke et igangværende STU-forløb."]


# ---------------------------------------------------------------- transfer
def test_transfer_today_moves_the_institution_access_at_once(
    enrolled_person,
    uu_user,
    institution_user,
    other_institution,
    other_institution_user,
    jobcenter_user,
):
    old = open_enrolment(enrolled_person)
    event = services.enrolment_transfer(
        person=enrolled_person,
        institution=other_institution,
        transfer_date=TODAY,
        reason="Bedre match med praktik.",
        user=uu_user,
    )
    old.refresh_from_db()
    assert (old.status, old.end_date) == (EnrolmentStatus.TRANSFERRED, TODAY - timedelta(days=1))
    new = open_enrolment(enrolled_person)
    assert new.institution == other_institution
    assert new.start_date == TODAY
    assert new.planned_end_date == old.planned_end_date
    assert new.completion_deadline == old.completion_deadline  # still 5 years from STU's start
    event.refresh_from_db()
    assert (event.status, event.new_enrolment) == (LifecycleEventStatus.DONE, new)
    assert not sees(institution_user, enrolled_person)
    assert sees(other_institution_user, enrolled_person)
    assert (
        Flag.objects.open()
        .filter(person=enrolled_person, kind=transition_flags.PLAN_UPDATE_DUE)
        .exists()
    )
    assert told(institution_user) == ["En ung har skiftet institution"]
    assert told(other_institution_user) == ["En ung har skiftet institution"]
    assert "En ung har skiftet institution" in told(jobcenter_user)


def test_a_future_transfer_moves_the_access_on_its_day(
    enrolled_person,
    uu_user,
    institution_user,
    other_institution,
    other_institution_user,
    time_machine,
):
    day = TODAY + timedelta(days=14)
    event = services.enrolment_transfer(
        person=enrolled_person,
        institution=other_institution,
        transfer_date=day,
        reason="Flytter til ny by.",
        user=uu_user,
    )
    assert event.status == LifecycleEventStatus.PLANNED
    assert (
        told(institution_user)
        == told(other_institution_user)
        == ["Et institutionsskift er planlagt"]
    )
    # The day before: nothing moves yet.
    time_machine.move_to("2027-03-23 23:30 +01:00")
    assert services.enrolment_transfers_carry_out() == {"done": 0, "lapsed": 0}
    assert sees(institution_user, enrolled_person)
    assert not sees(other_institution_user, enrolled_person)
    # On the day the job runs (00:05): the access moves.
    time_machine.move_to("2027-03-24 00:05 +01:00")
    assert services.enrolment_transfers_carry_out() == {"done": 1, "lapsed": 0}
    assert not sees(institution_user, enrolled_person)
    assert sees(other_institution_user, enrolled_person)
    assert open_enrolment(enrolled_person).start_date == day
    # Safe to run twice.
    assert services.enrolment_transfers_carry_out() == {"done": 0, "lapsed": 0}
    assert enrolled_person.enrolments.count() == 2


def test_a_planned_transfer_lapses_when_stu_is_completed_first(
    enrolled_person, uu_user, other_institution, time_machine
):
    services.enrolment_transfer(
        person=enrolled_person,
        institution=other_institution,
        transfer_date=TODAY + timedelta(days=5),
        reason="Ny by.",
        user=uu_user,
    )
    services.enrolment_complete(person=enrolled_person, completed_on=TODAY, note="", user=uu_user)
    time_machine.move_to("2027-03-16 00:05 +01:00")
    services.enrolment_transfers_carry_out()
    assert not enrolled_person.enrolments.open().exists()
    assert LifecycleEvent.objects.get(kind="transfer").status == LifecycleEventStatus.CANCELLED


def test_transfer_to_the_same_institution_is_refused(enrolled_person, uu_user, institution):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_transfer,
        person=enrolled_person,
        institution=institution,
        transfer_date=TODAY,
        reason="Fejl.",
        user=uu_user,
    )
    assert errors == {
        "institution": [f"Den unge går allerede på {institution.name}. Vælg en anden institution."]
    }
    nothing_changed(enrolled_person, enrolment)


def test_transfer_needs_a_date_after_the_start_and_a_reason(
    enrolled_person, uu_user, other_institution
):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_transfer,
        person=enrolled_person,
        institution=other_institution,
        transfer_date=enrolment.start_date,
        reason=" ",
        user=uu_user,
    )
    assert errors == {
        "reason": ["Begrund skiftet af institution."],
        "transfer_date": ["Skiftet skal ligge efter forløbets start (30.11.2026)."],
    }
    nothing_changed(enrolled_person, enrolment)


def test_a_second_planned_transfer_is_refused(enrolled_person, uu_user, other_institution):
    data = {
        "person": enrolled_person,
        "institution": other_institution,
        "transfer_date": TODAY + timedelta(days=30),
        "reason": "Ny by.",
        "user": uu_user,
    }
    services.enrolment_transfer(**data)
    errors = refused(services.enrolment_transfer, **data)
    assert errors[""] == ["Der er allerede planlagt et institutionsskift for forløbet."]
    assert LifecycleEvent.objects.count() == 1


# ---------------------------------------------------------------- planned end
def test_moving_the_planned_end_is_a_kept_decision_with_reasons(
    enrolled_person, forvaltning_user, uu_user, institution_user
):
    enrolment = open_enrolment(enrolled_person)
    old_end = enrolment.planned_end_date
    new_end = old_end + timedelta(days=180)
    event = services.enrolment_move_planned_end(
        person=enrolled_person,
        planned_end_date=new_end,
        reason="Længere praktik aftalt på statusmødet.",
        user=forvaltning_user,
    )
    enrolment.refresh_from_db()
    assert enrolment.planned_end_date == new_end
    assert (event.previous_date, event.new_date) == (old_end, new_end)
    assert event.reason == "Længere praktik aftalt på statusmødet."
    assert event.created_by == forvaltning_user
    title = "Den planlagte slutdato for et STU-forløb er flyttet"
    assert title in told(uu_user)
    assert told(institution_user) == [title]
    # The decision reaches the young person as a letter, with the reason as its justification.
    letter = Letter.objects.get(person=enrolled_person, kind="end_date_moved")
    assert letter.created_by == forvaltning_user
    text = " ".join(str(v) for v in letter.sections.values())
    assert "Længere praktik aftalt på statusmødet." in text
    assert short_date(new_end) in text


def test_a_refused_move_of_the_planned_end_sends_no_letter(enrolled_person, uu_user):
    enrolment = open_enrolment(enrolled_person)
    with pytest.raises(ValidationError):
        services.enrolment_move_planned_end(
            person=enrolled_person,
            planned_end_date=enrolment.planned_end_date,
            reason="Samme dato.",
            user=uu_user,
        )
    assert not Letter.objects.filter(person=enrolled_person).exists()


def test_a_planned_end_beyond_the_5_year_limit_is_refused(enrolled_person, uu_user):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_move_planned_end,
        person=enrolled_person,
        planned_end_date=date(2031, 12, 1),
        reason="Mere tid.",
        user=uu_user,
    )
    assert errors == {
        "planned_end_date": [
            "STU skal være gennemført inden 5 år fra start. Den planlagte slutdato kan senest "
            "være 30.11.2031."
        ]
    }
    nothing_changed(enrolled_person, enrolment)


def test_after_a_transfer_the_5_year_limit_counts_from_the_first_start(
    enrolled_person, uu_user, other_institution
):
    services.enrolment_transfer(
        person=enrolled_person,
        institution=other_institution,
        transfer_date=TODAY,
        reason="Ny by.",
        user=uu_user,
    )
    errors = refused(
        services.enrolment_move_planned_end,
        person=enrolled_person,
        planned_end_date=date(2032, 1, 1),
        reason="Mere tid.",
        user=uu_user,
    )
    assert "30.11.2031" in errors["planned_end_date"][0]


def test_moving_the_planned_end_needs_a_reason_and_a_new_future_date(enrolled_person, uu_user):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_move_planned_end,
        person=enrolled_person,
        planned_end_date=TODAY,
        reason="",
        user=uu_user,
    )
    assert errors == {
        "planned_end_date": [
            "Den planlagte slutdato skal ligge efter i dag og efter forløbets start."
        ],
        "reason": ["Begrund hvorfor slutdatoen flyttes."],
    }
    nothing_changed(enrolled_person, enrolment)


# ---------------------------------------------------------------- clarification
def test_ending_clarification_flags_the_plan_until_it_is_revised(
    municipality, uu_user, forvaltning_user, institution, institution_user, time_machine
):
    young = in_clarification(municipality, uu_user, institution)
    services.enrolment_end_clarification(
        person=young,
        ended_on=TODAY,
        conclusion="Trives med praktisk arbejde.",
        user=forvaltning_user,
    )
    assert open_enrolment(young).clarification_end_date == TODAY
    flag = Flag.objects.open().get(person=young, kind=transition_flags.PLAN_UPDATE_DUE)
    assert "Forløbsplanen skal nu færdiggøres" in flag.details
    assert "Et afklaringsforløb er afsluttet" in told(institution_user)
    # The job keeps the flag until the plan is revised, then resolves it.
    services.stu_limits_check()
    assert Flag.objects.open().filter(pk=flag.pk).exists()
    time_machine.move_to("2027-03-12 10:00 +01:00")
    plan_revised(young, uu_user)
    services.stu_limits_check()
    assert not Flag.objects.open().filter(pk=flag.pk).exists()


def test_clarification_can_only_end_once_and_within_its_12_weeks(
    municipality, uu_user, institution
):
    young = in_clarification(municipality, uu_user, institution)
    enrolment = open_enrolment(young)
    errors = refused(
        services.enrolment_end_clarification,
        person=young,
        ended_on=enrolment.clarification_end_date + timedelta(days=1),
        conclusion="",
        user=uu_user,
    )
    assert errors == {
        "conclusion": ["Skriv kort, hvad afklaringen viste."],
        "ended_on": [
            "Slutdatoen for afklaringen kan ikke ligge i fremtiden.",
            "Afklaringsforløbet varer højst 12 uger og skulle slutte senest 03.05.2027.",
        ],
    }
    nothing_changed(young, enrolment)
    services.enrolment_end_clarification(
        person=young, ended_on=TODAY, conclusion="Afklaret.", user=uu_user
    )
    errors = refused(
        services.enrolment_end_clarification,
        person=young,
        ended_on=TODAY,
        conclusion="Igen.",
        user=uu_user,
    )
    assert errors[""] == ["Afklaringsforløbet er allerede afsluttet."]


# ---------------------------------------------------------------- education elsewhere
def test_an_education_started_elsewhere_ends_stu_with_that_outcome(
    enrolled_person, uu_user, forvaltning_user, institution_user
):
    services.enrolment_education_elsewhere(
        person=enrolled_person,
        started_on=TODAY - timedelta(days=3),
        education="EUD, ernæringsassistent",
        note="",
        user=forvaltning_user,
    )
    enrolment = enrolled_person.enrolments.get()
    assert enrolment.status == EnrolmentStatus.LEFT_FOR_EDUCATION
    assert enrolment.end_reason == "Anden uddannelse: EUD, ernæringsassistent"
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.LEFT_FOR_EDUCATION
    assert FollowUp.objects.filter(person=enrolled_person).count() == 2
    assert not sees(institution_user, enrolled_person)
    assert told(uu_user) == ["En ung har forladt STU for en anden uddannelse"]


def test_an_education_elsewhere_needs_its_name(enrolled_person, uu_user):
    enrolment = open_enrolment(enrolled_person)
    errors = refused(
        services.enrolment_education_elsewhere,
        person=enrolled_person,
        started_on=TODAY,
        education="  ",
        note="",
        user=uu_user,
    )
    assert errors == {"education": ["Skriv hvilken uddannelse den unge er startet på."]}
    nothing_changed(enrolled_person, enrolment)
