"""The visitation workflow through the services: the recommendation and the sign-off gate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from students.models import PersonStatus
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import AgendaItem, RecommendationStatus
from visitation.services import committee as committee_services
from visitation.services import recommendations as services


@pytest.fixture
def cast(request, db):
    return Cast(request)


class TestRecommendationAndSignOffGate:
    def test_submission_needs_the_content_and_the_young_persons_view(self, cast):
        rec = services.recommendation_create(
            person=cast.person, data={}, offered=[], user=cast.uu_user
        )
        with pytest.raises(ValidationError) as exc:
            services.recommendation_submit(recommendation=rec, user=cast.uu_user)
        text = " ".join(exc.value.messages)
        assert "Målgruppevurderingen mangler" in text
        assert "den unges synspunkter" in text
        assert "§ 2 a" in text

    def test_one_institution_only_with_a_recorded_reason(self, cast):
        data = builders.recommendation_data(proposed=cast.institution)
        rec = services.recommendation_create(
            person=cast.person, data=data, offered=[cast.institution], user=cast.uu_user
        )
        with pytest.raises(ValidationError, match="§ 2 a"):
            services.recommendation_submit(recommendation=rec, user=cast.uu_user)
        services.recommendation_update(
            recommendation=rec,
            data={"single_offer_reason": "Kun denne institution har døgntilbud med autismeprofil."},
            offered=[cast.institution],
            user=cast.uu_user,
        )
        rec = services.recommendation_submit(recommendation=rec, user=cast.uu_user)
        assert rec.status == RecommendationStatus.SUBMITTED
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.RECOMMENDED

    def test_the_young_persons_alternative_proposal_needs_an_answer_with_reasons(self, cast):
        third = factories.InstitutionFactory()
        data = builders.recommendation_data(proposed=cast.institution) | {
            "alternative_institution": third,
            "alternative_proposal": "Min ven går der.",
            "alternative_answer": "pending",
        }
        rec = services.recommendation_create(
            person=cast.person,
            data=data,
            offered=[cast.institution, cast.other_institution],
            user=cast.uu_user,
        )
        with pytest.raises(ValidationError, match="alternative forslag skal besvares"):
            services.recommendation_submit(recommendation=rec, user=cast.uu_user)
        with pytest.raises(ValidationError) as exc:
            services.recommendation_update(
                recommendation=rec,
                data={"alternative_answer": "refused"},
                offered=[cast.institution, cast.other_institution],
                user=cast.uu_user,
            )
        assert "alternative_answer_reason" in exc.value.message_dict

    def test_cannot_go_on_an_agenda_before_both_sign_offs(self, cast):
        comm = builders.standard_committee(cast)
        rec = builders.recommendation(
            person=cast.person,
            user=cast.uu_user,
            offered=[cast.institution, cast.other_institution],
        )
        meeting = builders.meeting(committee=comm, user=cast.visitation_user)
        with pytest.raises(ValidationError) as exc:
            committee_services.meeting_add_to_agenda(
                meeting=meeting, recommendations=[rec], user=cast.visitation_user
            )
        text = " ".join(exc.value.messages)
        assert "jobcentret" in text and "social-/handicapforvaltningen" in text
        services.sign_off_record(
            recommendation=rec,
            agency="forvaltning",
            agrees=True,
            comment="",
            user=cast.forvaltning_user,
        )
        with pytest.raises(ValidationError, match="jobcentret"):
            committee_services.meeting_add_to_agenda(
                meeting=meeting, recommendations=[rec], user=cast.visitation_user
            )
        services.sign_off_record(
            recommendation=rec,
            agency="jobcenter",
            agrees=True,
            comment="",
            user=cast.jobcenter_user,
        )
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.READY
        (item,) = committee_services.meeting_add_to_agenda(
            meeting=meeting, recommendations=[rec], user=cast.visitation_user
        )
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.ON_AGENDA and item.presenter == cast.uu_user
        assert not AgendaItem.objects.exclude(pk=item.pk).exists()

    def test_a_disagreeing_sign_off_blocks_and_needs_a_comment(self, cast):
        rec = builders.recommendation(
            person=cast.person,
            user=cast.uu_user,
            offered=[cast.institution, cast.other_institution],
        )
        with pytest.raises(ValidationError):
            services.sign_off_record(
                recommendation=rec,
                agency="jobcenter",
                agrees=False,
                comment="",
                user=cast.jobcenter_user,
            )
        services.sign_off_record(
            recommendation=rec,
            agency="jobcenter",
            agrees=False,
            comment="Praktik i jobcentrets regi er ikke afprøvet.",
            user=cast.jobcenter_user,
        )
        services.sign_off_record(
            recommendation=rec,
            agency="forvaltning",
            agrees=True,
            comment="",
            user=cast.forvaltning_user,
        )
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.SUBMITTED
        assert any("ikke enig" in b for b in services.agenda_blockers(rec))

    def test_only_the_agency_itself_signs_off(self, cast):
        rec = builders.recommendation(
            person=cast.person,
            user=cast.uu_user,
            offered=[cast.institution, cast.other_institution],
        )
        with pytest.raises(ValidationError):
            services.sign_off_record(
                recommendation=rec,
                agency="jobcenter",
                agrees=True,
                comment="",
                user=cast.forvaltning_user,
            )

    def test_changing_a_signed_recommendation_needs_new_sign_offs(self, cast):
        rec = builders.ready_case(cast)
        assert rec.status == RecommendationStatus.READY
        rec = services.recommendation_update(
            recommendation=rec,
            data={"proposed_start": rec.proposed_start + timedelta(days=30)},
            offered=[cast.institution, cast.other_institution],
            user=cast.uu_user,
        )
        assert rec.version == 2 and rec.status == RecommendationStatus.SUBMITTED
        assert len(services.agenda_blockers(rec)) == 2
