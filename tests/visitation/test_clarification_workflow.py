"""The visitation workflow through the services: clarification before STU."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from students.models import PersonStatus
from tests import factories
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.services import clarification as services


@pytest.fixture
def cast(request, db):
    return Cast(request)


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
