"""The visitation workflow through the services: the committee members' access to the cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from stu_case import permissions
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import AgendaItem, CommitteeAccessGrant, Outcome, RecommendationStatus
from visitation.services import committee as services
from visitation.services import decisions as decision_services
from visitation.tasks import committee as tasks


@pytest.fixture
def cast(request, db):
    return Cast(request)


class TestCommitteeAccess:
    def test_a_member_who_moves_to_another_municipality_loses_the_case(self, cast, client_for):
        """A committee member's per-person grant belongs to the municipality's case: when the
        user moves to another municipality (or the membership is synced) the case closes."""
        visitation_user = cast.visitation_user
        builders.standard_committee(cast)
        builders.scheduled_case(cast)
        assert cast.person in permissions.young_people_for(visitation_user)
        visitation_user.municipality = cast.other_municipality
        visitation_user.save(update_fields=["municipality"])
        permissions.forget_cached_perms(visitation_user)
        assert cast.person not in permissions.young_people_for(visitation_user)
        assert client_for(visitation_user).get(f"/unge/{cast.person.pk}/").status_code == 404
        # The next sync closes the grant itself.
        services.committee_sync_access(committee=cast.person.municipality.visitation_committee)
        assert not CommitteeAccessGrant.objects.filter(
            user=visitation_user, revoked_at__isnull=True
        ).exists()

    def test_members_see_the_case_only_while_it_is_on_their_agenda(self, cast, client_for):
        visitation_user = cast.visitation_user
        builders.standard_committee(cast)
        assert cast.person not in permissions.young_people_for(visitation_user)
        assert (
            client_for(visitation_user).get(f"/visitation/ung/{cast.person.pk}/").status_code == 404
        )

        meeting, item = builders.scheduled_case(cast)
        assert cast.person in permissions.young_people_for(visitation_user)
        assert (
            client_for(visitation_user).get(f"/visitation/ung/{cast.person.pk}/").status_code == 200
        )
        assert client_for(visitation_user).get(f"/unge/{cast.person.pk}/").status_code == 200
        # Only the agenda's case: the enrolled person stays hidden.
        assert cast.enrolled_person not in permissions.young_people_for(visitation_user)

        decision_services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user, cast.jobcenter_user],
            user=visitation_user,
        )
        item.refresh_from_db()
        assert item.access_until > timezone.now() + timedelta(days=13)
        # Still within the period after the decision.
        assert services.committee_access_revoke_expired() == 0
        assert cast.person in permissions.young_people_for(visitation_user)

        later = item.access_until + timedelta(minutes=1)
        assert services.committee_access_revoke_expired(now=later) == 4
        permissions.forget_cached_perms(visitation_user)
        assert cast.person not in permissions.young_people_for(visitation_user)
        assert (
            client_for(visitation_user).get(f"/visitation/ung/{cast.person.pk}/").status_code == 404
        )
        # Safe to run twice.
        assert services.committee_access_revoke_expired(now=later) == 0
        # The municipal team keeps its own (group) access.
        assert cast.person in permissions.young_people_for(cast.forvaltning_user)

    def test_the_periodic_task_and_command_revoke_after_the_period(self, cast):
        meeting, item = builders.scheduled_case(cast)
        decision_services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        AgendaItem.objects.filter(pk=item.pk).update(
            access_until=timezone.now() - timedelta(seconds=1)
        )
        assert tasks.committee_access_revoke_expired.delay().get() == 4
        assert tasks.committee_access_revoke_expired.delay().get() == 0
        call_command("committee_access_revoke_expired")
        assert not CommitteeAccessGrant.objects.filter(revoked_at__isnull=True).exists()
        assert cast.person not in permissions.young_people_for(cast.visitation_user)

    def test_removing_the_case_from_the_agenda_withdraws_access(self, cast):
        meeting, item = builders.scheduled_case(cast)
        assert cast.person in permissions.young_people_for(cast.visitation_user)
        services.meeting_remove_from_agenda(item=item, user=cast.visitation_user)
        permissions.forget_cached_perms(cast.visitation_user)
        assert cast.person not in permissions.young_people_for(cast.visitation_user)
        item.recommendation.refresh_from_db()
        assert item.recommendation.status == RecommendationStatus.READY

    def test_a_member_who_leaves_loses_access_and_a_new_member_gets_it(self, cast):
        meeting, item = builders.scheduled_case(cast)
        comm = meeting.committee
        comm.members.filter(user=cast.visitation_user).update(is_active=False)
        newcomer = factories.UserFactory(municipality=cast.municipality, roles=["visitation"])
        # As the admin does: save the member, then bring the access grants in line.
        comm.members.create(user=newcomer, represents="visitation", kind="voting")
        services.committee_sync_access(committee=comm)
        permissions.forget_cached_perms(cast.visitation_user)
        assert cast.person not in permissions.young_people_for(cast.visitation_user)
        assert cast.person in permissions.young_people_for(newcomer)

    def test_access_of_two_agendas_does_not_undo_each_other(self, cast):
        meeting, item = builders.scheduled_case(cast)
        decision_services.decision_record(
            agenda_item=item,
            data=builders.refused_data() | {"outcome": Outcome.POSTPONED},
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        second = builders.meeting(
            committee=meeting.committee, user=cast.visitation_user, days_ahead=30
        )
        services.meeting_add_to_agenda(
            meeting=second, recommendations=[item.recommendation], user=cast.visitation_user
        )
        later = timezone.now() + timedelta(days=15)
        assert services.committee_access_revoke_expired(now=later) == 4
        permissions.forget_cached_perms(cast.visitation_user)
        assert cast.person in permissions.young_people_for(cast.visitation_user)
