"""A young person's internships: who may create and evaluate, validation, the progression on
the person's page, the agenda hook and the overview's queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import PersonStatus
from tests import factories
from tests.transitions.factories_internships import (
    InternshipFactory,
    InternshipPlaceFactory,
    InternshipProfileFactory,
)
from transitions.models.internships import Internship, InternshipProfile, InternshipStatus
from transitions.selectors.internships import internship_status_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def form_data(**overrides) -> dict:
    start = TODAY() + timedelta(days=14)
    data = {
        "place": "",
        "company_name": "Netto Vejle",
        "purpose": "formation",
        "stage": "1",
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=21)).isoformat(),
        "hours_per_week": "12",
        "goals": "Møde til tiden og fylde varer op.",
        "status": "planned",
    }
    data.update(overrides)
    return data


@pytest.fixture
def final_year_person(municipality, uu_user, institution):
    """Enrolled at ``institution`` for two and a half years: in the final year."""
    young = factories.YoungPersonFactory(
        municipality=municipality, contact_person=uu_user, status=PersonStatus.DECIDED
    )
    factories.EnrolmentFactory(
        person=young, institution=institution, start_date=TODAY() - timedelta(days=365 * 2 + 200)
    )
    return young


@pytest.fixture
def shared_place(institution, enrolled_person):
    return InternshipPlaceFactory(
        institution=institution, company_name="Café Fjorden", shared_with_jobcenter=True
    )


def create_url(person):
    return reverse("transitions:internship_create", args=[person.pk])


# ---------------------------------------------------------------- create, per role
class TestCreatePermissions:
    @pytest.mark.parametrize("role", ["uu_user", "forvaltning_user", "institution_user"])
    def test_editors_create_an_internship(self, request, client_for, enrolled_person, role):
        user = request.getfixturevalue(role)
        response = client_for(user).post(create_url(enrolled_person), form_data())
        assert response.status_code == 302
        internship = Internship.objects.get(person=enrolled_person)
        assert internship.company_name == "Netto Vejle"
        assert internship.created_by == user
        assert internship.status == InternshipStatus.PLANNED

    @pytest.mark.parametrize("role", ["jobcenter_user", "leder_user"])
    def test_the_jobcenter_before_the_final_year_and_the_manager_only_read(
        self, request, client_for, enrolled_person, role
    ):
        client = client_for(request.getfixturevalue(role))
        assert client.post(create_url(enrolled_person), form_data()).status_code == 403
        assert not Internship.objects.exists()
        page = client.get(reverse("transitions:internship_person", args=[enrolled_person.pk]))
        assert page.status_code == 200
        assert "Opret praktik" not in page.content.decode()

    def test_the_jobcenter_plans_in_the_final_year(
        self, client_for, jobcenter_user, final_year_person
    ):
        response = client_for(jobcenter_user).post(
            create_url(final_year_person), form_data(stage="3", purpose="clarification")
        )
        assert response.status_code == 302
        assert Internship.objects.get(person=final_year_person).stage == 3

    @pytest.mark.parametrize("role", ["other_institution_user", "outsider", "visitation_user"])
    def test_others_get_404(self, request, client_for, enrolled_person, role):
        client = client_for(request.getfixturevalue(role))
        assert client.post(create_url(enrolled_person), form_data()).status_code == 404
        assert not Internship.objects.exists()

    def test_institution_staff_lose_access_when_the_enrolment_is_paused(
        self, client_for, institution_user, enrolled_person
    ):
        enrolled_person.enrolments.update(status="paused")
        response = client_for(institution_user).post(create_url(enrolled_person), form_data())
        assert response.status_code == 404
        assert not Internship.objects.exists()

    def test_viewing_writes_the_access_log(self, client_for, uu_user, enrolled_person):
        client_for(uu_user).get(reverse("transitions:internship_person", args=[enrolled_person.pk]))
        log = AccessLog.objects.get(person=enrolled_person, user=uu_user)
        assert log.purpose == "Visning af praktikker"


# ---------------------------------------------------------------- validation
class TestValidation:
    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            (
                {"end_date": (TODAY() - timedelta(days=30)).isoformat()},
                "Slutdatoen ligger før startdatoen.",
            ),
            ({"company_name": ""}, "Vælg et praktiksted, eller skriv virksomhedens navn."),
            ({"goals": ""}, "Dette felt er påkrævet."),
            ({"purpose": ""}, "Dette felt er påkrævet."),
            ({"start_date": "31.02.2026"}, "Indtast en gyldig dato."),
        ],
    )
    def test_bad_input_is_refused_in_danish_and_nothing_is_saved(
        self, client_for, uu_user, enrolled_person, overrides, message
    ):
        response = client_for(uu_user).post(create_url(enrolled_person), form_data(**overrides))
        body = response.content.decode()
        assert response.status_code == 200
        assert message in body
        assert "Der er fejl i formularen" in body
        assert not Internship.objects.exists()

    def test_place_and_company_name_together_are_refused(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        response = client_for(uu_user).post(
            create_url(enrolled_person), form_data(place=str(shared_place.pk))
        )
        assert "Skriv kun virksomhedens navn" in response.content.decode()
        assert not Internship.objects.exists()

    def test_a_full_place_is_refused(
        self, client_for, uu_user, enrolled_person, shared_place, municipality
    ):
        shared_place.capacity = 1
        shared_place.save()
        InternshipFactory(place=shared_place, person=factories.YoungPersonFactory())
        response = client_for(uu_user).post(
            create_url(enrolled_person), form_data(place=str(shared_place.pk), company_name="")
        )
        assert "har ikke flere ledige pladser" in response.content.decode()
        assert not Internship.objects.filter(person=enrolled_person).exists()

    def test_a_place_the_user_cannot_see_is_not_offered(
        self, client_for, uu_user, enrolled_person, institution
    ):
        hidden = InternshipPlaceFactory(institution=institution, shared_with_jobcenter=False)
        response = client_for(uu_user).post(
            create_url(enrolled_person), form_data(place=str(hidden.pk), company_name="")
        )
        assert response.status_code == 200
        assert "Marker en gyldig valgmulighed" in response.content.decode()
        assert not Internship.objects.exists()

    def test_completed_cannot_be_chosen_without_an_evaluation(
        self, client_for, uu_user, enrolled_person
    ):
        response = client_for(uu_user).post(
            create_url(enrolled_person), form_data(status="completed")
        )
        assert response.status_code == 200
        assert not Internship.objects.exists()


# ---------------------------------------------------------------- edit and evaluate
class TestEvaluate:
    def url(self, internship):
        return reverse(
            "transitions:internship_evaluate", args=[internship.person_id, internship.pk]
        )

    def test_the_institution_evaluates_and_completes(
        self, client_for, institution_user, enrolled_person, shared_place
    ):
        internship = InternshipFactory(person=enrolled_person, place=shared_place)
        response = client_for(institution_user).post(
            self.url(internship),
            {
                "evaluation": "Sofie mødte stabilt og var glad for køkkenet.",
                "learned": "At følge en opskrift og bede om hjælp.",
                "next_step": "Erhvervsrettet praktik i en kantine.",
                "completed": "on",
            },
        )
        assert response.status_code == 302
        internship.refresh_from_db()
        assert internship.status == InternshipStatus.COMPLETED
        assert internship.evaluated_by == institution_user
        assert internship.evaluated_on == TODAY()
        assert internship.next_step == "Erhvervsrettet praktik i en kantine."

    def test_an_evaluation_without_text_is_refused(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        internship = InternshipFactory(person=enrolled_person, place=shared_place)
        response = client_for(uu_user).post(
            self.url(internship), {"evaluation": "", "next_step": "", "completed": "on"}
        )
        assert response.status_code == 200
        assert "Dette felt er påkrævet." in response.content.decode()
        internship.refresh_from_db()
        assert internship.status == InternshipStatus.ONGOING
        assert internship.evaluation == ""

    def test_a_future_internship_cannot_be_evaluated(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        internship = InternshipFactory(
            person=enrolled_person,
            place=shared_place,
            start_date=TODAY() + timedelta(days=10),
            status=InternshipStatus.PLANNED,
        )
        response = client_for(uu_user).post(
            self.url(internship), {"evaluation": "x", "next_step": "y", "completed": "on"}
        )
        assert "Praktikken er ikke begyndt endnu" in response.content.decode()
        internship.refresh_from_db()
        assert internship.status == InternshipStatus.PLANNED

    def test_the_jobcenter_cannot_evaluate_before_the_final_year(
        self, client_for, jobcenter_user, enrolled_person, shared_place
    ):
        internship = InternshipFactory(person=enrolled_person, place=shared_place)
        response = client_for(jobcenter_user).post(
            self.url(internship), {"evaluation": "x", "next_step": "y"}
        )
        assert response.status_code == 403

    def test_an_internship_of_another_person_is_404(
        self, client_for, uu_user, enrolled_person, person, shared_place
    ):
        other = InternshipFactory(person=person, place=shared_place)
        url = reverse("transitions:internship_edit", args=[enrolled_person.pk, other.pk])
        assert client_for(uu_user).get(url).status_code == 404

    def test_editing_keeps_a_place_the_editor_cannot_see(
        self, client_for, uu_user, enrolled_person, institution
    ):
        own_place = InternshipPlaceFactory(institution=institution, shared_with_jobcenter=False)
        internship = InternshipFactory(person=enrolled_person, place=own_place)
        url = reverse("transitions:internship_edit", args=[enrolled_person.pk, internship.pk])
        data = form_data(
            place=str(own_place.pk),
            company_name="",
            start_date=internship.start_date.isoformat(),
            end_date=(internship.end_date + timedelta(days=7)).isoformat(),
            status="ongoing",
        )
        assert client_for(uu_user).post(url, data).status_code == 302
        internship.refresh_from_db()
        assert internship.place == own_place
        assert internship.end_date == TODAY() + timedelta(days=28)


# ---------------------------------------------------------------- profile
class TestProfile:
    def test_the_profile_is_saved_and_leads_to_the_match(
        self, client_for, institution_user, enrolled_person
    ):
        response = client_for(institution_user).post(
            reverse("transitions:internship_profile", args=[enrolled_person.pk]),
            {
                "trades": ["kitchen", "animals"],
                "accommodations": ["quiet"],
                "interests": "Jeg kan lide dyr.",
            },
        )
        assert response["Location"] == reverse(
            "transitions:internship_match", args=[enrolled_person.pk]
        )
        profile = InternshipProfile.objects.get(person=enrolled_person)
        assert profile.trades == ["kitchen", "animals"]
        assert profile.updated_by == institution_user

    def test_an_unknown_choice_is_refused(self, client_for, uu_user, enrolled_person):
        response = client_for(uu_user).post(
            reverse("transitions:internship_profile", args=[enrolled_person.pk]),
            {"trades": ["astronaut"]},
        )
        assert response.status_code == 200
        assert "Marker en gyldig valgmulighed" in response.content.decode()
        assert not InternshipProfile.objects.exists()


# ---------------------------------------------------------------- the person page
class TestProgression:
    def test_the_transitions_page_shows_the_progression(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        InternshipProfileFactory(person=enrolled_person)
        InternshipFactory(
            person=enrolled_person,
            company_name="Dyreklinikken",
            place=None,
            start_date=TODAY() - timedelta(days=200),
            end_date=TODAY() - timedelta(days=180),
            status=InternshipStatus.COMPLETED,
            evaluation="Glad for dyrene, men trættes af lange dage.",
            next_step="Prøve et køkken.",
        )
        InternshipFactory(person=enrolled_person, place=shared_place, stage=2)
        body = (
            client_for(uu_user)
            .get(reverse("transitions:person", args=[enrolled_person.pk]))
            .content.decode()
        )
        assert "Trin 1: Interessebaseret" in body
        assert "Trin 2: Erhvervsrettet" in body
        assert "Trin 3: Mulig arbejdsplads efter STU" in body
        steps = body[body.index("Trin 1: Interessebaseret") :]
        assert steps.index("Dyreklinikken") < steps.index("Trin 2") < steps.index("Café Fjorden")
        assert "Glad for dyrene, men trættes af lange dage." in body
        assert "Prøve et køkken." in body
        assert "Ikke nået endnu" in body  # stage 3
        assert reverse("transitions:internship_match", args=[enrolled_person.pk]) in body
        assert "I praktik nu" in body

    def test_the_panel_has_no_edit_links_for_the_manager(
        self, client_for, leder_user, enrolled_person, shared_place
    ):
        internship = InternshipFactory(person=enrolled_person, place=shared_place)
        body = (
            client_for(leder_user)
            .get(reverse("transitions:person", args=[enrolled_person.pk]))
            .content.decode()
        )
        assert "Café Fjorden" in body
        assert (
            reverse("transitions:internship_edit", args=[enrolled_person.pk, internship.pk])
            not in body
        )


# ---------------------------------------------------------------- the agenda hook
class TestStatusFor:
    def test_current_and_next_internship_in_danish(self, enrolled_person, person, shared_place):
        InternshipFactory(
            person=enrolled_person,
            place=shared_place,
            end_date=TODAY() + timedelta(days=5),
            stage=1,
        )
        InternshipFactory(
            person=enrolled_person,
            company_name="Vejle Kommunes Materielgård",
            place=None,
            stage=2,
            purpose="clarification",
            start_date=TODAY() + timedelta(days=30),
            status=InternshipStatus.PLANNED,
        )
        status = internship_status_for(person_ids=[enrolled_person.pk, person.pk])
        end = (TODAY() + timedelta(days=5)).strftime("%d.%m.%Y")
        start = (TODAY() + timedelta(days=30)).strftime("%d.%m.%Y")
        assert status == {
            enrolled_person.pk: (
                f"I praktik hos Café Fjorden til {end} (trin 1, dannelse). "
                f"Næste praktik: Vejle Kommunes Materielgård fra {start} (trin 2, afklaring)"
            )
        }

    def test_ended_and_cancelled_internships_are_left_out(self, enrolled_person, shared_place):
        InternshipFactory(
            person=enrolled_person,
            place=shared_place,
            start_date=TODAY() - timedelta(days=60),
            end_date=TODAY() - timedelta(days=30),
        )
        InternshipFactory(
            person=enrolled_person, place=shared_place, status=InternshipStatus.CANCELLED
        )
        assert internship_status_for(person_ids=[enrolled_person.pk]) == {}

    def test_constant_queries(self, django_assert_num_queries, municipality, shared_place):
        people = [factories.YoungPersonFactory(municipality=municipality) for _ in range(15)]
        for p in people:
            InternshipFactory(person=p, company_name="Bageriet", place=None)
        with django_assert_num_queries(1):
            status = internship_status_for(person_ids=[p.pk for p in people])
        assert len(status) == 15
        with django_assert_num_queries(0):
            assert internship_status_for(person_ids=[]) == {}


# ---------------------------------------------------------------- overview
class TestOverview:
    def test_institution_staff_see_their_active_students(
        self, client_for, institution_user, enrolled_person, person, shared_place
    ):
        InternshipFactory(person=enrolled_person, place=shared_place)
        body = client_for(institution_user).get(reverse("transitions:internship_overview"))
        text = body.content.decode()
        assert enrolled_person.full_name in text
        assert person.full_name not in text
        assert "I praktik hos Café Fjorden" in text

    def test_the_overview_takes_a_constant_number_of_queries(
        self, client_for, uu_user, municipality, institution, django_assert_max_num_queries
    ):
        client = client_for(uu_user)
        place = InternshipPlaceFactory(institution=institution, capacity=50)

        def add(n):
            for _ in range(n):
                young = factories.EnrolmentFactory(
                    institution=institution,
                    person=factories.YoungPersonFactory(
                        municipality=municipality, status=PersonStatus.DECIDED
                    ),
                ).person
                InternshipFactory(person=young, place=place)

        add(2)
        client.get(reverse("transitions:internship_overview"))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("transitions:internship_overview"))
        add(15)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(reverse("transitions:internship_overview"))
        assert response.content.decode().count("I praktik hos") == 17


# ---------------------------------------------------------------- notifications
class TestNotifications:
    def test_the_contact_person_hears_when_the_institution_plans_and_evaluates(
        self, client_for, institution_user, uu_user, enrolled_person, shared_place
    ):
        from stu_case.notifications.models import Notification

        client = client_for(institution_user)
        client.post(create_url(enrolled_person), form_data())
        note = Notification.objects.get(recipient=uu_user)
        start = (TODAY() + timedelta(days=14)).strftime("%d.%m.%Y")
        assert note.title == f"Ny praktik for Sofie Nielsen: Netto Vejle fra {start}"
        assert note.url == reverse("transitions:internship_person", args=[enrolled_person.pk])

        ongoing = InternshipFactory(person=enrolled_person, place=shared_place)
        client.post(
            reverse("transitions:internship_evaluate", args=[enrolled_person.pk, ongoing.pk]),
            {"evaluation": "Godt.", "next_step": "Trin 2 i en kantine.", "completed": "on"},
        )
        latest = Notification.objects.filter(recipient=uu_user).latest("pk")
        assert latest.title == "Praktikken hos Café Fjorden er evalueret for Sofie Nielsen"
        assert latest.body == "Trin 2 i en kantine."

    def test_no_notification_to_oneself(self, client_for, uu_user, enrolled_person):
        from stu_case.notifications.models import Notification

        client_for(uu_user).post(create_url(enrolled_person), form_data())
        assert not Notification.objects.exists()


class TestCapacityOnEdit:
    def test_planning_a_cancelled_internship_again_needs_a_free_seat(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        shared_place.capacity = 1
        shared_place.save()
        cancelled = InternshipFactory(
            person=enrolled_person, place=shared_place, status=InternshipStatus.CANCELLED
        )
        InternshipFactory(place=shared_place, person=factories.YoungPersonFactory())
        url = reverse("transitions:internship_edit", args=[enrolled_person.pk, cancelled.pk])
        data = form_data(
            place=str(shared_place.pk),
            company_name="",
            start_date=cancelled.start_date.isoformat(),
            end_date=cancelled.end_date.isoformat(),
            status="ongoing",
        )
        response = client_for(uu_user).post(url, data)
        assert "har ikke flere ledige pladser" in response.content.decode()
        cancelled.refresh_from_db()
        assert cancelled.status == InternshipStatus.CANCELLED

    def test_an_open_internship_keeps_its_own_seat(
        self, client_for, uu_user, enrolled_person, shared_place
    ):
        shared_place.capacity = 1
        shared_place.save()
        mine = InternshipFactory(person=enrolled_person, place=shared_place)
        url = reverse("transitions:internship_edit", args=[enrolled_person.pk, mine.pk])
        data = form_data(
            place=str(shared_place.pk),
            company_name="",
            start_date=mine.start_date.isoformat(),
            end_date=mine.end_date.isoformat(),
            status="ongoing",
            goals="Nye mål.",
        )
        assert client_for(uu_user).post(url, data).status_code == 302
        mine.refresh_from_db()
        assert mine.goals == "Nye mål."


def test_the_create_form_suggests_the_next_stage(client_for, uu_user, enrolled_person):
    url = create_url(enrolled_person)
    assert 'value="1" class="form-radio" id="id_stage_0" required checked' in (
        client_for(uu_user).get(url).content.decode()
    )
    InternshipFactory(
        person=enrolled_person,
        company_name="Bageriet",
        place=None,
        status=InternshipStatus.COMPLETED,
        evaluation="Godt.",
    )
    body = client_for(uu_user).get(url).content.decode()
    assert 'value="2" class="form-radio" id="id_stage_1" required checked' in body


@pytest.mark.parametrize("url_name", ["transitions:internship_person", "transitions:person"])
def test_the_progression_takes_a_constant_number_of_queries(
    client_for, uu_user, enrolled_person, shared_place, django_assert_max_num_queries, url_name
):
    client = client_for(uu_user)
    url = reverse(url_name, args=[enrolled_person.pk])
    InternshipFactory(person=enrolled_person, place=shared_place, evaluated_by=uu_user)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        InternshipFactory(
            person=enrolled_person,
            place=InternshipPlaceFactory(institution=shared_place.institution),
            stage=1 + n % 3,
            status=InternshipStatus.COMPLETED,
            evaluation="Godt.",
            evaluated_by=uu_user,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Godt.") == 8
