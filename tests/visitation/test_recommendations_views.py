"""Visitation pages, recommendations: why a recommendation waits, the recommendation and
sign-off forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import Recommendation, RecommendationStatus


@pytest.fixture
def cast(request, db):
    return Cast(request)


def test_the_page_shows_why_a_recommendation_cannot_be_scheduled(cast, client_for):
    builders.recommendation(
        person=cast.person, user=cast.uu_user, offered=[cast.institution, cast.other_institution]
    )
    body = client_for(cast.uu_user).get(reverse("visitation:person", args=[cast.person.pk]))
    text = body.content.decode()
    assert "Kan endnu ikke sættes på dagsordenen" in text
    assert "Mangler forhåndskoordinering med jobcentret" in text


def test_recommendation_flow_through_the_forms(cast, client_for):
    uu = client_for(cast.uu_user)
    today = timezone.localdate()
    post = {
        "target_group_assessment": "I målgruppen.",
        "other_options": "FGU afprøvet.",
        "offered": [cast.institution.pk, cast.other_institution.pk],
        "proposed_institution": cast.institution.pk,
        "proposed_start": (today + timedelta(days=60)).isoformat(),
        "young_person_view": "Jeg vil gerne.",
        "young_person_heard_on": today.isoformat(),
        "relatives_not_heard_reason": "Den unge ønsker ikke forældrene inddraget.",
        "alternative_answer": "",
    }
    response = uu.post(reverse("visitation:recommendation_create", args=[cast.person.pk]), post)
    assert response.status_code == 302, response.content.decode()[:3000]
    rec = Recommendation.objects.get(person=cast.person)
    assert set(rec.offered_institutions.all()) == {cast.institution, cast.other_institution}
    uu.post(reverse("visitation:recommendation_submit", args=[cast.person.pk, rec.pk]))
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.SUBMITTED
    for user, agency in (
        (cast.forvaltning_user, "forvaltning"),
        (cast.jobcenter_user, "jobcenter"),
    ):
        response = client_for(user).post(
            reverse("visitation:sign_off", args=[cast.person.pk, rec.pk]),
            {"agency": agency, "agrees": "yes", "comment": ""},
        )
        assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.READY


def test_a_disagreeing_sign_off_without_comment_shows_an_error(cast, client_for):
    rec = builders.recommendation(
        person=cast.person, user=cast.uu_user, offered=[cast.institution, cast.other_institution]
    )
    response = client_for(cast.jobcenter_user).post(
        reverse("visitation:sign_off", args=[cast.person.pk, rec.pk]),
        {"agency": "jobcenter", "agrees": "no", "comment": ""},
    )
    assert response.status_code == 200
    assert "Der er fejl i formularen" in response.content.decode()
