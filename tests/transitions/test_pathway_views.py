"""The pathway's pages: the panel on the transitions page, the forms, permissions per role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import EnrolmentStatus, PersonStatus
from tests import factories
from tests.transitions.factories_pathway import (
    HousingPlanFactory,
    PauseFactory,
    approved_pause,
    open_enrolment,
    pause_data,
    steps_1_and_2,
)
from transitions.models.pathway import Interruption, Pause, PauseStatus
from transitions.services import interruption as interruption_services
from transitions.services import pathway as services

pytestmark = pytest.mark.django_db


def person_url(person):
    return reverse("transitions:person", args=[person.pk])


def final_year_person(municipality, uu_user, institution):
    young = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
    factories.EnrolmentFactory(
        person=young, institution=institution, start_date=timezone.localdate() - timedelta(days=800)
    )
    return young


# ---------------------------------------------------------------- the panel
def test_panel_shows_limit_pause_interruption_mentors_and_housing(
    enrolled_person, uu_user, client_for
):
    approved_pause(enrolled_person, uu_user)
    factories.MentorAssignmentFactory(person=enrolled_person, name="Lone Berg", end_date=None)
    factories.MentorAssignmentFactory(
        person=enrolled_person,
        name="Per Holm",
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=100),
    )
    HousingPlanFactory(person=enrolled_person, support="Bostøtte 6 timer om ugen.")
    html = client_for(uu_user).get(person_url(enrolled_person)).content.decode()
    deadline = open_enrolment(enrolled_person).completion_deadline.strftime("%d.%m.%Y")
    assert "Femårsfristen" in html and deadline in html
    assert "dage tilbage" in html
    assert "På pause – planlagt tilbage" in html
    assert "Dagbehandling to dage om ugen" in html
    assert "Lone Berg" in html and "Per Holm" in html and "Tidligere" in html
    assert "Bostøtte 6 timer om ugen." in html
    assert "Flytningen er ikke planlagt" in html
    pause = Pause.objects.get()
    assert reverse("transitions:pause_resume", args=[enrolled_person.pk, pause.pk]) in html
    assert "Start afbrydelse (trin 1)" in html
    assert "Ret boligplan" in html


@pytest.mark.parametrize("role", ["leder_user", "jobcenter_user"])
def test_read_only_roles_see_the_panel_without_actions(
    enrolled_person, uu_user, role, request, client_for
):
    services.pause_create(person=enrolled_person, data=pause_data(enrolled_person), user=uu_user)
    factories.MentorAssignmentFactory(person=enrolled_person, end_date=None)
    user = request.getfixturevalue(role)
    response = client_for(user).get(person_url(enrolled_person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmodet – afventer godkendelse" in html
    for action in ("Godkend/afvis", "Ny pause", "Start afbrydelse", "Ret boligplan", ">Afslut<"):
        assert action not in html, action


def test_jobcenter_edits_in_the_final_year(
    municipality, uu_user, institution, jobcenter_user, client_for
):
    young = final_year_person(municipality, uu_user, institution)
    client = client_for(jobcenter_user)
    html = client.get(person_url(young)).content.decode()
    assert "Ny pause" in html and "Ret boligplan" in html
    response = client.post(
        reverse("transitions:housing_edit", args=[young.pk]),
        {"current_situation": "parents", "move_needed": "yes", "target_situation": "supported"},
    )
    assert response.status_code == 302
    assert young.housing_plan.target_situation == "supported"
    # Approving a pause stays with UU and the administration.
    pause = services.pause_create(person=young, data=pause_data(young), user=uu_user)
    assert (
        client.get(reverse("transitions:pause_decide", args=[young.pk, pause.pk])).status_code
        == 403
    )


def test_jobcenter_cannot_post_before_the_final_year(enrolled_person, jobcenter_user, client_for):
    response = client_for(jobcenter_user).post(
        reverse("transitions:pause_create", args=[enrolled_person.pk]),
        {
            "reason": "illness",
            "start_date": timezone.localdate().isoformat(),
            "planned_return_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "activity_kind": "treatment",
            "activity_description": "Behandling",
            "responsible": jobcenter_user.pk,
        },
    )
    assert response.status_code == 403
    assert not Pause.objects.exists()


@pytest.mark.parametrize("role", ["institution_user", "outsider", "other_institution_user"])
def test_outside_the_team_gets_404(enrolled_person, role, request, client_for):
    user = request.getfixturevalue(role)
    client = client_for(user)
    for url in (
        reverse("transitions:pause_create", args=[enrolled_person.pk]),
        reverse("transitions:housing_edit", args=[enrolled_person.pk]),
        reverse("transitions:interruption_step", args=[enrolled_person.pk, 1]),
    ):
        assert client.get(url).status_code == 404, url


def test_panel_queries_do_not_grow_with_history(
    enrolled_person, uu_user, client_for, django_assert_max_num_queries
):
    client = client_for(uu_user)
    url = person_url(enrolled_person)
    client.get(url)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    today = timezone.localdate()
    for n in range(4):
        PauseFactory(
            person=enrolled_person,
            status=PauseStatus.RESUMED,
            start_date=today - timedelta(days=90 - n * 20),
            planned_return_date=today - timedelta(days=85 - n * 20),
            resumed_on=today - timedelta(days=85 - n * 20),
        )
        factories.MentorAssignmentFactory(person=enrolled_person)
    after = count()
    assert after <= before, (before, after)
    with django_assert_max_num_queries(before):
        client.get(url)


# ---------------------------------------------------------------- forms
def test_pause_form_error_is_danish_and_saves_nothing(enrolled_person, uu_user, client_for):
    url = reverse("transitions:pause_create", args=[enrolled_person.pk])
    client = client_for(uu_user)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "reason": "illness",
            "start_date": timezone.localdate().isoformat(),
            "planned_return_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
            "activity_kind": "",
            "activity_description": "",
            "responsible": uu_user.pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Intet er gemt" in html
    assert "En pause skal være en pause til noget" in html
    assert "Den planlagte tilbagevenden skal ligge efter pausens start." in html
    assert not Pause.objects.exists()
    assert AccessLog.objects.filter(person_id=enrolled_person.pk).exists()


def test_pause_lifecycle_through_the_pages(enrolled_person, uu_user, forvaltning_user, client_for):
    today = timezone.localdate()
    uu = client_for(uu_user)
    response = uu.post(
        reverse("transitions:pause_create", args=[enrolled_person.pk]),
        {
            "reason": "mental_health",
            "reason_text": "",
            "start_date": (today - timedelta(days=10)).isoformat(),
            "planned_return_date": (today + timedelta(days=80)).isoformat(),
            "activity_kind": "internship",
            "activity_description": "Praktik i Netto to dage om ugen.",
            "responsible": uu_user.pk,
            "return_plan": "Tilbage på værkstedet efter praktikken.",
        },
    )
    assert response.status_code == 302
    pause = Pause.objects.get()
    decide = reverse("transitions:pause_decide", args=[enrolled_person.pk, pause.pk])
    fv = client_for(forvaltning_user)
    response = fv.post(decide, {"decision": "reject", "note": ""})
    assert "Skriv en begrundelse for afslaget." in response.content.decode()
    response = fv.post(decide, {"decision": "approve", "requires_reassessment": "on"})
    assert response.status_code == 302
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.PAUSED

    resume = reverse("transitions:pause_resume", args=[enrolled_person.pk, pause.pk])
    page = uu.get(resume).content.decode()
    assert "Ny målgruppevurdering foretaget den" in page
    response = uu.post(resume, {"resumed_on": today.isoformat()})
    assert response.status_code == 200
    assert "Angiv resultatet af målgruppevurderingen." in response.content.decode()
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.PAUSED
    response = uu.post(
        resume,
        {
            "resumed_on": today.isoformat(),
            "reassessment_date": today.isoformat(),
            "reassessment_result": "in_target_group",
        },
    )
    assert response.status_code == 302
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.ENROLLED
    assert open_enrolment(enrolled_person).status == EnrolmentStatus.ACTIVE


def test_decision_page_refuses_before_steps(enrolled_person, uu_user, client_for):
    url = reverse("transitions:interruption_step", args=[enrolled_person.pk, 3])
    response = client_for(uu_user).post(
        url,
        {
            "causes_examined": "Angst",
            "decision_reason": "Ingen deltagelse",
            "decision_date": timezone.localdate().isoformat(),
            "follow_up_plan": "Jobcentret",
            "follow_up_due": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "jobcenter_informed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert (
        "Afgørelsen kan først træffes, når planen er justeret (trin 1)" in response.content.decode()
    )
    assert not Interruption.objects.exists()


def test_decision_page_requires_jobcenter_informed(enrolled_person, uu_user, client_for):
    steps_1_and_2(enrolled_person, uu_user)
    url = reverse("transitions:interruption_step", args=[enrolled_person.pk, 3])
    response = client_for(uu_user).post(
        url,
        {
            "causes_examined": "Angst",
            "decision_reason": "Ingen deltagelse i tre måneder",
            "decision_date": timezone.localdate().isoformat(),
            "follow_up_plan": "Jobcentret indkalder",
            "follow_up_due": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "jobcenter_informed_on": "",
        },
    )
    assert "Jobcentret skal være orienteret om afbrydelsen" in response.content.decode()
    enrolled_person.refresh_from_db()
    assert enrolled_person.status == PersonStatus.ENROLLED


def test_decided_interruption_shows_follow_up_due(enrolled_person, uu_user, leder_user, client_for):
    from tests.transitions.factories_pathway import decision_data

    steps_1_and_2(enrolled_person, uu_user)
    due = timezone.localdate() + timedelta(days=30)
    interruption_services.interruption_decide(
        person=enrolled_person, data=decision_data(follow_up_due=due), user=uu_user
    )
    html = client_for(leder_user).get(person_url(enrolled_person)).content.decode()
    assert "den unge skal følges op" in html
    assert f"Opfølgning senest {due:%d.%m.%Y}" in html


def test_mentor_end_through_the_page(enrolled_person, uu_user, client_for):
    m = factories.MentorAssignmentFactory(
        person=enrolled_person, start_date=timezone.localdate() - timedelta(days=50), end_date=None
    )
    url = reverse("transitions:mentor_end", args=[enrolled_person.pk, m.pk])
    client = client_for(uu_user)
    response = client.post(url, {"end_date": (m.start_date - timedelta(days=1)).isoformat()})
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    m.refresh_from_db()
    assert m.end_date is None
    assert client.post(url, {"end_date": timezone.localdate().isoformat()}).status_code == 302
    m.refresh_from_db()
    assert m.end_date == timezone.localdate()
    assert client.get(url).status_code == 404  # already ended


def test_unknown_interruption_step_is_404(enrolled_person, uu_user, client_for):
    url = reverse("transitions:interruption_step", args=[enrolled_person.pk, 4])
    assert client_for(uu_user).get(url).status_code == 404
