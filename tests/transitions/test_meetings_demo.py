"""``seed_demo`` shows the status meetings: a held meeting with actions and an upcoming one
with the requests sent and one institution's answer."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from stu_case.accounts.models import User
from students.models import Flag, FlagKind
from transitions.models.meetings import (
    ActionStatus,
    MeetingAction,
    MeetingStatus,
    StatusAnswer,
    StatusMeeting,
)


@pytest.fixture
def seeded(db, settings):
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_meetings(seeded, client_for):
    assert "Statusmøder: ét afholdt" in seeded
    held = StatusMeeting.objects.get(status=MeetingStatus.CLOSED)
    upcoming = StatusMeeting.objects.get(status=MeetingStatus.PLANNED)
    assert held.items.exclude(status_note="").count() >= 3
    statuses = set(MeetingAction.objects.filter(meeting=held).values_list("status", flat=True))
    assert statuses == {ActionStatus.OPEN, ActionStatus.DONE}
    assert Flag.objects.filter(kind=FlagKind.ACTION_OVERDUE, resolved_at__isnull=True).exists()
    assert upcoming.requests.count() >= 2
    assert upcoming.requests.filter(answered_at__isnull=False).count() == 1
    assert StatusAnswer.objects.filter(request__meeting=upcoming).exists()

    uu = User.objects.get(username="uu")
    page = client_for(uu).get(reverse("transitions:meeting_detail", args=[upcoming.pk]))
    assert page.status_code == 200
    minutes = client_for(uu).get(reverse("transitions:meeting_minutes", args=[held.pk]))
    assert minutes["Content-Type"] == "application/pdf"
    institution = User.objects.get(username="institution")
    req = upcoming.requests.get(answered_at__isnull=False)
    answer_page = client_for(institution).get(
        reverse("transitions:meeting_portal_request", args=[req.pk])
    )
    assert answer_page.status_code == 200
