"""Internship places: CVR validation, who sees which place, create/edit, list queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from institutions import services as institution_services
from institutions.models import InternshipPlace
from stu_case import permissions
from tests import factories
from tests.institutions.helpers import agreement
from tests.transitions.factories_internships import InternshipFactory, InternshipPlaceFactory

pytestmark = pytest.mark.django_db


def place_data(institution, **overrides) -> dict:
    data = {
        "institution": institution.pk,
        "company_name": "Café Fjorden",
        "cvr": factories.random_cvr(),
        "address": "Strandvejen 4",
        "postal_code": "7100",
        "city": "Vejle",
        "contact_name": "Mette Lund",
        "contact_phone": "75 12 34 56",
        "contact_email": "mette@cafe-fjorden.dk",
        "trades": ["kitchen", "cafe"],
        "accommodations": ["short_days", "mentor"],
        "description": "Opvask, salatbar og klargøring.",
        "capacity": "2",
        "is_active": "on",
        "shared_with_jobcenter": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------- CVR
class TestCvr:
    def test_a_valid_cvr_with_spaces_is_saved_without_them(
        self, client_for, institution_user, institution
    ):
        cvr = factories.random_cvr()
        spaced = f"{cvr[:2]} {cvr[2:4]} {cvr[4:6]} {cvr[6:]}"
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_create"), place_data(institution, cvr=spaced)
        )
        place = InternshipPlace.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "transitions:internship_place_detail", args=[place.pk]
        )
        assert place.cvr == cvr
        assert place.institution == institution
        assert place.trades == ["kitchen", "cafe"]
        assert place.shared_with_jobcenter

    @pytest.mark.parametrize("bad", ["12345678", "1234567", "abcdefgh"])
    def test_an_invalid_cvr_is_refused_in_danish_and_nothing_is_saved(
        self, client_for, institution_user, institution, bad
    ):
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_create"), place_data(institution, cvr=bad)
        )
        assert response.status_code == 200
        assert not InternshipPlace.objects.exists()
        body = response.content.decode()
        assert "ikke et gyldigt CVR-nummer" in body
        assert "Der er fejl i formularen" in body
        # What the user typed is still there.
        assert 'value="Café Fjorden"' in body

    def test_the_service_refuses_an_invalid_cvr_too(self, institution):
        with pytest.raises(ValidationError) as exc:
            institution_services.internship_place_save(
                institution=institution, data={"company_name": "X", "cvr": "11111111"}
            )
        assert "cvr" in exc.value.message_dict
        assert not InternshipPlace.objects.exists()

    def test_missing_company_name_and_zero_capacity_are_refused(
        self, client_for, institution_user, institution
    ):
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_create"),
            place_data(institution, company_name="", capacity="0"),
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Dette felt er påkrævet" in body
        assert "Denne værdi skal være større end eller lig 1" in body
        assert not InternshipPlace.objects.exists()

    def test_staff_cannot_create_a_place_at_another_institution(
        self, client_for, institution_user, other_institution
    ):
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_create"), place_data(other_institution)
        )
        assert response.status_code == 200
        assert not InternshipPlace.objects.exists()


# ---------------------------------------------------------------- visibility
class TestVisibility:
    @pytest.fixture
    def places(self, institution, other_institution, enrolled_person):
        """``enrolled_person`` (of ``municipality``) is enrolled at ``institution``."""
        return {
            "shared": InternshipPlaceFactory(
                institution=institution, company_name="Delt Café", shared_with_jobcenter=True
            ),
            "own": InternshipPlaceFactory(
                institution=institution, company_name="Intern Gård", shared_with_jobcenter=False
            ),
            "elsewhere": InternshipPlaceFactory(
                institution=other_institution,
                company_name="Fremmed Lager",
                shared_with_jobcenter=True,
            ),
        }

    def names(self, user):
        return set(permissions.internship_places_for(user).values_list("company_name", flat=True))

    def test_institution_staff_see_all_their_own_places_and_nothing_else(
        self, places, institution_user, other_institution_user
    ):
        assert self.names(institution_user) == {"Delt Café", "Intern Gård"}
        assert self.names(other_institution_user) == {"Fremmed Lager"}

    def test_the_municipal_team_sees_only_shared_places_of_institutions_it_works_with(
        self, places, uu_user, jobcenter_user, forvaltning_user, leder_user
    ):
        for user in (uu_user, jobcenter_user, forvaltning_user, leder_user):
            assert self.names(user) == {"Delt Café"}, user

    def test_a_quality_agreement_also_connects_a_municipality_to_an_institution(
        self, places, uu_user, municipality, other_institution
    ):
        agreement(institution=other_institution, municipalities=[municipality])
        assert self.names(uu_user) == {"Delt Café", "Fremmed Lager"}

    def test_outsiders_and_the_committee_see_no_places(self, places, outsider, visitation_user):
        assert self.names(outsider) == set()
        assert self.names(visitation_user) == set()

    def test_detail_pages(self, places, client_for, uu_user, institution_user, outsider):
        url = lambda key: reverse("transitions:internship_place_detail", args=[places[key].pk])  # noqa: E731
        uu = client_for(uu_user)
        assert uu.get(url("shared")).status_code == 200
        assert uu.get(url("own")).status_code == 404
        assert uu.get(url("elsewhere")).status_code == 404
        staff = client_for(institution_user)
        assert staff.get(url("own")).status_code == 200
        assert staff.get(url("elsewhere")).status_code == 404
        assert client_for(outsider).get(url("shared")).status_code == 404

    def test_the_list_shows_what_the_user_may_see(self, places, client_for, uu_user):
        body = (
            client_for(uu_user).get(reverse("transitions:internship_place_list")).content.decode()
        )
        assert "Delt Café" in body
        assert "Intern Gård" not in body
        assert "Fremmed Lager" not in body
        assert "Opret praktiksted" not in body  # the team reads, the institution keeps

    def test_the_detail_lists_only_students_the_user_may_see(
        self, places, client_for, institution_user, other_institution_user, enrolled_person
    ):
        InternshipFactory(person=enrolled_person, place=places["shared"])
        stranger = factories.EnrolmentFactory(institution=places["elsewhere"].institution).person
        InternshipFactory(person=stranger, place=places["shared"])
        body = (
            client_for(institution_user)
            .get(reverse("transitions:internship_place_detail", args=[places["shared"].pk]))
            .content.decode()
        )
        assert enrolled_person.full_name in body
        assert stranger.full_name not in body


# ---------------------------------------------------------------- edit
class TestEdit:
    def test_the_institution_edits_its_place(self, client_for, institution_user, institution):
        place = InternshipPlaceFactory(institution=institution, capacity=1)
        data = place_data(institution, company_name="Nyt Navn", capacity="3", is_active=None)
        data.pop("institution")
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_edit", args=[place.pk]), data
        )
        assert response.status_code == 302
        place.refresh_from_db()
        assert (place.company_name, place.capacity, place.is_active) == ("Nyt Navn", 3, False)
        assert place.institution == institution

    def test_a_bad_edit_changes_nothing(self, client_for, institution_user, institution):
        place = InternshipPlaceFactory(institution=institution, company_name="Gammelt Navn")
        data = place_data(institution, company_name="Nyt Navn", cvr="87654321")
        response = client_for(institution_user).post(
            reverse("transitions:internship_place_edit", args=[place.pk]), data
        )
        assert response.status_code == 200
        assert "ikke et gyldigt CVR-nummer" in response.content.decode()
        place.refresh_from_db()
        assert place.company_name == "Gammelt Navn"

    def test_the_team_reads_but_does_not_edit_shared_places(
        self, client_for, uu_user, institution, enrolled_person
    ):
        place = InternshipPlaceFactory(institution=institution, shared_with_jobcenter=True)
        url = reverse("transitions:internship_place_edit", args=[place.pk])
        assert client_for(uu_user).get(url).status_code == 403
        assert client_for(uu_user).post(url, {"company_name": "x"}).status_code == 403


# ---------------------------------------------------------------- queries
class TestQueries:
    def _list(self, client, count):
        return client.get(reverse("transitions:internship_place_list"), {"trade": "kitchen"})

    @pytest.mark.parametrize("user_fixture", ["institution_user", "uu_user"])
    def test_the_list_takes_a_constant_number_of_queries(
        self,
        request,
        client_for,
        institution,
        enrolled_person,
        django_assert_max_num_queries,
        user_fixture,
    ):
        user = request.getfixturevalue(user_fixture)
        client = client_for(user)
        for _ in range(3):
            InternshipPlaceFactory(institution=institution, shared_with_jobcenter=True)
        client.get(reverse("transitions:internship_place_list"))  # warm the session
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            assert self._list(client, 3).status_code == 200
        for _ in range(20):
            place = InternshipPlaceFactory(institution=institution, shared_with_jobcenter=True)
            InternshipFactory(person=enrolled_person, place=place)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = self._list(client, 23)
        assert response.status_code == 200
        assert response.content.decode().count("1 af 2 optaget") == 20


def test_the_team_filters_shared_places_by_institution(
    client_for, uu_user, municipality, institution, other_institution, enrolled_person
):
    agreement(institution=other_institution, municipalities=[municipality])
    InternshipPlaceFactory(
        institution=institution, company_name="A-sted", shared_with_jobcenter=True
    )
    InternshipPlaceFactory(
        institution=other_institution, company_name="B-sted", shared_with_jobcenter=True
    )
    response = client_for(uu_user).get(
        reverse("transitions:internship_place_list"), {"institution": other_institution.pk}
    )
    body = response.content.decode()
    assert "B-sted" in body
    assert "A-sted" not in body
