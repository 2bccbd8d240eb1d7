"""The visitation pages: forms through the client, constant list queries, audit, admin rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessAction, AccessLog
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation import services
from visitation.models import (
    Committee,
    CommitteeMember,
    Decision,
    InstitutionVisit,
    Meeting,
    Recommendation,
    RecommendationStatus,
)


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


def test_meetings_list_has_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    comm = builders.standard_committee(cast)
    client = client_for(cast.visitation_user)
    builders.meeting(committee=comm, user=cast.visitation_user)
    client.get(reverse("visitation:meetings"))
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("visitation:meetings"))
    for d in range(8):
        builders.meeting(committee=comm, user=cast.visitation_user, days_ahead=d + 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("visitation:meetings")).status_code == 200


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


def test_meeting_agenda_and_decision_through_the_pages(cast, client_for):
    builders.standard_committee(cast)
    rec = builders.ready_case(cast)
    waiting = builders.recommendation(
        person=cast.enrolled_person.__class__.objects.get(pk=builders.candidate(cast).pk),
        user=cast.uu_user,
        offered=[cast.institution, cast.other_institution],
    )
    chair = client_for(cast.visitation_user)
    start = timezone.localdate() + timedelta(days=3)
    response = chair.post(
        reverse("visitation:meetings"),
        {"date": start.isoformat(), "time": "09:00", "location": "Rådhuset"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = chair.get(reverse("visitation:meeting", args=[meeting.pk])).content.decode()
    assert "Venter på forhåndskoordinering" in page and str(waiting.person) in page
    response = chair.post(
        reverse("visitation:meeting", args=[meeting.pk]), {"recommendations": [rec.pk]}
    )
    assert response.status_code == 302
    item = meeting.items.get()
    # The waiting recommendation cannot be forced onto the agenda.
    response = chair.post(
        reverse("visitation:meeting", args=[meeting.pk]), {"recommendations": [waiting.pk]}
    )
    assert response.status_code == 200 and meeting.items.count() == 1
    url = reverse("visitation:decision_create", args=[meeting.pk, item.pk])
    assert chair.get(url).status_code == 200
    assert AccessLog.objects.filter(
        person=rec.person, purpose="Afgørelse i visitationsudvalget"
    ).exists()
    bad = chair.post(
        url, {"outcome": "refused", "decided_on": start.isoformat(), "legal_basis": "x"}
    )
    assert bad.status_code == 200 and "Der er fejl i formularen" in bad.content.decode()
    response = chair.post(
        url,
        {
            "outcome": "granted",
            "institution": cast.institution.pk,
            "start_date": (start + timedelta(days=30)).isoformat(),
            "decided_on": start.isoformat(),
            "legal_basis": "STU-loven.",
            "voters": [cast.forvaltning_user.pk, cast.jobcenter_user.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    letter = client_for(cast.uu_user).get(reverse("visitation:letter", args=[decision.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content if letter.streaming else [letter.content]).startswith(
        b"%PDF"
    )
    assert AccessLog.objects.filter(person=rec.person, action=AccessAction.PRINT).exists()


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


# ---------------------------------------------------------------- composition in the admin
class TestComposition:
    def test_institution_staff_can_never_be_members(self, cast):
        comm = Committee.objects.create(municipality=cast.municipality)
        cast.institution_user.municipality = cast.municipality
        cast.institution_user.save()
        member = CommitteeMember(
            committee=comm, user=cast.institution_user, represents="visitation", kind="secretary"
        )
        with pytest.raises(Exception) as exc:
            member.full_clean()
        assert "bestiller" in str(exc.value)

    def test_uu_presents_but_never_votes(self, cast):
        comm = Committee.objects.create(municipality=cast.municipality)
        voting = CommitteeMember(committee=comm, user=cast.uu_user, represents="uu", kind="voting")
        with pytest.raises(Exception, match="fremlægger uden stemmeret"):
            voting.full_clean()
        CommitteeMember(
            committee=comm, user=cast.uu_user, represents="uu", kind="presenter"
        ).full_clean()

    def test_members_come_from_the_municipality_and_their_role(self, cast):
        comm = Committee.objects.create(municipality=cast.municipality)
        stranger = factories.UserFactory(
            municipality=cast.other_municipality, roles=["forvaltning"]
        )
        with pytest.raises(Exception, match="ansat i Vejle"):
            CommitteeMember(
                committee=comm, user=stranger, represents="forvaltning", kind="voting"
            ).full_clean()
        with pytest.raises(Exception, match="har ikke rollen"):
            CommitteeMember(
                committee=comm, user=cast.leder_user, represents="jobcenter", kind="voting"
            ).full_clean()

    def test_a_committee_without_jobcenter_cannot_meet(self, cast):
        comm = builders.committee(
            municipality=cast.municipality, voting=[(cast.forvaltning_user, "forvaltning")]
        )
        assert comm.composition_problems() == [
            "Udvalget skal have mindst ét stemmeberettiget medlem fra jobcentret."
        ]
        with pytest.raises(Exception, match="jobcentret"):
            builders.meeting(committee=comm, user=cast.forvaltning_user)

    def test_the_admin_shows_why(self, cast, client_for):
        admin = client_for(cast.admin_user)
        prefix = "members"
        data = {
            "municipality": cast.municipality.pk,
            "name": "Visitationsudvalget",
            "access_days_after_decision": 14,
            f"{prefix}-TOTAL_FORMS": 2,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
            f"{prefix}-0-user": cast.forvaltning_user.pk,
            f"{prefix}-0-represents": "forvaltning",
            f"{prefix}-0-kind": "voting",
            f"{prefix}-0-is_active": "on",
            f"{prefix}-1-user": cast.uu_user.pk,
            f"{prefix}-1-represents": "uu",
            f"{prefix}-1-kind": "voting",
            f"{prefix}-1-is_active": "on",
        }
        url = reverse("admin:visitation_committee_add")
        body = admin.post(url, data).content.decode()
        assert "kan kun deltage som fremlægger uden stemmeret" in body
        assert not Committee.objects.exists()
        data[f"{prefix}-1-kind"] = "presenter"
        body = admin.post(url, data).content.decode()
        assert "mindst ét stemmeberettiget medlem fra jobcentret" in body
        data[f"{prefix}-TOTAL_FORMS"] = 3
        data.update(
            {
                f"{prefix}-2-user": cast.jobcenter_user.pk,
                f"{prefix}-2-represents": "jobcenter",
                f"{prefix}-2-kind": "voting",
                f"{prefix}-2-is_active": "on",
            }
        )
        assert admin.post(url, data).status_code == 302
        assert Committee.objects.get().members.count() == 3
