"""Visitation pages, clarification: the candidate list (constant queries, order, search log),
the person page's visit warning and the visit form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessAction, AccessLog
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import InstitutionVisit
from visitation.services import clarification as services


@pytest.fixture
def cast(request, db):
    return Cast(request)


def _candidates(cast, n):
    for i in range(n):
        young = builders.candidate(cast)
        services.school_coordination_save(
            person=young,
            data={
                "school": "Heldagsskolen",
                "grade": "9",
                "expected_start": timezone.localdate() + timedelta(days=100 + i),
            },
            user=cast.uu_user,
        )
        builders.visits(person=young, institutions=[cast.institution], user=cast.uu_user)
        if i % 2:
            builders.recommendation(
                person=young,
                user=cast.uu_user,
                offered=[cast.institution, cast.other_institution],
                submit=False,
            )


def test_candidates_list_has_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.uu_user)
    _candidates(cast, 2)
    client.get(reverse("visitation:candidates"))  # warm up (session, content types)
    with django_assert_max_num_queries(14) as few:
        assert client.get(reverse("visitation:candidates")).status_code == 200
    _candidates(cast, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("visitation:candidates"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/visitation/ung/') == 14


def test_candidates_are_ordered_by_expected_start_and_searches_are_logged(cast, client_for):
    later = builders.candidate(cast, first_name="Laura", last_name="Senere")
    sooner = builders.candidate(cast, first_name="Aksel", last_name="Tidligere")
    for young, days in ((later, 300), (sooner, 40)):
        services.school_coordination_save(
            person=young,
            data={
                "school": "Heldagsskolen",
                "grade": "10",
                "expected_start": timezone.localdate() + timedelta(days=days),
            },
            user=cast.uu_user,
        )
    body = client_for(cast.uu_user).get(reverse("visitation:candidates")).content.decode()
    assert body.index("Aksel Tidligere") < body.index("Laura Senere")
    assert AccessLog.objects.filter(
        person=sooner, action=AccessAction.SEARCH, purpose="Oversigt over kommende STU-elever"
    ).exists()


def test_person_page_warns_about_too_few_visits_and_logs_the_view(cast, client_for):
    client = client_for(cast.uu_user)
    url = reverse("visitation:person", args=[cast.person.pk])
    body = client.get(url).content.decode()
    assert 'id="visits-warning"' in body and "mindst 2 forskellige tilbud" in body
    assert AccessLog.objects.filter(
        person=cast.person, purpose="Visning af visitationssag"
    ).exists()
    builders.visits(
        person=cast.person,
        institutions=[cast.institution, cast.other_institution],
        user=cast.uu_user,
    )
    assert 'id="visits-warning"' not in client.get(url).content.decode()


def test_visit_form_saves_and_errors(cast, client_for):
    client = client_for(cast.uu_user)
    url = reverse("visitation:visit_create", args=[cast.person.pk])
    assert "Der er fejl" in client.post(url, {}).content.decode()
    response = client.post(
        url,
        {
            "institution": cast.institution.pk,
            "visited_on": timezone.localdate().isoformat(),
            "young_person_present": "on",
            "young_person_impressions": "Godt sted.",
        },
    )
    assert response.status_code == 302
    assert InstitutionVisit.objects.get().young_person_impressions == "Godt sted."
