"""``seed_demo`` shows issue 5: a catalogue, half a year of absence, one real rising-absence
flag for the demo ``uu``'s caseload, and a period for the demo ``institution`` to report."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from institutions.models import QualityAgreement, QualityReview
from stu_case.accounts.models import User
from students.models import AbsenceReport, AbsenceReportCorrection, Flag, FlagKind


@pytest.fixture
def seeded(db, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())


def test_demo_catalogue_and_absence(seeded, client_for):
    shared = QualityAgreement.objects.get(kind="framework")
    assert shared.municipalities.count() == 3
    assert QualityReview.objects.count() == 5
    assert AbsenceReport.objects.count() > 50
    assert AbsenceReportCorrection.objects.count() == 1

    flag = Flag.objects.get(kind=FlagKind.RISING_ABSENCE, resolved_at__isnull=True)
    uu = User.objects.get(username="uu")
    assert flag.person.contact_person == uu
    assert flag.data["reasons"]  # raised by the job from the reports, not by hand
    page = client_for(uu).get(reverse("students:detail", args=[flag.person_id]))
    assert "absence-chart-data" in page.content.decode()

    institution = User.objects.get(username="institution")
    home = client_for(institution).get(reverse("portal:home"), follow=True)
    assert home.status_code == 200
    assert home.context["next_period"] is not None
    assert home.context["next_period"].missing > 0
    catalogue = client_for(uu).get(reverse("institutions:catalogue"))
    assert len(catalogue.context["institutions"]) == 6
    assert {i.quality_status for i in catalogue.context["institutions"]} >= {
        "met",
        "partly",
        "overdue",
        "not_reviewed",
    }
