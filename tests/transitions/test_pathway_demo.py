"""``seed_demo`` shows the pathway: a running pause with an activity, an overdue return, a
pause without activity, a requested pause, an interruption in progress and housing plans —
with the flags raised by the real jobs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from stu_case.accounts.models import User
from students.models import Flag, FlagKind
from transitions.models.pathway import HousingPlan, Interruption, Pause, PauseStatus


@pytest.fixture
def seeded(db, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())


def test_demo_pathway(seeded, client_for):
    approved = Pause.objects.filter(status=PauseStatus.APPROVED)
    assert approved.count() == 3
    running = [p for p in approved if p.has_activity and not p.return_overdue]
    assert running, "an approved pause with a planned activity"
    assert any(p.return_overdue for p in approved)
    assert Pause.objects.filter(status=PauseStatus.REQUESTED).count() == 1
    assert Interruption.objects.filter(status="open").count() == 1
    assert HousingPlan.objects.filter(move_needed=True).count() == 2

    open_flags = Flag.objects.filter(resolved_at__isnull=True)
    assert open_flags.filter(kind=FlagKind.PAUSE_RETURN_OVERDUE).count() == 1
    assert open_flags.filter(kind=FlagKind.PAUSE_WITHOUT_ACTIVITY).count() == 1
    assert open_flags.filter(kind=FlagKind.HOUSING_MOVE_DUE).count() == 1

    # Running the jobs again changes nothing.
    before = sorted(Flag.objects.values_list("pk", "resolved_at"))
    call_command("pathway_pause_flags", stdout=StringIO())
    call_command("pathway_housing_flags", stdout=StringIO())
    assert sorted(Flag.objects.values_list("pk", "resolved_at")) == before

    uu = User.objects.get(username="uu")
    page = client_for(uu).get(reverse("transitions:person", args=[running[0].person_id]))
    assert page.status_code == 200
    assert running[0].activity_description in page.content.decode()
