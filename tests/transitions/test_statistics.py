"""The cohort part of the statistics page, against a hand-counted small case load.

Looked at on 15 January 2027. Cohorts are the year of the first start of STU: the student who
changed institution in 2024 still belongs to 2023, and their interruption in 2025 is counted
from the first start (year 3).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from students.models import EnrolmentStatus
from students.services import enrolments as enrolment_services
from tests import factories
from tests.transitions.factories_exit import FollowUpFactory
from tests.transitions.factories_pathway import PauseFactory
from transitions.models import Destination, ExitPlan, FollowUpPoint, PauseStatus

pytestmark = pytest.mark.django_db


def _rows(response, key) -> dict:
    figures = [f for s in response.context["sections"] for f in s.figures]
    figure = next(f for f in figures if f.key == key)
    return {row[0]: list(row[1:]) for row in figure.rows}


@pytest.fixture
def cohorts(municipality, uu_user, institution, other_institution):
    def enrol(start, *, person=None, where=institution):
        person = person or factories.YoungPersonFactory(
            municipality=municipality, contact_person=uu_user
        )
        return factories.EnrolmentFactory(person=person, institution=where, start_date=start)

    def end(enrolment, status, day):
        enrolment_services.enrolment_end(
            enrolment=enrolment, status=status, end_date=day, reason="Statistik"
        )

    completed = enrol(date(2023, 8, 1))
    end(completed, EnrolmentStatus.COMPLETED, date(2026, 7, 31))
    ExitPlan.objects.create(person=completed.person, expected_destination=Destination.FLEXJOB)
    factories.MentorAssignmentFactory(person=completed.person)
    FollowUpFactory(
        person=completed.person,
        enrolment=completed,
        ended_on=date(2026, 7, 31),
        destination=Destination.FLEXJOB,
    )
    early = enrol(date(2023, 8, 1))
    end(early, EnrolmentStatus.DROPPED_OUT, date(2024, 3, 1))  # 213 days in: year 1
    FollowUpFactory(
        person=early.person,
        enrolment=early,
        ended_on=date(2024, 3, 1),
        destination=Destination.ACTIVITY_OFFER,
    )
    FollowUpFactory(
        person=early.person,
        enrolment=early,
        months=FollowUpPoint.TWELVE,
        ended_on=date(2024, 3, 1),
        destination="",  # not yet known: not counted
    )
    moved = enrol(date(2023, 8, 1))
    end(moved, EnrolmentStatus.TRANSFERRED, date(2024, 7, 31))
    second = enrol(date(2024, 8, 1), person=moved.person, where=other_institution)
    end(second, EnrolmentStatus.DROPPED_OUT, date(2025, 9, 1))  # 762 days after the first start
    back = enrol(date(2025, 8, 1))
    PauseFactory(
        person=back.person,
        status=PauseStatus.RESUMED,
        start_date=date(2026, 1, 5),
        resumed_on=date(2026, 3, 1),
    )
    away = enrol(date(2025, 8, 1))
    PauseFactory(person=away.person, status=PauseStatus.APPROVED)


@pytest.mark.time_machine("2027-01-15 10:00 +01:00")
def test_cohorts_pauses_and_destinations_match_the_hand_count(client_for, leder_user, cohorts):
    response = client_for(leder_user).get(reverse("students:statistics"))
    # started, in STU, completed, interrupted, in year 1, 2, 3+, completed of ended (%)
    assert _rows(response, "cohorts") == {
        2025: [2, 2, 0, 0, 0, 0, 0, None],
        2023: [3, 0, 1, 2, 1, 0, 1, 33],
    }
    # had a pause, back in STU, ended in interruption, on pause now
    assert _rows(response, "pauses") == {2025: [2, 1, 0, 1], 2023: [0, 0, 0, 0]}
    destinations = _rows(response, "destinations")
    # expected, completed 3/12 months, interrupted 3/12 months
    assert destinations["Fleksjob"] == [1, 1, 0, 0, 0]
    assert destinations["Aktivitets- og samværstilbud (SEL § 104)"] == [0, 0, 0, 1, 0]
    assert destinations["I alt registreret"] == [1, 1, 0, 1, 0]
    # The completed student had a mentor; the two interrupted did not.
    mentors = _rows(response, "mentors")
    assert mentors["Med mentor eller støttekontaktperson"] == [1, 1, 0, 100]
    assert mentors["Uden"] == [2, 0, 2, 0]
    assert "iagttagelser, ikke virkninger" in response.content.decode()


@pytest.mark.time_machine("2027-01-15 10:00 +01:00")
def test_cohort_filter_and_empty_cohorts(client_for, leder_user, outsider, cohorts):
    client = client_for(leder_user)
    response = client.get(reverse("students:statistics"), {"aargang": 2023})
    assert list(_rows(response, "cohorts")) == [2023]
    assert _rows(response, "pauses") == {2023: [0, 0, 0, 0]}
    # Nobody started in 2024: it is no choice, and asking for it says so.
    response = client.get(reverse("students:statistics"), {"aargang": 2024})
    assert response.context["form"].errors["aargang"]
    # A municipality without students sees empty figures, not an error.
    response = client_for(outsider).get(reverse("students:statistics"))
    assert _rows(response, "cohorts") == {}
    assert "Ingen tal for det valgte udvalg." in response.content.decode()
