"""The visitation workflow through the services: decisions and appeals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stu_case import permissions
from stu_case.notifications.models import Notification
from stu_case.permissions import Action
from students.models import Enrolment, EnrolmentStatus, Flag, PersonStatus
from students.models.letters import Letter
from students.selectors.people import person_history
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import (
    AppealGuidance,
    AppealOutcome,
    Decision,
    Outcome,
    RecommendationStatus,
)
from visitation.services import clarification as clarification_services
from visitation.services import committee as committee_services
from visitation.services import decisions as services


@pytest.fixture
def cast(request, db):
    return Cast(request)


def letter_bytes(decision) -> bytes:
    """The decision's letter as made by the letter service (``students.Letter``)."""
    decision.refresh_from_db()
    with decision.letter.pdf.open("rb") as f:
        return f.read()


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


class TestDecision:
    def test_a_granted_decision_starts_the_enrolment_updates_the_plan_and_notifies(
        self, cast, pdf_url_fetchers
    ):
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
        assert letter_bytes(decision).startswith(b"%PDF")
        text = pdf_text(letter_bytes(decision))
        assert "Du får en særligt tilrettelagt ungdomsuddannelse" in text
        assert "Klagenævnet for Specialundervisning" in text
        assert set(pdf_url_fetchers) == {"DenyAllURLFetcher"}  # rendered by stu_case.pdf
        assert set(decision.voters.all()) == {
            cast.forvaltning_user,
            cast.jobcenter_user,
            cast.visitation_user,
        }
        # The status follows when STU has started.
        Enrolment.objects.filter(pk=enrolment.pk).update(start_date=timezone.localdate())
        assert services.people_mark_enrolled() == 1
        cast.person.refresh_from_db()
        assert cast.person.status == PersonStatus.ENROLLED
        assert services.people_mark_enrolled() == 0  # the periodic job is safe to run twice

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
        assert not Letter.objects.exists()
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
        text = pdf_text(letter_bytes(decision))
        assert "Du får ikke en særligt tilrettelagt ungdomsuddannelse" in text.replace("\n", " ")
        assert "ikke er i målgruppen" in text
        assert "Klagevejledning" in text and "Klagenævnet for Specialundervisning" in text
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
        assert decision.letter is None and not Letter.objects.exists()

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
        (item,) = committee_services.meeting_add_to_agenda(
            meeting=meeting, recommendations=[rec], user=cast.jobcenter_user
        )
        assert not permissions.can(dual, Action.RECORD_DECISION, item)
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
        text = pdf_text(letter_bytes(decision))
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
        assert Flag.objects.open().filter(person=cast.person).exists()

    def test_every_step_is_in_the_persons_history(self, cast):
        builders.visits(person=cast.person, institutions=[cast.institution], user=cast.uu_user)
        clarification_services.wish_add(
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
            "brev",
            "STU-forløb",
        ):
            assert label in whats, label
