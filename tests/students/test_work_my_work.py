"""My work: everything due that is the user's, from every app, sorted by due date; the
default home page of caseworkers, with a count in the menu of every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import EducationPlan, Flag, PersonStatus, YoungPerson
from tests import factories
from tests.transitions.factories_meetings import (
    MeetingActionFactory,
    StatusMeetingFactory,
    at,
    bulk_active_students,
    enrol,
)
from transitions.models import MeetingAction

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)


def _student(municipality, institution, contact, first, last):
    person = enrol(
        municipality=municipality,
        institution=institution,
        contact=contact,
        first_name=first,
        last_name=last,
    )
    YoungPerson.objects.filter(pk=person.pk).update(status=PersonStatus.ENROLLED)
    return person


def _positions(html: str, *needles: str) -> list[int]:
    return [html.index(n) for n in needles]


@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
def test_what_is_due_is_listed_by_due_date_with_overdue_marked(
    client_for, municipality, institution, uu_user, forvaltning_user
):
    mine = _student(municipality, institution, uu_user, "Asta", "Holm")
    theirs = _student(municipality, institution, forvaltning_user, "Bo", "Lind")
    EducationPlan.objects.filter(person=mine).update(next_revision_due=TODAY + timedelta(days=10))
    factories.FlagFactory(person=mine, raised_at=timezone.now() - timedelta(days=5))
    factories.FlagFactory(person=theirs)  # not uu's young person
    meeting = StatusMeetingFactory(
        municipality=municipality, created_by=uu_user, starts_at=at(TODAY + timedelta(days=3))
    )
    meeting.participants.add(uu_user)
    MeetingActionFactory(
        meeting=meeting, person=mine, responsible=uu_user, deadline=TODAY - timedelta(days=1)
    )
    MeetingActionFactory(
        meeting=meeting,
        person=mine,
        responsible=uu_user,
        deadline=TODAY + timedelta(days=60),
        description="Langt ude i fremtiden",
    )

    page = client_for(uu_user).get(reverse("work:home"))

    assert page.status_code == 200
    html = page.content.decode()
    flag, action, meet, plan = _positions(
        html,
        "Andet: Asta Holm",
        "Ring til praktikstedet",
        "Statusmøde 13.03.2027",
        "Revidér planen",
    )
    assert flag < action < meet < plan
    assert html.count("Overskredet") == 2  # the flag and yesterday's action
    assert "Bo Lind" not in html
    assert "Langt ude i fremtiden" not in html
    # The names shown are logged, as every list of person data is.
    assert AccessLog.objects.filter(user=uu_user, person=mine, purpose="Mit arbejde").exists()


def test_caseworkers_start_on_my_work_and_the_caseload_is_one_click_away(
    client_for, uu_user, leder_user, institution_user
):
    assert client_for(uu_user).get("/").url == reverse("work:home")
    assert client_for(leder_user).get("/").url == reverse("students:statistics")
    assert client_for(institution_user).get("/").url == reverse("portal:home")
    page = client_for(uu_user).get(reverse("work:home")).content.decode()
    assert f'href="{reverse("students:list")}"' in page


def test_the_menu_counts_my_work_on_every_page(client_for, municipality, institution, uu_user):
    mine = _student(municipality, institution, uu_user, "Asta", "Holm")
    factories.FlagFactory(person=mine)
    page = client_for(uu_user).get(reverse("students:list")).content.decode()
    badge = re.search(r'Mit arbejde <span class="badge">(\d+)<span class="sr-only">', page)
    assert badge and badge.group(1) == "1"


def _bulk_work(municipality, institution, user, count: int, start: int) -> None:
    ids = bulk_active_students(
        municipality=municipality, institution=institution, count=count, start=start
    )
    YoungPerson.objects.filter(pk__in=ids).update(contact_person=user)
    Flag.objects.bulk_create(Flag(person_id=pk, kind="other") for pk in ids)
    meeting = StatusMeetingFactory(municipality=municipality, created_by=user)
    MeetingAction.objects.bulk_create(
        MeetingAction(
            meeting=meeting,
            person_id=pk,
            description="Opfølgning",
            responsible=user,
            deadline=timezone.localdate() + timedelta(days=5),
            created_by=user,
        )
        for pk in ids
    )


def test_my_work_and_the_menu_count_take_a_constant_number_of_queries(
    client_for, municipality, institution, uu_user, django_assert_max_num_queries
):
    client = client_for(uu_user)
    _bulk_work(municipality, institution, uu_user, 5, 0)
    client.get(reverse("work:home"))
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("work:home")).status_code == 200
    with django_assert_max_num_queries(30) as list_few:
        client.get(reverse("students:list"))
    _bulk_work(municipality, institution, uu_user, 495, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("work:home"))
    assert page.content.decode().count("Opfølgning (") == 500  # every action, on one page
    with django_assert_max_num_queries(len(list_few.captured_queries)):
        client.get(reverse("students:list"))


@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
def test_the_exit_end_conversation_and_checklist_steps_are_due_for_whom_they_belong(
    client_for, municipality, institution, uu_user, jobcenter_user
):
    from tests.transitions.factories_exit import final_year_person
    from transitions.models import EndConversation, ExitAgency, ExitTask, ExitTaskKind

    asta = final_year_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        first_name="Asta",
        last_name="Holm",
    )
    EndConversation.objects.create(
        person=asta, enrolment=asta.enrolments.current(), scheduled_on=TODAY + timedelta(days=8)
    )
    ExitTask.objects.create(
        person=asta,
        kind=ExitTaskKind.HOUSING,
        title="Afklar boligen efter STU",
        agency=ExitAgency.UU,
        due_date=TODAY + timedelta(days=20),
    )  # nobody responsible: the contact person's
    ExitTask.objects.create(
        person=asta,
        kind=ExitTaskKind.HANDOVER_MEETING,
        title="Hold overdragelsesmøde med jobcentret",
        agency=ExitAgency.JOBCENTER,
        responsible=jobcenter_user,
        due_date=TODAY + timedelta(days=20),
    )

    uu_page = client_for(uu_user).get(reverse("work:home")).content.decode()
    jobcenter_page = client_for(jobcenter_user).get(reverse("work:home")).content.decode()

    assert "Afslutningssamtale: Asta Holm" in uu_page
    assert "Afklar boligen efter STU (Asta Holm)" in uu_page
    assert "Hold overdragelsesmøde" not in uu_page
    assert "Hold overdragelsesmøde med jobcentret (Asta Holm)" in jobcenter_page
    assert "Afslutningssamtale" not in jobcenter_page


@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
def test_a_hearing_awaiting_an_answer_is_on_my_work_until_it_is_answered(
    client_for, municipality, institution, uu_user, forvaltning_user
):
    from students.services import letters as letter_services

    asta = _student(municipality, institution, uu_user, "Asta", "Holm")
    hearing = letter_services.hearing_send(
        person=asta,
        subject="visitation:decision:1",
        draft="Vi påtænker at give afslag på STU.",
        facts="Du har søgt om STU.",
        deadline=TODAY + timedelta(days=14),
        user=uu_user,
    )
    url = reverse("students:letter", args=[asta.pk, hearing.pk])
    page = client_for(uu_user).get(reverse("work:home")).content.decode()
    assert "Svarfrist for partshøring: Asta Holm" in page
    assert url in page
    # Another caseworker's hearing is not on forvaltning's page.
    assert "Svarfrist for partshøring" not in (
        client_for(forvaltning_user).get(reverse("work:home")).content.decode()
    )
    letter_services.hearing_answer_register(letter=hearing, answered_on=TODAY, answer="Enig.")
    page = client_for(uu_user).get(reverse("work:home")).content.decode()
    assert "Svarfrist for partshøring" not in page
