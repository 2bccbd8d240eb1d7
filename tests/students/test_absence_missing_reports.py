"""Missing absence reports: a reminder after the deadline, a flag after the grace days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from institutions.models import ReportingFrequency
from stu_case.notifications.models import Notification
from students import flags as student_flags
from students.models import AbsenceReminder, AbsenceRule, Enrolment, Flag
from students.services.absence_checks import absence_check_missing_reports
from tests.institutions.helpers import agreement, enrol, month, report

# A fixed calendar: the enrolment starts 1 Feb 2025; monthly deadline 10 days, grace 14 days.
START = date(2025, 2, 1)


@pytest.fixture
def enrolment(municipality, institution, uu_user):
    return enrol(municipality=municipality, institution=institution, start=START, contact=uu_user)


def check(day: date):
    return absence_check_missing_reports(today=day)


def missing_flag(person):
    return Flag.objects.open().filter(person=person, kind=student_flags.MISSING_ABSENCE_REPORT)


class TestMissingReports:
    def test_nothing_before_the_deadline(self, enrolment, institution_user):
        result = check(date(2025, 3, 10))  # February's deadline is 10 March
        assert result.missing == 0 and result.reminders == 0
        assert not Notification.objects.exists()

    def test_reminder_once_after_the_deadline(self, enrolment, institution_user):
        result = check(date(2025, 3, 11))
        assert (result.missing, result.reminders, result.raised) == (1, 1, 0)
        note = Notification.objects.get(recipient=institution_user)
        assert "Februar 2025: 1 elev(er) mangler" in note.body
        assert note.url.endswith("/fravaer/2025-02/")
        assert AbsenceReminder.objects.get().missing_count == 1
        # The next day: no new reminder for the same period.
        assert check(date(2025, 3, 12)).reminders == 0
        assert Notification.objects.count() == 1

    def test_flag_after_the_grace_days(self, enrolment):
        assert check(date(2025, 3, 24)).raised == 0
        result = check(date(2025, 3, 25))
        assert result.raised == 1
        flag = missing_flag(enrolment.person).get()
        assert "februar 2025" in flag.details and enrolment.institution.name in flag.details
        assert check(date(2025, 3, 26)).raised == 0
        assert missing_flag(enrolment.person).count() == 1

    def test_report_arriving_resolves_the_flag(self, enrolment):
        check(date(2025, 3, 25))
        report(enrolment, month(2025, 2))
        result = check(date(2025, 3, 26))
        assert result.resolved == 1
        assert not missing_flag(enrolment.person).exists()

    def test_agreement_sets_frequency_deadline_and_grace(
        self, enrolment, municipality, institution
    ):
        agreement(
            institution=institution,
            municipalities=[municipality],
            frequency=ReportingFrequency.QUARTERLY,
            deadline_days=20,
            grace_days=5,
        )
        # Q1 2025 ends 31 March; deadline 20 April; flag after 25 April.
        assert check(date(2025, 4, 20)).missing == 0
        assert check(date(2025, 4, 21)).reminders == 1
        assert check(date(2025, 4, 25)).raised == 0
        assert check(date(2025, 4, 26)).raised == 1
        # A quarterly report covers it.
        from institutions.reporting import period_containing

        report(enrolment, period_containing(date(2025, 2, 1), 3))
        assert check(date(2025, 4, 27)).resolved == 1

    def test_paused_enrolment_expects_nothing_and_its_flag_resolves(self, enrolment):
        check(date(2025, 3, 25))
        Enrolment.objects.filter(pk=enrolment.pk).update(status="paused")
        result = check(date(2025, 3, 26))
        assert result.missing == 0 and result.resolved == 1

    def test_reporting_required_from_skips_earlier_periods(self, enrolment, municipality):
        AbsenceRule.objects.create(
            municipality=municipality, reporting_required_from=date(2025, 3, 1)
        )
        assert check(date(2025, 3, 25)).missing == 0
        assert check(date(2025, 4, 11)).missing == 1  # March is required

    def test_municipality_default_deadline_without_agreement(self, enrolment, municipality):
        AbsenceRule.objects.create(
            municipality=municipality, default_deadline_days=3, default_grace_days=1
        )
        assert check(date(2025, 3, 4)).reminders == 1
        assert check(date(2025, 3, 5)).raised == 1

    def test_a_partial_first_month_is_expected(self, municipality, institution):
        e = enrol(municipality=municipality, institution=institution, start=date(2025, 2, 20))
        assert check(date(2025, 3, 11)).missing == 1
        report(e, month(2025, 2), planned="20")
        assert check(date(2025, 3, 12)).missing == 0

    def test_one_reminder_per_institution_lists_the_students(
        self, municipality, institution, institution_user
    ):
        for _ in range(3):
            enrol(municipality=municipality, institution=institution, start=START)
        check(date(2025, 4, 11))  # February and March are both overdue
        note = Notification.objects.get(recipient=institution_user)
        assert "Februar 2025: 3 elev(er) mangler" in note.body
        assert "Marts 2025: 3 elev(er) mangler" in note.body

    def test_flag_lists_every_missing_period(self, enrolment):
        check(date(2025, 4, 30))
        flag = missing_flag(enrolment.person).get()
        assert "februar 2025, marts 2025" in flag.details
        assert flag.data["periods"] == [["2025-02-01", "2025-02-28"], ["2025-03-01", "2025-03-31"]]

    def test_lookback_is_limited(self, enrolment):
        far = START + timedelta(days=3 * 365)
        result = check(far)
        # At most the last 12 months' periods, not three years of them.
        assert result.missing <= 13
