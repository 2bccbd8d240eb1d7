"""The pipeline part of the statistics page, against a hand-counted small case load.

The clock is moved through the months so every stage happens on a known day; the page is then
looked at on 15 January 2027 (the default period: February 2026 to January 2027).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.services import clarification as clarification_services
from visitation.services import decisions as decision_services

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(request, db):
    return Cast(request)


def at(time_machine, *args):
    time_machine.move_to(datetime(*args, tzinfo=CPH), tick=False)


def _decide(cast, item, data):
    voters = [cast.forvaltning_user, cast.jobcenter_user, cast.visitation_user]
    return decision_services.decision_record(
        agenda_item=item, data=data, voters=voters, user=cast.visitation_user
    )


def _figure(response, key):
    figures = [f for s in response.context["sections"] for f in s.figures]
    return next(f for f in figures if f.key == key)


def _pipeline(cast, time_machine):
    """Hand-counted: who reached which stage when (see the test for the expected figures)."""
    at(time_machine, 2025, 6, 2, 10)
    late = builders.candidate(cast)
    at(time_machine, 2026, 11, 10, 10)
    granted = builders.candidate(cast)
    clarification_services.wish_add(
        person=granted, institution=cast.institution, reason="Køkkenet", user=cast.uu_user
    )
    at(time_machine, 2026, 12, 20, 10)
    # The visit is dated 30 days back: 20 November.
    builders.visits(person=granted, institutions=[cast.institution], user=cast.uu_user)
    _meeting, granted_item = builders.scheduled_case(cast, person=granted)
    # Registered at 23:30 on New Year's Eve: December in Copenhagen (January in UTC).
    at(time_machine, 2026, 12, 31, 23, 30)
    builders.candidate(cast)
    at(time_machine, 2027, 1, 5, 10)
    _decide(cast, granted_item, builders.granted_data(institution=cast.institution))
    at(time_machine, 2027, 1, 10, 10)
    _meeting, late_item = builders.scheduled_case(cast, person=late)
    at(time_machine, 2027, 1, 12, 10)
    refusal = _decide(cast, late_item, builders.refused_data())
    decision_services.appeal_register(
        decision=refusal,
        data={"received_on": refusal.decided_on, "grounds": "Den unge er uenig."},
        user=cast.uu_user,
    )
    at(time_machine, 2027, 1, 15, 10)


def test_pipeline_figures_match_the_hand_count(cast, client_for, time_machine):
    _pipeline(cast, time_machine)
    response = client_for(cast.leder_user).get(reverse("students:statistics"))
    funnel = {row[0]: row[1:] for row in _figure(response, "pipeline").rows}
    # contact, clarification, recommended, decided, started
    assert funnel["november 2026"] == [1, 1, 0, 0, 0]
    assert funnel["december 2026"] == [1, 0, 1, 0, 0]
    assert funnel["januar 2027"] == [0, 0, 1, 2, 0]
    assert funnel["februar 2026"] == [0, 0, 0, 0, 0]
    assert funnel["I alt"] == [2, 1, 2, 2, 0]
    # Contact to recommendation: 40 and 587 days; recommendation to decision: 16 and 2.
    times = {row[0]: row[1:] for row in _figure(response, "pipeline-time").rows}
    assert times["Første kontakt – indstilling"] == [2, 313.5, 587]
    assert times["Indstilling – afgørelse"] == [2, 9.0, 16]
    decisions = {row[0]: row[1:] for row in _figure(response, "decisions").rows}
    assert decisions["Bevilget"] == [1, 0]
    assert decisions["Afslag"] == [1, 1]
    assert decisions["I alt"] == [2, 1]
    assert decisions["Klager: Verserer"] == ["", 1]
    first = {row[0]: row[1] for row in _figure(response, "first-choice").rows}
    assert first == {
        "Bevilget i perioden": 1,
        "Heraf med ønsker registreret": 1,
        "Heraf bevilget på førsteønsket": 1,
        "Andel med førsteønsket (%)": 100,
    }


def test_a_period_before_anything_happened_counts_nothing(cast, client_for, time_machine):
    _pipeline(cast, time_machine)
    response = client_for(cast.leder_user).get(
        reverse("students:statistics"), {"fra": "2024-01", "til": "2024-12"}
    )
    funnel = _figure(response, "pipeline")
    assert len(funnel.rows) == 13
    assert funnel.rows[-1] == ["I alt", 0, 0, 0, 0, 0]
    times = _figure(response, "pipeline-time").rows
    assert times[0] == ["Første kontakt – indstilling", 0, None, None]


def test_another_municipality_is_never_counted(cast, client_for, time_machine, outsider):
    _pipeline(cast, time_machine)
    response = client_for(outsider).get(reverse("students:statistics"))
    assert _figure(response, "pipeline").rows[-1] == ["I alt", 0, 0, 0, 0, 0]
