"""Visitation pages, committee: the meetings list's queries and the composition rules (also
in the admin)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import Committee, CommitteeMember


@pytest.fixture
def cast(request, db):
    return Cast(request)


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
