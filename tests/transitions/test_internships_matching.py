"""Matching: places ranked by fit with the young person's interests and needs, with Danish
reasons; full, inactive and invisible places are left out; constant queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.transitions.factories_internships import (
    InternshipFactory,
    InternshipPlaceFactory,
    InternshipProfileFactory,
)
from transitions.models.internships import InternshipStatus
from transitions.selectors.internships import match_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(enrolled_person):
    return InternshipProfileFactory(
        person=enrolled_person,
        trades=["kitchen", "animals"],
        accommodations=["short_days", "mentor"],
    )


def shared(institution, name, trades, accommodations, **kwargs):
    return InternshipPlaceFactory(
        institution=institution,
        company_name=name,
        trades=trades,
        accommodations=accommodations,
        shared_with_jobcenter=True,
        **kwargs,
    )


@pytest.fixture
def places(institution, other_institution):
    return {
        "best": shared(institution, "Kantinen", ["kitchen"], ["short_days", "mentor"]),
        "good": shared(institution, "Dyrehandlen", ["animals"], ["short_days"]),
        "weak": shared(institution, "Lageret", ["warehouse"], []),
        "full": shared(institution, "Fuld Café", ["kitchen"], ["short_days", "mentor"], capacity=1),
        "inactive": shared(
            institution, "Lukket Køkken", ["kitchen"], ["short_days", "mentor"], is_active=False
        ),
        "hidden": InternshipPlaceFactory(
            institution=institution,
            company_name="Skjult Gård",
            trades=["animals"],
            accommodations=["short_days", "mentor"],
            shared_with_jobcenter=False,
        ),
        "elsewhere": shared(other_institution, "Fjern Kantine", ["kitchen"], ["mentor"]),
    }


class TestRanking:
    def test_ranked_by_fit_with_reasons(self, uu_user, enrolled_person, profile, places):
        InternshipFactory(place=places["full"], person=factories.YoungPersonFactory())
        matches = match_places(user=uu_user, person=enrolled_person, profile=profile)
        names = [m.place.company_name for m in matches]
        assert names == ["Kantinen", "Dyrehandlen", "Lageret"]
        best, good, weak = matches
        assert best.reasons == [
            "Matcher interesse: køkken og kantine",
            "Kan tilbyde: korte dage",
            "Kan tilbyde: mentor på arbejdspladsen",
            "Praktiksted hos den unges STU-institution",
        ]
        assert best.missing == []
        assert good.reasons[0] == "Matcher interesse: landbrug og dyr"
        assert good.missing == ["Mangler: mentor på arbejdspladsen"]
        assert weak.missing == [
            "Mangler: korte dage",
            "Mangler: mentor på arbejdspladsen",
        ]
        assert best.score > good.score > weak.score

    def test_institution_staff_match_against_all_their_own_places(
        self, institution_user, enrolled_person, profile, places
    ):
        names = [
            m.place.company_name
            for m in match_places(user=institution_user, person=enrolled_person, profile=profile)
        ]
        assert "Skjult Gård" in names  # not shared, but their own
        assert "Fjern Kantine" not in names
        assert "Lukket Køkken" not in names

    def test_a_place_the_person_is_already_booked_at_is_left_out(
        self, uu_user, enrolled_person, profile, places
    ):
        InternshipFactory(person=enrolled_person, place=places["best"])
        names = [
            m.place.company_name
            for m in match_places(user=uu_user, person=enrolled_person, profile=profile)
        ]
        assert "Kantinen" not in names

    def test_an_ended_internship_frees_the_seat(self, uu_user, enrolled_person, profile, places):
        InternshipFactory(
            place=places["full"],
            person=factories.YoungPersonFactory(),
            start_date=timezone.localdate() - timedelta(days=60),
            end_date=timezone.localdate() - timedelta(days=30),
            status=InternshipStatus.ONGOING,
        )
        names = [
            m.place.company_name
            for m in match_places(user=uu_user, person=enrolled_person, profile=profile)
        ]
        assert "Fuld Café" in names

    def test_without_a_profile_every_free_visible_place_is_listed(
        self, uu_user, enrolled_person, places
    ):
        matches = match_places(user=uu_user, person=enrolled_person, profile=None)
        assert {m.place.company_name for m in matches} == {
            "Kantinen",
            "Dyrehandlen",
            "Lageret",
            "Fuld Café",
        }


class TestPage:
    def test_the_page_shows_reasons_and_lets_an_editor_choose(
        self, client_for, uu_user, enrolled_person, profile, places
    ):
        response = client_for(uu_user).get(
            reverse("transitions:internship_match", args=[enrolled_person.pk])
        )
        body = response.content.decode()
        assert "Matcher interesse: køkken og kantine" in body
        assert "Mangler: mentor på arbejdspladsen" in body
        assert "Skjult Gård" not in body
        choose = reverse("transitions:internship_create", args=[enrolled_person.pk])
        assert f"{choose}?sted={places['best'].pk}" in body

    def test_choosing_a_place_preselects_it(self, client_for, uu_user, enrolled_person, places):
        body = (
            client_for(uu_user)
            .get(
                reverse("transitions:internship_create", args=[enrolled_person.pk]),
                {"sted": places["best"].pk},
            )
            .content.decode()
        )
        assert f'<option value="{places["best"].pk}" selected>' in body

    def test_read_only_roles_see_the_match_without_choose_links(
        self, client_for, jobcenter_user, enrolled_person, profile, places
    ):
        body = (
            client_for(jobcenter_user)
            .get(reverse("transitions:internship_match", args=[enrolled_person.pk]))
            .content.decode()
        )
        assert "Kantinen" in body
        assert "Vælg og opret praktik" not in body

    def test_constant_queries(
        self,
        client_for,
        uu_user,
        enrolled_person,
        profile,
        institution,
        django_assert_max_num_queries,
    ):
        client = client_for(uu_user)
        url = reverse("transitions:internship_match", args=[enrolled_person.pk])
        shared(institution, "Første", ["kitchen"], ["mentor"])
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(25):
            place = shared(institution, f"Sted {n}", ["kitchen"], ["short_days"], capacity=3)
            InternshipFactory(place=place, person=factories.YoungPersonFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url)
        assert response.content.decode().count("Matcher interesse: køkken og kantine") == 26
