"""Model rules (clean() and database constraints) and the change history of the spine."""

from __future__ import annotations

from datetime import date, timedelta

import pghistory
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stu_case.calendar import add_years
from students.models import (
    Enrolment,
    EnrolmentStatus,
    MentorAssignment,
    ParentalConsent,
    YoungPerson,
)
from students.services import people as people_services
from tests import factories


def today() -> date:
    return timezone.localdate()


class TestYoungPerson:
    def test_age_and_the_25_year_limit_come_from_the_cpr_birth_date(self, municipality):
        young = factories.YoungPersonFactory(municipality=municipality, cpr="150605-4123")
        assert young.birth_date == date(2005, 6, 15)
        assert young.turns_25_on == date(2030, 6, 15)
        assert young.age_on(date(2023, 6, 14)) == 17
        assert young.age_on(date(2023, 6, 15)) == 18

    @pytest.mark.time_machine("2028-02-29 10:00 +01:00")
    def test_born_on_29_february_turns_25_on_the_day_the_age_becomes_25(self, municipality):
        # In a year without 29 February the birthday is 1 March, as age_on counts it; the
        # page must not say "fylder 25 år den 28.02.2029" while the age that day is 24.
        young = factories.YoungPersonFactory(municipality=municipality, born=date(2004, 2, 29))
        assert young.age == 24
        assert young.age_on(date(2029, 2, 28)) == 24
        assert young.turns_25_on == date(2029, 3, 1)
        assert young.age_on(young.turns_25_on) == 25
        born_28th = factories.YoungPersonFactory(municipality=municipality, born=date(2007, 2, 28))
        assert born_28th.turns_25_on == date(2032, 2, 28)

    def test_a_person_born_in_the_1990s_gets_the_right_century(self, municipality):
        young = factories.YoungPersonFactory(municipality=municipality, cpr="311299-1234")
        assert young.birth_date == date(1999, 12, 31)

    def test_is_adult_from_the_18th_birthday(self, municipality):
        minor = factories.YoungPersonFactory(
            municipality=municipality, born=add_years(today(), -18) + timedelta(days=1)
        )
        adult = factories.YoungPersonFactory(
            municipality=municipality, born=add_years(today(), -18)
        )
        assert not minor.is_adult
        assert adult.is_adult

    def test_clean_refuses_an_invalid_cpr_on_the_cpr_field(self, person):
        person.cpr = "999999-9999"
        with pytest.raises(ValidationError) as excinfo:
            person.full_clean()
        assert "cpr" in excinfo.value.message_dict

    def test_factory_cprs_are_valid_unique_and_in_the_stu_age_range(self, municipality):
        people = factories.YoungPersonFactory.create_batch(20, municipality=municipality)
        assert len({p.cpr_hash for p in people}) == 20
        assert all(15 <= p.age <= 24 for p in people)

    def test_new_person_has_exactly_one_plan(self, person):
        assert person.plan.person == person
        assert person.plan.version == 1


class TestHistory:
    def test_update_is_recorded_with_user_and_request_id(self, person, uu_user):
        YoungPersonEvent = apps.get_model("students", "YoungPersonEvent")
        with pghistory.context(user=uu_user.pk, request_id="abc"):
            people_services.young_person_update(person=person, data={"phone": "+45 20 30 40 50"})

        event = YoungPersonEvent.objects.filter(pgh_obj=person, pgh_label="update").latest("pgh_id")
        assert event.phone == "+45 20 30 40 50"
        assert event.pgh_context.metadata["user"] == uu_user.pk
        assert event.pgh_context.metadata["request_id"] == "abc"

    def test_bulk_updates_are_recorded_too(self, person):
        YoungPersonEvent = apps.get_model("students", "YoungPersonEvent")
        YoungPerson.objects.filter(pk=person.pk).update(school="Heldagsskolen Nord")
        assert YoungPersonEvent.objects.filter(
            pgh_obj=person, pgh_label="update", school="Heldagsskolen Nord"
        ).exists()

    def test_history_never_holds_the_cpr_number(self):
        YoungPersonEvent = apps.get_model("students", "YoungPersonEvent")
        field_names = {f.name for f in YoungPersonEvent._meta.get_fields()}
        assert "cpr" not in field_names
        assert "cpr_hash" not in field_names


class TestEnrolmentRules:
    def test_clean_refuses_clarification_beyond_12_weeks(self, person, institution):
        start = date(2025, 8, 11)
        enrolment = Enrolment(
            person=person,
            institution=institution,
            start_date=start,
            planned_end_date=add_years(start, 3),
            clarification_end_date=start + timedelta(weeks=12, days=1),
        )
        with pytest.raises(ValidationError) as excinfo:
            enrolment.full_clean()
        assert "clarification_end_date" in excinfo.value.message_dict

    def test_database_refuses_end_before_start(self, person, institution):
        start = date(2025, 8, 11)
        with pytest.raises(IntegrityError), transaction.atomic():
            Enrolment.objects.create(
                person=person,
                institution=institution,
                start_date=start,
                planned_end_date=start - timedelta(days=1),
                clarification_end_date=start,
            )


class TestEnrolmentQuerySet:
    def test_open_means_active_or_paused_everywhere(self, municipality, institution):
        by_status = {}
        for status in EnrolmentStatus.values:
            person = factories.YoungPersonFactory(municipality=municipality)
            start = date(2025, 8, 11)
            by_status[status] = Enrolment.objects.create(
                person=person,
                institution=institution,
                start_date=start,
                planned_end_date=add_years(start, 3),
                clarification_end_date=start + timedelta(weeks=12),
                status=status,
            )
        assert set(Enrolment.objects.open()) == {by_status["active"], by_status["paused"]}
        assert list(Enrolment.objects.active()) == [by_status["active"]]
        assert list(Enrolment.objects.paused()) == [by_status["paused"]]
        for status, enrolment in by_status.items():
            assert enrolment.is_open == (status in ("active", "paused")), status
            # ... and from the young person's side (the related manager has the same methods)
            assert enrolment.person.enrolments.open().exists() == enrolment.is_open, status

    def test_only_one_open_enrolment_per_person(self, person, institution):
        start = date(2025, 8, 11)
        data = {
            "person": person,
            "institution": institution,
            "start_date": start,
            "planned_end_date": add_years(start, 3),
            "clarification_end_date": start,
        }
        Enrolment.objects.create(**data, status=EnrolmentStatus.PAUSED)
        Enrolment.objects.create(**data, status=EnrolmentStatus.COMPLETED)
        with pytest.raises(IntegrityError), transaction.atomic():
            Enrolment.objects.create(**data, status=EnrolmentStatus.ACTIVE)


class TestConsentAndMentor:
    def test_database_allows_only_one_active_consent(self, municipality, uu_user):
        consent = factories.ParentalConsentFactory(
            person=factories.YoungPersonFactory(
                municipality=municipality, born=add_years(today(), -20)
            ),
            recorded_by=uu_user,
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            ParentalConsent.objects.create(
                person=consent.person, involve_parents=True, recorded_by=uu_user
            )

    def test_mentor_cannot_end_before_start(self, person):
        mentor = MentorAssignment(
            person=person,
            kind="mentor",
            name="Lone Madsen",
            start_date=date(2025, 3, 1),
            end_date=date(2025, 2, 1),
        )
        with pytest.raises(ValidationError) as excinfo:
            mentor.full_clean()
        assert "end_date" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("born", "digits"),
    [(date(2007, 2, 28), "49"), (date(2000, 1, 1), "49"), (date(1999, 12, 31), "0123")],
)
def test_the_serial_digits_give_back_the_century(born, digits):
    from students.models import cpr as cprlib

    assert cprlib.serial_first_digits(born) == digits
    for first in digits:
        assert cprlib.birth_date(f"{born:%d%m%y}{first}123") == born


def test_no_century_rule_before_1937():
    from students.models import cpr as cprlib

    with pytest.raises(ValueError, match="1936"):
        cprlib.serial_first_digits(date(1936, 5, 1))


def test_current_is_the_one_open_enrolment(enrolled_person, person):
    enrolment = enrolled_person.enrolments.current()
    assert enrolment is not None and enrolment.is_open
    assert person.enrolments.current() is None
