"""``seed_demo`` shows the final year and exit (issue 4) through the real jobs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from stu_case.accounts.models import User
from students.models import Flag, FlagKind
from transitions.models.exit import (
    FollowUp,
    FunctionalDescriptionHandover,
    InvolvementRole,
    JobcenterInvolvement,
)


@pytest.fixture
def seeded(db, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())


def test_demo_final_year_exit_and_statistics(seeded, client_for):
    jobcenter = User.objects.get(username="jobcenter")
    assert (
        JobcenterInvolvement.objects.filter(contact=jobcenter, role=InvolvementRole.PLANNER).count()
        >= 2
    )
    assert Flag.objects.filter(kind=FlagKind.FINAL_YEAR, resolved_at__isnull=True).count() >= 2
    assert Flag.objects.filter(
        kind=FlagKind.END_CONVERSATION_MISSING, resolved_at__isnull=True
    ).exists()
    handover = FunctionalDescriptionHandover.objects.get()
    assert handover.handed_over_to == jobcenter
    assert bytes(handover.pdf).startswith(b"%PDF")
    assert FollowUp.objects.exclude(destination="").count() >= 15

    leder = User.objects.get(username="leder")
    stats = client_for(leder).get(reverse("transitions:exit_statistics")).context["stats"]
    assert stats["ended"] >= 12
    assert stats["recorded_three"] >= 10
    assert stats["recorded_twelve"] >= 5
    page = client_for(jobcenter).get(reverse("transitions:person", args=[handover.person_id]))
    html = page.content.decode()
    assert "Ret udslusningsplanen" in html  # the jobcenter edits in the final year
    assert "Hent PDF" in html
