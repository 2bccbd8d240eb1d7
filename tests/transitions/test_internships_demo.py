"""``seed_demo`` shows internships: places (some shared), profiles and progressions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from institutions.models import InternshipPlace
from stu_case.accounts.models import User
from transitions.models.internships import Internship, InternshipProfile, InternshipStatus


@pytest.fixture
def seeded(db, settings):
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_internships(seeded, client_for):
    assert "Praktik: 11 praktiksteder (7 delt med jobcentret)" in seeded
    assert InternshipPlace.objects.count() == 11
    assert InternshipProfile.objects.count() == 6
    assert Internship.objects.filter(status=InternshipStatus.COMPLETED).count() == 3
    assert Internship.objects.filter(stage=3).exists()

    uu = User.objects.get(username="uu")
    progressed = Internship.objects.filter(stage=3).first().person
    page = client_for(uu).get(reverse("transitions:person", args=[progressed.pk]))
    body = page.content.decode()
    assert "Lagerhotellet Vejle Nord" in body
    assert "Trivedes med faste rutiner" in body

    match = client_for(uu).get(reverse("transitions:internship_match", args=[progressed.pk]))
    assert "Matcher interesse" in match.content.decode()

    staff = User.objects.get(username="institution")
    places = client_for(staff).get(reverse("transitions:internship_place_list"))
    assert "Dyreklinikken Nørreskov" in places.content.decode()  # own, not shared
    overview = client_for(staff).get(reverse("transitions:internship_overview"))
    assert overview.status_code == 200
