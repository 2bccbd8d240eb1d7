"""The young person's "Forløb og overgange" page brings the four areas together: actions from
status meetings are shown and can be closed there, and the interruption notice goes to the
jobcenter contact the exit area made an active participant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.notifications.models import Notification
from tests import factories
from tests.transitions.factories_meetings import MeetingActionFactory, StatusMeetingFactory
from tests.transitions.factories_pathway import decision_data, steps_1_and_2
from transitions.models.exit import JobcenterInvolvement
from transitions.models.meetings import ActionStatus, MeetingStatus
from transitions.services import interruption as interruption_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_action(municipality, enrolled_person, uu_user):
    meeting = StatusMeetingFactory(
        municipality=municipality,
        created_by=uu_user,
        starts_at=timezone.now() - timedelta(days=30),
        status=MeetingStatus.CLOSED,
    )
    return MeetingActionFactory(
        meeting=meeting,
        person=enrolled_person,
        responsible=uu_user,
        deadline=timezone.localdate() - timedelta(days=3),
        description="Søg om bostøtte",
    )


def test_person_page_shows_the_actions_from_status_meetings(
    client_for, overdue_action, enrolled_person, leder_user
):
    url = reverse("transitions:person", args=[enrolled_person.pk])
    body = client_for(leder_user).get(url).content.decode()
    assert "Opgaver fra statusmøder (1)" in body
    assert "Søg om bostøtte" in body
    assert "Overskredet" in body


def test_an_action_closed_from_the_person_page_returns_there(
    client_for, overdue_action, enrolled_person, uu_user
):
    client = client_for(uu_user)
    response = client.post(
        reverse("transitions:meeting_action_done", args=[overdue_action.pk]) + "?from=person"
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("transitions:person", args=[enrolled_person.pk]) + "#meetings"
    )
    overdue_action.refresh_from_db()
    assert overdue_action.status == ActionStatus.DONE
    body = client.get(response["Location"]).content.decode()
    assert "Opgaver fra statusmøder (1)" not in body
    assert "Udført" in body


def test_person_page_queries_do_not_grow_with_the_actions(
    client_for, municipality, enrolled_person, uu_user, django_assert_max_num_queries
):
    client = client_for(uu_user)
    url = reverse("transitions:person", args=[enrolled_person.pk])
    meeting = StatusMeetingFactory(municipality=municipality, created_by=uu_user)
    MeetingActionFactory(meeting=meeting, person=enrolled_person, responsible=uu_user)
    client.get(url)  # warm caches (session, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        MeetingActionFactory(meeting=meeting, person=enrolled_person, responsible=uu_user)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_interruption_notice_goes_to_the_involved_jobcenter_contact(
    enrolled_person, uu_user, jobcenter_user, municipality
):
    other = factories.UserFactory(municipality=municipality, roles=["jobcenter"])
    JobcenterInvolvement.objects.create(person=enrolled_person, contact=other)
    steps_1_and_2(enrolled_person, uu_user)
    interruption_services.interruption_decide(
        person=enrolled_person, data=decision_data(), user=uu_user
    )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [other.pk]
