"""The visitation workflow through the services: gate, committee access, decisions, appeals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from stu_case import permissions
from stu_case.notifications.models import Notification
from students.models import Enrolment, EnrolmentStatus, Flag, PersonStatus
from students.selectors.people import person_history
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation import services, tasks
from visitation.models import (
    AgendaItem,
    AppealGuidance,
    AppealOutcome,
    CommitteeAccessGrant,
    Decision,
    DecisionLetter,
    Outcome,
    RecommendationStatus,
)


@pytest.fixture
def cast(request, db):
    return Cast(request)


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------- clarification
class TestClarification:
    def test_first_visit_moves_a_candidate_into_clarification(self, cast):
        young = builders.candidate(cast)
        builders.visits(person=young, institutions=[cast.institution], user=cast.uu_user)
        young.refresh_from_db()
        assert young.status == PersonStatus.CLARIFICATION

    def test_visited_institutions_count_visits_and_intro_courses_once_each(self, cast):
        builders.visits(
            person=cast.person, institutions=[cast.institution, cast.institution], user=cast.uu_user
        )
        assert services.visited_institution_ids(person=cast.person) == {cast.institution.pk}
        today = timezone.localdate()
        services.intro_course_save(
            person=cast.person,
            data={
                "institution": cast.other_institution,
                "start_date": today,
                "end_date": today + timedelta(days=11),
            },
            user=cast.uu_user,
        )
        assert len(services.visited_institution_ids(person=cast.person)) == 2

    def test_intro_course_is_at_most_about_two_weeks(self, cast):
        today = timezone.localdate()
        with pytest.raises(ValidationError) as exc:
            services.intro_course_save(
                person=cast.person,
                data={
                    "institution": cast.institution,
                    "start_date": today,
                    "end_date": today + timedelta(days=20),
                },
                user=cast.uu_user,
            )
        assert "to uger" in str(exc.value)

    def test_a_visit_records_who_came(self, cast):
        with pytest.raises(ValidationError):
            services.visit_save(
                person=cast.person,
                data={
                    "institution": cast.institution,
                    "visited_on": timezone.localdate(),
                    "young_person_present": False,
                    "relatives_present": "",
                },
                user=cast.uu_user,
            )

    def test_wishes_are_ranked_and_can_be_reordered(self, cast):
        third = factories.InstitutionFactory()
        for inst in (cast.institution, cast.other_institution, third):
            services.wish_add(person=cast.person, institution=inst, reason="", user=cast.uu_user)
        last = cast.person.wishes.get(institution=third)
        services.wish_move(wish=last, up=True)
        assert [w.institution for w in cast.person.wishes.order_by("rank")] == [
            cast.institution,
            third,
            cast.other_institution,
        ]
        services.wish_remove(wish=cast.person.wishes.get(rank=1))
        assert list(cast.person.wishes.order_by("rank").values_list("rank", flat=True)) == [1, 2]
        with pytest.raises(ValidationError):
            services.wish_add(person=cast.person, institution=third, reason="", user=cast.uu_user)

    def test_coordination_meeting_is_late_half_a_year_before_start(self, cast):
        young = builders.candidate(cast)
        coord = services.school_coordination_save(
            person=young,
            data={
                "school": "Heldagsskolen",
                "grade": "9",
                "expected_start": timezone.localdate() + timedelta(days=120),
            },
            user=cast.uu_user,
        )
        assert coord.meeting_late
        coord = services.school_coordination_save(
            person=young,
            data={
                "first_meeting_on": timezone.localdate() - timedelta(days=80),
                "meeting_held": True,
            },
            user=cast.uu_user,
        )
        assert not coord.meeting_late


# ---------------------------------------------------------------- recommendation and the gate
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
            services.meeting_add_to_agenda(
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
            services.meeting_add_to_agenda(
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
        (item,) = services.meeting_add_to_agenda(
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


# ---------------------------------------------------------------- committee access
class TestCommitteeAccess:
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

        services.decision_record(
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
        services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        AgendaItem.objects.filter(pk=item.pk).update(
            access_until=timezone.now() - timedelta(seconds=1)
        )
        assert tasks.revoke_expired_committee_access.delay().get() == 4
        assert tasks.revoke_expired_committee_access.delay().get() == 0
        call_command("visitation_daily")
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
        services.committee_member_save(
            member=comm.members.model(committee=comm),
            data={"user": newcomer, "represents": "visitation", "kind": "voting"},
        )
        permissions.forget_cached_perms(cast.visitation_user)
        assert cast.person not in permissions.young_people_for(cast.visitation_user)
        assert cast.person in permissions.young_people_for(newcomer)

    def test_access_of_two_agendas_does_not_undo_each_other(self, cast):
        meeting, item = builders.scheduled_case(cast)
        services.decision_record(
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


# ---------------------------------------------------------------- decisions
class TestDecision:
    def test_a_granted_decision_starts_the_enrolment_updates_the_plan_and_notifies(self, cast):
        meeting, item = builders.scheduled_case(cast)
        plan_version = cast.person.plan.version
        assert cast.person not in permissions.young_people_for(cast.institution_user)
        decision = services.decision_record(
            agenda_item=item,
            data=builders.granted_data(institution=cast.institution),
            voters=[cast.forvaltning_user, cast.jobcenter_user, cast.visitation_user],
            user=cast.visitation_user,
        )
        assert decision.fully_granted
        enrolment = Enrolment.objects.get(person=cast.person)
        assert decision.enrolment == enrolment and enrolment.status == EnrolmentStatus.ACTIVE
        assert enrolment.clarification_end_date == enrolment.start_date + timedelta(weeks=12)
        permissions.forget_cached_perms(cast.institution_user)
        assert cast.person in permissions.young_people_for(cast.institution_user)
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.DECIDED  # starts in two months
        plan = cast.person.plan
        plan.refresh_from_db()
        assert plan.version == plan_version + 1
        assert "Afklaringsforløb på STU Vejle" in plan.activities
        assert plan.next_revision_due == enrolment.clarification_end_date
        assert plan.revisions.get().reason.startswith("Afgørelse om STU: bevilget")
        note = Notification.objects.get(recipient=cast.uu_user)
        assert "visiteret til STU på STU Vejle" in note.body
        letter = DecisionLetter.objects.get(decision=decision)
        assert bytes(letter.pdf).startswith(b"%PDF")
        text = pdf_text(bytes(letter.pdf))
        assert "Du får en særligt tilrettelagt ungdomsuddannelse" in text
        assert "Klagenævnet for Specialundervisning" in text
        assert set(decision.voters.all()) == {
            cast.forvaltning_user,
            cast.jobcenter_user,
            cast.visitation_user,
        }
        # The status follows when STU has started.
        Enrolment.objects.filter(pk=enrolment.pk).update(start_date=timezone.localdate())
        assert services.people_started() == 1
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.ENROLLED

    def test_all_or_nothing_when_a_later_step_fails(self, cast, monkeypatch):
        meeting, item = builders.scheduled_case(cast)
        plan_version = cast.person.plan.version

        def broken(**kwargs):
            raise RuntimeError("mail server down")

        monkeypatch.setattr(services, "notification_send", broken)
        with pytest.raises(RuntimeError):
            services.decision_record(
                agenda_item=item,
                data=builders.granted_data(institution=cast.institution),
                voters=[cast.forvaltning_user],
                user=cast.visitation_user,
            )
        assert not Decision.objects.exists()
        assert not DecisionLetter.objects.exists()
        assert not Enrolment.objects.filter(person=cast.person).exists()
        permissions.forget_cached_perms(cast.institution_user)
        assert cast.person not in permissions.young_people_for(cast.institution_user)
        cast.person.refresh_from_db()
        cast.person.plan.refresh_from_db()
        assert cast.person.status == PersonStatus.RECOMMENDED
        assert cast.person.plan.version == plan_version
        assert not cast.person.plan.revisions.exists()
        item.refresh_from_db()
        assert item.decided_at is None and item.access_until is None
        item.recommendation.refresh_from_db()
        assert item.recommendation.status == RecommendationStatus.ON_AGENDA

    def test_a_refusal_needs_reasons_and_a_hearing_and_closes_the_step(self, cast):
        meeting, item = builders.scheduled_case(cast)
        bare = {"outcome": Outcome.REFUSED, "decided_on": timezone.localdate(), "legal_basis": "x"}
        with pytest.raises(ValidationError) as exc:
            services.decision_record(
                agenda_item=item,
                data=bare,
                voters=[cast.forvaltning_user],
                user=cast.visitation_user,
            )
        assert {"facts", "considerations", "justification", "hearing_sent_on"} <= set(
            exc.value.message_dict
        )
        decision = services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.REFUSED
        assert not Enrolment.objects.filter(person=cast.person).exists()
        text = pdf_text(bytes(decision.letters.get().pdf))
        assert "Du får ikke en særligt tilrettelagt ungdomsuddannelse" in text.replace("\n", " ")
        assert "ikke er i målgruppen" in text
        assert "Sådan klager du" in text and "Klagenævnet for Specialundervisning" in text
        assert "Vi sendte sagens oplysninger til dig" in text

    def test_granted_elsewhere_than_chosen_is_not_full_and_needs_reasons(self, cast):
        meeting, item = builders.scheduled_case(cast)
        with pytest.raises(ValidationError) as exc:
            services.decision_record(
                agenda_item=item,
                data=builders.granted_data(institution=cast.other_institution),
                voters=[cast.forvaltning_user],
                user=cast.visitation_user,
            )
        assert "justification" in exc.value.message_dict

    def test_postponed_keeps_the_case_ready_without_a_letter(self, cast):
        meeting, item = builders.scheduled_case(cast)
        decision = services.decision_record(
            agenda_item=item,
            data=builders.refused_data() | {"outcome": Outcome.POSTPONED},
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        item.recommendation.refresh_from_db()
        assert item.recommendation.status == RecommendationStatus.READY
        assert not decision.letters.exists()

    def test_the_recommender_may_not_vote_or_record(self, cast):
        dual = factories.UserFactory(municipality=cast.municipality, roles=["uu", "forvaltning"])
        comm = builders.committee(
            municipality=cast.municipality,
            voting=[(dual, "forvaltning"), (cast.jobcenter_user, "jobcenter")],
        )
        rec = builders.recommendation(
            person=cast.person, user=dual, offered=[cast.institution, cast.other_institution]
        )
        builders.sign_off_all(
            rec=rec, forvaltning_user=cast.forvaltning_user, jobcenter_user=cast.jobcenter_user
        )
        meeting = builders.meeting(committee=comm, user=cast.jobcenter_user)
        (item,) = services.meeting_add_to_agenda(
            meeting=meeting, recommendations=[rec], user=cast.jobcenter_user
        )
        assert not permissions.can_record_decision(dual, item)
        with pytest.raises(ValidationError) as exc:
            services.decision_record(
                agenda_item=item,
                data=builders.refused_data(),
                voters=[dual, cast.jobcenter_user],
                user=cast.jobcenter_user,
            )
        assert "egen indstilling" in str(exc.value)

    def test_voters_must_be_voting_members(self, cast):
        meeting, item = builders.scheduled_case(cast)
        with pytest.raises(ValidationError, match="ikke stemmeberettiget"):
            services.decision_record(
                agenda_item=item,
                data=builders.refused_data(),
                voters=[cast.leder_user],
                user=cast.visitation_user,
            )

    def test_the_appeal_guidance_and_deadline_come_from_the_administrator(self, cast):
        AppealGuidance.objects.create(
            municipality=cast.municipality,
            text="Klag til Klagenævnet for Specialundervisning via Vejle Kommune.",
            deadline_weeks=4,
        )
        meeting, item = builders.scheduled_case(cast)
        decision = services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        assert decision.appeal_guidance.startswith("Klag til Klagenævnet")
        assert decision.appeal_deadline == decision.decided_on + timedelta(weeks=4)
        services.decision_mark_notified(
            decision=decision, notified_on=decision.decided_on + timedelta(days=2)
        )
        decision.refresh_from_db()
        assert decision.appeal_deadline == decision.decided_on + timedelta(days=2, weeks=4)
        text = pdf_text(bytes(decision.letters.get().pdf))
        assert "via Vejle Kommune" in text and "Klagefristen er" in text

    def test_an_appeal_is_followed_to_its_outcome(self, cast):
        meeting, item = builders.scheduled_case(cast)
        decision = services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        today = timezone.localdate()
        appeal = services.appeal_register(
            decision=decision,
            data={"received_on": today, "grounds": "Den unge mener at være i målgruppen."},
            user=cast.uu_user,
        )
        assert appeal.outcome == AppealOutcome.PENDING
        with pytest.raises(ValidationError):
            services.appeal_update(appeal=appeal, data={"outcome": "sent_back"}, user=cast.uu_user)
        appeal.refresh_from_db()
        services.appeal_update(
            appeal=appeal,
            data={"outcome": "sent_back", "outcome_on": today, "sent_to_board_on": today},
            user=cast.uu_user,
        )
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.RECOMMENDED
        decision.recommendation.refresh_from_db()
        assert decision.recommendation.status == RecommendationStatus.READY
        assert Flag.objects.filter(person=cast.person, resolved_at__isnull=True).exists()

    def test_every_step_is_in_the_persons_history(self, cast):
        builders.visits(person=cast.person, institutions=[cast.institution], user=cast.uu_user)
        services.wish_add(
            person=cast.person, institution=cast.institution, reason="", user=cast.uu_user
        )
        meeting, item = builders.scheduled_case(cast)
        services.decision_record(
            agenda_item=item,
            data=builders.granted_data(institution=cast.institution),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
        whats = {row["what"] for row in person_history(person=cast.person)}
        for label in (
            "institutionsbesøg",
            "ønske",
            "indstilling",
            "tilbudt institution",
            "forhåndskoordinering",
            "dagsordenspunkt",
            "afgørelse",
            "afgørelsesbrev",
            "STU-forløb",
        ):
            assert label in whats, label
