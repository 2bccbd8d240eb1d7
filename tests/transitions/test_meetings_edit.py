"""Moving a planned status meeting: the unanswered requests follow, institutions are told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.notifications.models import Notification
from tests.transitions.factories_meetings import (
    StatusMeetingFactory,
    StatusMeetingSettingsFactory,
    StatusRequestFactory,
    at,
)
from transitions.models.meetings import MeetingStatus, StatusRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(municipality, uu_user):
    StatusMeetingSettingsFactory(municipality=municipality, answer_deadline_days=5)
    return StatusMeetingFactory(
        municipality=municipality,
        created_by=uu_user,
        starts_at=at(timezone.localdate() + timedelta(days=10)),
    )


def _post(client, meeting, day, **extra):
    data = {"date": day.isoformat(), "time": "13:30", "place": "Jobcentret, lokale 4", **extra}
    return client.post(reverse("transitions:meeting_edit", args=[meeting.pk]), data)


def test_moving_the_meeting_moves_the_unanswered_deadlines_and_tells_the_institution(
    client_for, meeting, institution, other_institution, institution_user, uu_user
):
    waiting = StatusRequestFactory(meeting=meeting, institution=institution)
    answered = StatusRequestFactory(
        meeting=meeting, institution=other_institution, answered_at=timezone.now()
    )
    old_answered_deadline = answered.deadline
    new_day = timezone.localdate() + timedelta(days=30)

    response = _post(client_for(uu_user), meeting, new_day)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date() == new_day
    assert meeting.place == "Jobcentret, lokale 4"
    assert StatusRequest.objects.get(pk=waiting.pk).deadline == new_day - timedelta(days=5)
    assert StatusRequest.objects.get(pk=answered.pk).deadline == old_answered_deadline
    note = Notification.objects.get(recipient=institution_user)
    assert new_day.strftime("%d.%m.%Y") in note.title


def test_a_meeting_in_the_past_is_refused_and_nothing_changes(client_for, meeting, uu_user):
    before = meeting.starts_at
    response = _post(client_for(uu_user), meeting, timezone.localdate() - timedelta(days=1))
    assert response.status_code == 200
    assert "Mødet skal ligge i fremtiden." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_only_a_planned_meeting_can_be_changed(client_for, meeting, uu_user):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    response = client_for(uu_user).get(reverse("transitions:meeting_edit", args=[meeting.pk]))
    assert response.status_code == 403


def test_the_meeting_page_offers_the_change_to_planners_only(
    client_for, meeting, uu_user, jobcenter_user
):
    url = reverse("transitions:meeting_detail", args=[meeting.pk])
    assert "Ret mødet" in client_for(uu_user).get(url).content.decode()
    assert "Ret mødet" not in client_for(jobcenter_user).get(url).content.decode()
