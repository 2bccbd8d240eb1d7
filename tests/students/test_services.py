"""Services of the spine: CPR handling, the one plan, flags, enrolments and consent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.utils import InternalError
from django.utils import timezone

from stu_case import permissions
from stu_case.calendar import add_years
from stu_case.permissions import Action
from students import flags as student_flags
from students.models import (
    EducationPlan,
    Enrolment,
    EnrolmentStatus,
    Flag,
    ParentalConsent,
    PersonStatus,
    PlanRevision,
    YoungPerson,
)
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import people as people_services
from students.services import plans as plan_services
from tests import factories
from transitions import flags as transition_flags


def today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------- CPR
class TestCpr:
    def test_invalid_cpr_is_refused_in_danish_and_nothing_is_saved(self, municipality, uu_user):
        with pytest.raises(ValidationError) as excinfo:
            people_services.young_person_create(
                municipality=municipality,
                cpr="320199-1234",  # 32 January does not exist
                first_name="Ida",
                last_name="Holm",
                created_by=uu_user,
            )
        assert "gyldig fødselsdato" in " ".join(excinfo.value.messages)
        assert YoungPerson.objects.count() == 0
        assert EducationPlan.objects.count() == 0

    def test_cpr_with_wrong_length_is_refused(self, municipality, uu_user):
        with pytest.raises(ValidationError) as excinfo:
            people_services.young_person_create(
                municipality=municipality,
                cpr="12345",
                first_name="Ida",
                last_name="Holm",
                created_by=uu_user,
            )
        assert "10 cifre" in " ".join(excinfo.value.messages)
        assert YoungPerson.objects.count() == 0

    def test_duplicate_cpr_is_refused(self, municipality, other_municipality, uu_user):
        existing = factories.YoungPersonFactory(municipality=municipality)
        with pytest.raises(ValidationError) as excinfo:
            people_services.young_person_create(
                municipality=other_municipality,
                cpr=f"{existing.cpr[:6]}-{existing.cpr[6:]}",
                first_name="Anden",
                last_name="Person",
                created_by=uu_user,
            )
        # Another municipality's case is not named (tests/students/test_transfer.py).
        assert "Der kan ikke oprettes en ny sag" in " ".join(excinfo.value.messages)
        assert YoungPerson.objects.count() == 1

    def test_cpr_is_stored_encrypted(self, person):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT cpr, cpr_hash FROM students_youngperson WHERE id = %s", [person.pk]
            )
            stored_cpr, stored_hash = cursor.fetchone()
        assert person.cpr not in str(stored_cpr)
        assert person.cpr[:6] not in str(stored_cpr)
        assert person.cpr not in stored_hash
        # …and it still reads back as the real number.
        assert YoungPerson.objects.get(pk=person.pk).cpr == person.cpr

    def test_masked_cpr_shows_birth_date_only(self, municipality):
        young = factories.YoungPersonFactory(municipality=municipality, cpr="010203-4321")
        assert young.cpr_masked == "010203-xxxx"
        assert young.birth_date == date(2003, 2, 1)


# ---------------------------------------------------------------- the plan
def _revision(reason="Årlig revision"):
    return plan_services.RevisionInfo(reason=reason, young_person_took_part=True)


class TestPlanOptimisticLock:
    def test_second_save_of_a_stale_version_is_refused(self, person, uu_user, forvaltning_user):
        plan_a = EducationPlan.objects.get(person=person)
        plan_b = EducationPlan.objects.get(person=person)
        loaded_version = plan_a.version

        revision = plan_services.plan_update(
            plan=plan_a,
            expected_version=loaded_version,
            data={"general_part": "Arbejder med at deltage i fællesskabet."},
            revision=_revision(),
            user=uu_user,
        )
        assert revision.number == 1
        assert revision.snapshot["sections"]["general_part"] == (
            "Arbejder med at deltage i fællesskabet."
        )

        with pytest.raises(plan_services.ConcurrentEditError) as excinfo:
            plan_services.plan_update(
                plan=plan_b,
                expected_version=loaded_version,
                data={"general_part": "Forvaltningens tekst."},
                revision=_revision("Tilføjer handleplan"),
                user=forvaltning_user,
            )
        current = excinfo.value.current
        assert current.version == loaded_version + 1
        assert current.general_part == "Arbejder med at deltage i fællesskabet."
        assert current.updated_by == uu_user

        stored = EducationPlan.objects.get(person=person)
        assert stored.general_part == "Arbejder med at deltage i fællesskabet."
        assert PlanRevision.objects.filter(plan=stored).count() == 1

    def test_revision_numbers_follow_each_other(self, person, uu_user):
        plan = person.plan
        first = plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"activities": "Skoleperiode 1"},
            revision=_revision(),
            user=uu_user,
        )
        second = plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"activities": "Skoleperiode 1 og praktik i Netto"},
            revision=_revision("Praktik tilføjet"),
            user=uu_user,
        )
        assert (first.number, second.number) == (1, 2)
        assert first.snapshot["sections"]["activities"] == "Skoleperiode 1"

    def test_a_goal_change_makes_an_open_plan_form_stale(self, person, uu_user):
        plan = person.plan
        opened_version = plan.version
        plan_services.goal_create(
            plan=plan,
            data={
                "area": "work",
                "owning_agency": "jobcenter",
                "source_plan": "job_plan",
                "description": "Praktik i detailhandlen",
                "success_criterion": "Gennemfører otte ugers praktik",
                "target_date": today() + timedelta(days=120),
            },
            user=uu_user,
        )
        with pytest.raises(plan_services.ConcurrentEditError):
            plan_services.plan_update(
                plan=plan,
                expected_version=opened_version,
                data={"activities": "x"},
                revision=_revision(),
                user=uu_user,
            )

    def test_revisions_cannot_be_changed_or_deleted(self, person, uu_user):
        plan = person.plan
        rev = plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"specific_part": "Køkken og kantine"},
            revision=_revision(),
            user=uu_user,
        )
        with pytest.raises(InternalError), transaction.atomic():
            PlanRevision.objects.filter(pk=rev.pk).update(reason="Omskrevet historie")
        with pytest.raises(InternalError), transaction.atomic():
            PlanRevision.objects.filter(pk=rev.pk).delete()
        assert PlanRevision.objects.get(pk=rev.pk).reason == "Årlig revision"

    def test_revision_needs_a_reason(self, person, uu_user):
        plan = person.plan
        with pytest.raises(ValidationError):
            plan_services.plan_update(
                plan=plan,
                expected_version=plan.version,
                data={"activities": "x"},
                revision=_revision(reason="  "),
                user=uu_user,
            )
        assert EducationPlan.objects.get(pk=plan.pk).activities == ""


class TestNextRevisionDue:
    def test_more_than_a_year_ahead_is_refused(self, person, uu_user):
        plan = person.plan
        version = plan.version
        too_late = add_years(today(), 1) + timedelta(days=1)
        with pytest.raises(ValidationError) as excinfo:
            plan_services.plan_update(
                plan=plan,
                expected_version=version,
                data={"next_revision_due": too_late, "activities": "Nyt indhold"},
                revision=_revision(),
                user=uu_user,
            )
        assert "mindst én gang om året" in " ".join(excinfo.value.messages)
        stored = EducationPlan.objects.get(pk=plan.pk)
        assert stored.version == version
        assert stored.activities == ""
        assert stored.revisions.count() == 0

    def test_exactly_one_year_ahead_is_accepted(self, person, uu_user):
        plan = person.plan
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"next_revision_due": add_years(today(), 1)},
            revision=_revision(),
            user=uu_user,
        )
        assert EducationPlan.objects.get(pk=plan.pk).next_revision_due == add_years(today(), 1)

    def test_a_new_plan_is_due_for_revision_within_a_year(self, person):
        assert today() < person.plan.next_revision_due <= add_years(today(), 1)


# ---------------------------------------------------------------- flags
class TestFlags:
    def test_raising_twice_gives_one_open_flag(self, person):
        first, created_first = flag_services.flag_raise(
            person=person, kind=student_flags.RISING_ABSENCE
        )
        second, created_second = flag_services.flag_raise(
            person=person, kind=student_flags.RISING_ABSENCE
        )
        assert created_first is True
        assert created_second is False
        assert first == second
        assert Flag.objects.open().filter(person=person).count() == 1

    def test_database_forbids_two_open_flags_of_a_kind(self, person):
        Flag.objects.create(person=person, kind=student_flags.RISING_ABSENCE)
        with pytest.raises(IntegrityError), transaction.atomic():
            Flag.objects.create(person=person, kind=student_flags.RISING_ABSENCE)
        # A different kind is fine.
        Flag.objects.create(person=person, kind=transition_flags.FINAL_YEAR)

    def test_after_resolving_a_new_flag_can_be_raised(self, person, uu_user):
        flag, _ = flag_services.flag_raise(person=person, kind=student_flags.RISING_ABSENCE)
        flag_services.flag_resolve(flag=flag, user=uu_user, resolution="Fraværet er faldet igen.")
        again, created = flag_services.flag_raise(person=person, kind=student_flags.RISING_ABSENCE)
        assert created is True
        assert again != flag
        assert Flag.objects.filter(person=person).count() == 2

    def test_acknowledging_needs_a_note(self, person, uu_user):
        flag, _ = flag_services.flag_raise(person=person, kind=student_flags.RISING_ABSENCE)
        with pytest.raises(ValidationError):
            flag_services.flag_acknowledge(flag=flag, user=uu_user, note=" ")
        flag_services.flag_acknowledge(
            flag=flag, user=uu_user, note="Ringer til den unge i morgen."
        )
        flag.refresh_from_db()
        assert flag.acknowledged_by == uu_user
        assert flag.is_open

    def test_plan_revision_due_is_flagged_once_and_resolved_when_revised(
        self, enrolled_person, person, uu_user
    ):
        soon = today() + timedelta(days=20)
        EducationPlan.objects.filter(person__in=[enrolled_person, person]).update(
            next_revision_due=soon
        )

        assert plan_services.flag_plan_revisions_due() == 1
        assert plan_services.flag_plan_revisions_due() == 0  # safe to run twice
        open_flags = Flag.objects.open().filter(kind=student_flags.PLAN_REVISION_DUE)
        assert list(open_flags.values_list("person", flat=True)) == [enrolled_person.pk]
        assert soon.strftime("%d.%m.%Y") in open_flags.get().details
        # `person` is in clarification, not in STU: no flag for them.

        plan = EducationPlan.objects.get(person=enrolled_person)
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"next_revision_due": today() + timedelta(days=200)},
            revision=_revision(),
            user=uu_user,
        )
        plan_services.flag_plan_revisions_due()
        flag = Flag.objects.get(person=enrolled_person, kind=student_flags.PLAN_REVISION_DUE)
        assert flag.resolved_at is not None

    def test_overdue_plan_revision_is_critical(self, enrolled_person):
        EducationPlan.objects.filter(person=enrolled_person).update(
            next_revision_due=today() - timedelta(days=3)
        )
        plan_services.flag_plan_revisions_due()
        flag = Flag.objects.get(person=enrolled_person, kind=student_flags.PLAN_REVISION_DUE)
        assert flag.severity == "critical"

    def test_plan_revision_task_runs_the_service(self, enrolled_person):
        from students.tasks.plans import flag_plan_revisions_due

        EducationPlan.objects.filter(person=enrolled_person).update(
            next_revision_due=today() + timedelta(days=5)
        )
        assert flag_plan_revisions_due.delay().get() == 1


# ---------------------------------------------------------------- enrolments
class TestEnrolment:
    def test_start_gives_the_institution_view_but_not_sensitive_access(
        self, person, institution, institution_user
    ):
        assert person not in permissions.young_people_for(institution_user)
        enrolment_services.enrolment_start(
            person=person, institution=institution, start_date=today() - timedelta(days=1)
        )
        person.refresh_from_db()
        assert person.status == PersonStatus.ENROLLED
        assert person in permissions.young_people_for(institution_user)
        assert person not in permissions.young_people_for(
            institution_user, permissions.VIEW_SENSITIVE
        )
        assert permissions.can(institution_user, Action.VIEW_PERSON, person)
        assert not permissions.can(institution_user, Action.VIEW_SENSITIVE, person)

    def test_end_revokes_the_institution_access(self, enrolled_person, institution_user):
        assert enrolled_person in permissions.young_people_for(institution_user)
        enrolment = enrolled_person.enrolments.get()
        enrolment_services.enrolment_end(
            enrolment=enrolment,
            status=EnrolmentStatus.COMPLETED,
            end_date=today(),
            reason="Gennemført",
        )
        permissions.forget_cached_perms(institution_user)
        assert enrolled_person not in permissions.young_people_for(institution_user)
        assert not permissions.can(institution_user, Action.VIEW_PERSON, enrolled_person)
        enrolled_person.refresh_from_db()
        assert enrolled_person.status == PersonStatus.COMPLETED

    def test_transfer_moves_access_to_the_new_institution(
        self, enrolled_person, institution_user, other_institution, other_institution_user
    ):
        enrolment_services.enrolment_end(
            enrolment=enrolled_person.enrolments.get(),
            status=EnrolmentStatus.TRANSFERRED,
            end_date=today(),
            reason="Skifter til produktionsskole",
        )
        enrolment_services.enrolment_start(
            person=enrolled_person, institution=other_institution, start_date=today()
        )
        assert enrolled_person not in permissions.young_people_for(institution_user)
        assert enrolled_person in permissions.young_people_for(other_institution_user)

    def test_second_open_enrolment_is_refused_in_danish(self, enrolled_person, other_institution):
        with pytest.raises(ValidationError) as excinfo:
            enrolment_services.enrolment_start(
                person=enrolled_person, institution=other_institution, start_date=today()
            )
        assert Enrolment.objects.filter(person=enrolled_person).count() == 1
        assert "allerede et aktivt STU-forløb" in " ".join(excinfo.value.messages)

    def test_second_open_enrolment_is_refused(self, enrolled_person, other_institution):
        with pytest.raises(ValidationError):
            enrolment_services.enrolment_start(
                person=enrolled_person, institution=other_institution, start_date=today()
            )
        assert Enrolment.objects.filter(person=enrolled_person).count() == 1

    def test_clarification_longer_than_twelve_weeks_is_refused(self, person, institution):
        with pytest.raises(ValidationError) as excinfo:
            enrolment_services.enrolment_start(
                person=person, institution=institution, start_date=today(), clarification_weeks=13
            )
        assert "12 uger" in " ".join(excinfo.value.messages)
        assert not Enrolment.objects.filter(person=person).exists()
        person.refresh_from_db()
        assert person.status == PersonStatus.CLARIFICATION

    def test_enrolment_is_planned_for_three_years(self, person, institution):
        start = date(2024, 8, 12)
        enrolment = enrolment_services.enrolment_start(
            person=person, institution=institution, start_date=start
        )
        assert enrolment.planned_end_date == date(2027, 8, 12)
        assert enrolment.clarification_end_date == start + timedelta(weeks=12)
        assert enrolment.completion_deadline == date(2029, 8, 12)

    def test_fewer_than_840_hours_a_year_is_refused(self, person, institution):
        with pytest.raises(ValidationError):
            enrolment_services.enrolment_start(
                person=person, institution=institution, start_date=today(), hours_per_year=600
            )


# ---------------------------------------------------------------- consent
class TestConsent:
    def test_under_18_is_refused(self, municipality, uu_user):
        minor = factories.YoungPersonFactory(
            municipality=municipality, born=add_years(today(), -17)
        )
        with pytest.raises(ValidationError) as excinfo:
            people_services.consent_record(
                person=minor, involve_parents=False, scope="", given_on=today(), user=uu_user
            )
        assert "18 år" in " ".join(excinfo.value.messages)
        assert not ParentalConsent.objects.filter(person=minor).exists()

    def test_new_consent_withdraws_the_previous_one(self, municipality, uu_user):
        adult = factories.YoungPersonFactory(
            municipality=municipality, born=add_years(today(), -20)
        )
        first = people_services.consent_record(
            person=adult,
            involve_parents=True,
            scope="Forældre deltager i planmøder",
            given_on=today() - timedelta(days=30),
            user=uu_user,
        )
        second = people_services.consent_record(
            person=adult, involve_parents=False, scope="", given_on=today(), user=uu_user
        )
        active = ParentalConsent.objects.filter(person=adult, withdrawn_on__isnull=True)
        assert list(active) == [second]
        first.refresh_from_db()
        assert first.withdrawn_on == today()

    def test_turning_18_today_counts_as_adult(self, municipality, uu_user):
        adult = factories.YoungPersonFactory(
            municipality=municipality, born=add_years(today(), -18)
        )
        people_services.consent_record(
            person=adult, involve_parents=False, scope="", given_on=today(), user=uu_user
        )
        assert ParentalConsent.objects.filter(person=adult).count() == 1


# ---------------------------------------------------------------- demo data
class TestSeedDemo:
    """``manage.py seed_demo`` (the composition app, ``stu_case/site``) builds on these services."""

    def test_refuses_outside_demo_mode(self, db, settings):
        from django.core.management import CommandError, call_command

        settings.DEMO_MODE = False
        with pytest.raises(CommandError, match="demo"):
            call_command("seed_demo")
        assert YoungPerson.objects.count() == 0

    def test_builds_a_municipality_once(self, db, settings, monkeypatch):
        from io import StringIO

        from django.core.management import call_command

        from stu_case.accounts.models import User

        settings.DEMO_MODE = True
        monkeypatch.delenv("DEMO_PASSWORD", raising=False)
        out = StringIO()
        call_command("seed_demo", stdout=out)
        assert YoungPerson.objects.filter(municipality__name="Vejle Kommune").count() >= 40
        statuses = set(YoungPerson.objects.values_list("status", flat=True))
        assert {"candidate", "clarification", "enrolled", "paused", "completed"} <= statuses
        for username in ("uu", "leder", "institution", "institution2", "admin"):
            assert username in out.getvalue()
        inst_users = [User.objects.get(username=u) for u in ("institution", "institution2")]
        seen = [set(permissions.young_people_for(u)) for u in inst_users]
        assert all(seen) and not (seen[0] & seen[1])
        assert User.objects.get(username="uu").check_password("demo")

        again = StringIO()
        call_command("seed_demo", stdout=again)
        assert "findes allerede" in again.getvalue()
        assert YoungPerson.objects.filter(municipality__name="Vejle Kommune").count() >= 40
