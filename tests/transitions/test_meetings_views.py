"""Status meeting pages: who may do what, meeting mode (with and without htmx), actions,
closing, the minutes PDF and the institutions' answers in the portal."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from stu_case.audit.models import AccessAction, AccessLog
from stu_case.formats import short_date
from stu_case.notifications.models import Notification
from students.models import Flag
from tests.transitions.factories_meetings import (
    MeetingActionFactory,
    StatusMeetingFactory,
    StatusRequestFactory,
    enrol,
)
from transitions import flags as transition_flags
from transitions.models.meetings import (
    ActionStatus,
    MeetingAction,
    MeetingStatus,
    StatusAnswer,
    StatusMeeting,
)
from transitions.services import meetings as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(municipality, uu_user, enrolled_person):
    return StatusMeetingFactory(municipality=municipality, created_by=uu_user)


def _start(client, meeting):
    return client.post(reverse("transitions:meeting_start", args=[meeting.pk]))


# ---------------------------------------------------------------- planning
def test_uu_plans_a_meeting_with_participants(client_for, uu_user, jobcenter_user, outsider):
    client = client_for(uu_user)
    day = timezone.localdate() + timedelta(days=40)
    response = client.post(
        reverse("transitions:meeting_list"),
        {
            "date": day.isoformat(),
            "time": "10:00",
            "place": "Rådhuset",
            "participants": [uu_user.pk, jobcenter_user.pk],
        },
    )
    meeting = StatusMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("transitions:meeting_detail", args=[meeting.pk])
    assert meeting.municipality == uu_user.municipality
    assert meeting.created_by == uu_user
    assert set(meeting.participants.all()) == {uu_user, jobcenter_user}
    # Only the municipality's own team can be participants (the outsider is not offered).
    refused = client.post(
        reverse("transitions:meeting_list"),
        {"date": day.isoformat(), "time": "10:00", "participants": [outsider.pk]},
    )
    assert refused.status_code == 200
    assert outsider.get_full_name() not in refused.content.decode()
    assert StatusMeeting.objects.count() == 1


def test_meeting_in_the_past_is_refused_with_danish_error(client_for, uu_user):
    response = client_for(uu_user).post(
        reverse("transitions:meeting_list"),
        {"date": (timezone.localdate() - timedelta(days=2)).isoformat(), "time": "10:00"},
    )
    assert response.status_code == 200
    assert "Mødet skal ligge i fremtiden." in response.content.decode()
    assert not StatusMeeting.objects.exists()


def test_missing_date_keeps_input(client_for, uu_user):
    response = client_for(uu_user).post(
        reverse("transitions:meeting_list"), {"time": "10:00", "place": "Jobcentret"}
    )
    body = response.content.decode()
    assert "Der er fejl i formularen" in body
    assert 'value="Jobcentret"' in body


def test_jobcenter_takes_part_but_does_not_plan(client_for, jobcenter_user, meeting):
    client = client_for(jobcenter_user)
    page = client.get(reverse("transitions:meeting_list"))
    assert page.status_code == 200
    assert "Planlæg statusmøde" not in page.content.decode()
    assert _start(client, meeting).status_code == 302
    response = client.post(
        reverse("transitions:meeting_step", args=[meeting.pk, 1]),
        {"status_note": "Jobcentret følger med."},
    )
    assert response.status_code == 302
    assert meeting.items.get().status_note == "Jobcentret følger med."
    assert client.get(reverse("transitions:meeting_close", args=[meeting.pk])).status_code == 403


def test_leder_plans_and_closes(client_for, leder_user, meeting):
    client = client_for(leder_user)
    assert "Planlæg statusmøde" in client.get(reverse("transitions:meeting_list")).content.decode()
    _start(client, meeting)
    response = client.post(
        reverse("transitions:meeting_close", args=[meeting.pk]), {"summary": "Næste møde i marts."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.closed_by == leder_user


def test_outsider_and_institution_get_404(
    client_for, outsider, institution_user, visitation_user, meeting
):
    for user in (outsider, institution_user, visitation_user):
        client = client_for(user)
        assert (
            client.get(reverse("transitions:meeting_detail", args=[meeting.pk])).status_code == 404
        )
        assert _start(client, meeting).status_code == 404


# ---------------------------------------------------------------- meeting mode
def test_meeting_mode_walk_without_js(
    client_for, municipality, institution, uu_user, forvaltning_user, meeting, enrolled_person
):
    second = enrol(municipality=municipality, institution=institution)
    client = client_for(uu_user)
    response = _start(client, meeting)
    assert response["Location"] == reverse("transitions:meeting_step", args=[meeting.pk, 1])
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "1 af 2" in body
    first_person = meeting.items.get(position=1).person
    assert first_person.full_name in body

    response = client.post(
        reverse("transitions:meeting_step", args=[meeting.pk, 1]),
        {"status_note": "Trives i klassen.", "decisions": "Praktik til foråret.", "save_next": "1"},
    )
    assert response["Location"] == reverse("transitions:meeting_step", args=[meeting.pk, 2])
    item = meeting.items.get(position=1)
    assert (item.status_note, item.decisions, item.updated_by) == (
        "Trives i klassen.",
        "Praktik til foråret.",
        uu_user,
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD

    deadline = timezone.localdate() + timedelta(days=21)
    response = client.post(
        reverse("transitions:meeting_action_add", args=[meeting.pk, 2]),
        {
            "action-description": "Find praktiksted",
            "action-responsible": forvaltning_user.pk,
            "action-deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get()
    assert action.person == meeting.items.get(position=2).person
    assert (action.responsible, action.deadline, action.meeting) == (
        forvaltning_user,
        deadline,
        meeting,
    )
    # The responsible is told.
    assert Notification.objects.filter(
        recipient=forvaltning_user, title="Ny opgave fra statusmødet"
    ).exists()
    assert {second.pk, enrolled_person.pk} == set(meeting.items.values_list("person_id", flat=True))
    # Step views are logged per person.
    assert AccessLog.objects.filter(
        user=uu_user, person=first_person, purpose="Statusmøde: gennemgang"
    ).exists()


def test_action_validation_errors_in_danish(client_for, uu_user, outsider, meeting):
    client = client_for(uu_user)
    _start(client, meeting)
    response = client.post(
        reverse("transitions:meeting_action_add", args=[meeting.pk, 1]),
        {"action-description": "", "action-responsible": outsider.pk, "action-deadline": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Der er fejl i formularen" in body
    assert "Ansvarlig: Marker en gyldig valgmulighed" in body
    assert "Hvad skal gøres: Dette felt er påkrævet." in body
    assert not MeetingAction.objects.exists()
    response = client.post(
        reverse("transitions:meeting_action_add", args=[meeting.pk, 1]),
        {
            "action-description": "Noget",
            "action-responsible": uu_user.pk,
            "action-deadline": (timezone.localdate() - timedelta(days=5)).isoformat(),
        },
    )
    assert "Fristen kan ikke ligge i fortiden." in response.content.decode()
    assert 'value="Noget"' in response.content.decode()


def test_htmx_step_is_a_partial(client_for, municipality, institution, uu_user, meeting):
    enrol(municipality=municipality, institution=institution)
    client = client_for(uu_user)
    _start(client, meeting)
    url = reverse("transitions:meeting_step", args=[meeting.pk, 2])
    partial = client.get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert 'id="meeting-step"' not in body
    assert "<html" not in body
    assert "2 af 2" in body
    saved = client.post(
        reverse("transitions:meeting_step", args=[meeting.pk, 1]),
        {"status_note": "OK", "save_next": "1"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert saved["HX-Push-Url"] == url
    assert "2 af 2" in saved.content.decode()
    assert "Status for" in saved.content.decode()  # the success message inside the partial


def test_follow_up_earlier_actions_and_mark_done(
    client_for, municipality, uu_user, enrolled_person, meeting
):
    earlier = StatusMeetingFactory(
        municipality=municipality,
        starts_at=meeting.starts_at - timedelta(days=90),
        created_by=uu_user,
        status=MeetingStatus.CLOSED,
    )
    action = MeetingActionFactory(
        meeting=earlier,
        person=enrolled_person,
        responsible=uu_user,
        deadline=timezone.localdate() - timedelta(days=2),
        description="Søg om bostøtte",
    )
    services.meeting_actions_flag_overdue()
    assert Flag.objects.filter(
        person=enrolled_person, kind=transition_flags.ACTION_OVERDUE
    ).exists()
    client = client_for(uu_user)
    _start(client, meeting)
    body = client.get(reverse("transitions:meeting_step", args=[meeting.pk, 1])).content.decode()
    assert "Søg om bostøtte" in body
    assert "Overskredet" in body
    response = client.post(
        reverse("transitions:meeting_action_done", args=[action.pk])
        + f"?meeting={meeting.pk}&position=1",
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_by == uu_user
    assert (
        not Flag.objects.open()
        .filter(person=enrolled_person, kind=transition_flags.ACTION_OVERDUE)
        .exists()
    )
    # The open-actions list no longer shows it.
    assert (
        "Søg om bostøtte" not in client.get(reverse("transitions:meeting_actions")).content.decode()
    )


def test_closed_meeting_is_read_only(client_for, uu_user, meeting):
    client = client_for(uu_user)
    _start(client, meeting)
    services.status_meeting_close(meeting=meeting, summary="", user=uu_user)
    page = client.get(reverse("transitions:meeting_step", args=[meeting.pk, 1]))
    assert page.status_code == 200
    assert "Gem og gå til næste elev" not in page.content.decode()
    response = client.post(
        reverse("transitions:meeting_step", args=[meeting.pk, 1]), {"status_note": "x"}
    )
    assert response.status_code == 403


def test_close_requires_walk_through(client_for, uu_user, meeting):
    response = client_for(uu_user).post(reverse("transitions:meeting_close", args=[meeting.pk]))
    assert "Gå eleverne igennem" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


# ---------------------------------------------------------------- minutes
def test_minutes_pdf_content_and_print_log(
    client_for,
    uu_user,
    jobcenter_user,
    forvaltning_user,
    enrolled_person,
    meeting,
    pdf_url_fetchers,
):
    meeting.participants.set([uu_user, jobcenter_user])
    client = client_for(uu_user)
    _start(client, meeting)
    client.post(
        reverse("transitions:meeting_step", args=[meeting.pk, 1]),
        {"status_note": "Trives godt på holdet.", "decisions": "Fortsætter som planlagt."},
    )
    client.post(
        reverse("transitions:meeting_action_add", args=[meeting.pk, 1]),
        {
            "action-description": "Book virksomhedsbesøg",
            "action-responsible": forvaltning_user.pk,
            "action-deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    close_page = client.get(reverse("transitions:meeting_close", args=[meeting.pk]))
    # The planned participants are ticked; the team records who actually came.
    assert set(close_page.context["form"].initial["participants"]) == {uu_user, jobcenter_user}
    client.post(
        reverse("transitions:meeting_close", args=[meeting.pk]),
        {
            "summary": "Roller aftalt.",
            "participants": [uu_user.pk, jobcenter_user.pk],
            "other_participants": "Lone Berg (mentor)",
        },
    )
    meeting.refresh_from_db()
    assert set(meeting.participants.all()) == {uu_user, jobcenter_user}
    response = client.get(reverse("transitions:meeting_minutes", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for expected in (
        "Referat af statusmøde",
        uu_user.get_full_name(),
        jobcenter_user.get_full_name(),
        enrolled_person.full_name,
        "Trives godt på holdet.",
        "Fortsætter som planlagt.",
        "Book virksomhedsbesøg",
        forvaltning_user.get_full_name(),
        "Roller aftalt.",
        "Lone Berg (mentor)",
    ):
        assert expected in flat, expected
    assert "Udkast" not in flat
    assert pdf_url_fetchers == ["DenyAllURLFetcher"]  # rendered by stu_case.pdf
    assert AccessLog.objects.filter(
        user=uu_user, person=enrolled_person, action=AccessAction.PRINT
    ).exists()


# ---------------------------------------------------------------- the institution portal
def test_the_status_request_shows_the_age_not_the_birth_date(
    client_for, institution, institution_user, enrolled_person, meeting
):
    """Institution staff never see a birth date: it is six of the CPR number's ten digits."""
    req = StatusRequestFactory(meeting=meeting, institution=institution)
    page = client_for(institution_user).get(
        reverse("transitions:meeting_portal_request", args=[req.pk])
    )
    body = page.content.decode()
    assert enrolled_person.full_name in body
    assert f"{enrolled_person.age} år" in body
    assert short_date(enrolled_person.birth_date) not in body
    assert "født" not in body


def test_institution_answers_for_own_students_only(
    client_for,
    municipality,
    institution,
    other_institution,
    institution_user,
    other_institution_user,
    enrolled_person,
    meeting,
):
    elsewhere = enrol(municipality=municipality, institution=other_institution)
    req = StatusRequestFactory(meeting=meeting, institution=institution)
    client = client_for(institution_user)
    portal = client.get(reverse("portal:institution", args=[institution.pk])).content.decode()
    assert reverse("transitions:meeting_portal_requests", args=[institution.pk]) in portal
    listing = client.get(reverse("transitions:meeting_portal_requests", args=[institution.pk]))
    assert "Afventer jeres svar" in listing.content.decode()

    page = client.get(reverse("transitions:meeting_portal_request", args=[req.pk]))
    body = page.content.decode()
    assert enrolled_person.full_name in body
    assert elsewhere.full_name not in body
    assert enrolled_person.cpr not in body

    prefix = f"p{enrolled_person.pk}"
    bad = client.post(
        reverse("transitions:meeting_portal_request", args=[req.pk]),
        {f"{prefix}-goal_progress": "Arbejder med fremmøde"},
    )
    assert "Vælg elevens trivsel." in bad.content.decode()
    assert "Arbejder med fremmøde" in bad.content.decode()
    assert not StatusAnswer.objects.exists()

    ok = client.post(
        reverse("transitions:meeting_portal_request", args=[req.pk]),
        {
            f"{prefix}-wellbeing": "mixed",
            f"{prefix}-goal_progress": "Arbejder med fremmøde",
            f"{prefix}-concerns": "Træt om morgenen",
            # A student of another institution cannot be smuggled in.
            f"p{elsewhere.pk}-wellbeing": "poor",
        },
    )
    assert ok.status_code == 302
    answer = StatusAnswer.objects.get()
    assert (answer.person, answer.wellbeing, answer.concerns) == (
        enrolled_person,
        "mixed",
        "Træt om morgenen",
    )
    req.refresh_from_db()
    assert req.answered_by == institution_user

    # The other institution's staff cannot open it; the team sees the answer on the agenda.
    assert (
        client_for(other_institution_user)
        .get(reverse("transitions:meeting_portal_request", args=[req.pk]))
        .status_code
        == 404
    )


def test_answer_shows_on_agenda_and_in_meeting_mode(
    client_for, institution, institution_user, uu_user, enrolled_person, meeting
):
    req = StatusRequestFactory(meeting=meeting, institution=institution)
    services.status_answers_save(
        status_request=req,
        answers=[
            {
                "person": enrolled_person,
                "wellbeing": "poor",
                "wellbeing_note": "",
                "goal_progress": "Svært ved at nå målene",
                "absence_comment": "",
                "internship": "",
                "concerns": "Isolerer sig",
            }
        ],
        user=institution_user,
    )
    client = client_for(uu_user)
    agenda = client.get(reverse("transitions:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Mistrives" in agenda and "Isolerer sig" in agenda
    _start(client, meeting)
    step = client.get(reverse("transitions:meeting_step", args=[meeting.pk, 1])).content.decode()
    assert "Svært ved at nå målene" in step


def test_ended_enrolment_loses_portal_students(
    client_for, institution, institution_user, enrolled_person, meeting
):
    from students.services.enrolments import enrolment_end

    req = StatusRequestFactory(meeting=meeting, institution=institution)
    enrolment_end(
        enrolment=enrolled_person.enrolments.get(),
        status="completed",
        end_date=timezone.localdate(),
        reason="Færdig",
    )
    body = (
        client_for(institution_user)
        .get(reverse("transitions:meeting_portal_request", args=[req.pk]))
        .content.decode()
    )
    assert enrolled_person.full_name not in body
    assert "I har ingen indskrevne elever" in body


def test_nav_link_for_team_only(client_for, uu_user, institution_user):
    url = reverse("transitions:meeting_list")
    assert url in client_for(uu_user).get(reverse("students:list")).content.decode()
    home = client_for(institution_user).get(reverse("students:list"))
    assert url not in home.content.decode()


def test_admin_can_edit_settings(client_for, admin_user, municipality):
    client = client_for(admin_user)
    response = client.post(
        reverse("admin:transitions_statusmeetingsettings_add"),
        {
            "municipality": municipality.pk,
            "frequency_months": 4,
            "request_lead_days": 28,
            "answer_deadline_days": 7,
            "reminder_after_days": 10,
            "default_place": "Jobcentret",
        },
    )
    assert response.status_code == 302
    assert municipality.status_meeting_settings.frequency_months == 4
