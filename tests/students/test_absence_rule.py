"""The rising-absence rule and its job: edge cases, thresholds, idempotency, notification."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from stu_case.notifications.models import Notification
from students import flags as student_flags
from students.models import AbsenceRule, Flag
from students.models.absence_rule import PeriodRate, Thresholds, evaluate, rates_from_reports
from students.services import absence_checks as absence_check_services
from tests import factories
from tests.concurrency import run_together
from tests.institutions.helpers import enrol, long_ago, months_back, report

T = Thresholds()


def rates(*values, illegal=None):
    """PeriodRates newest first from plain percentages."""
    illegal = illegal or [0] * len(values)
    return [
        PeriodRate(date(2025, 12 - i, 1), date(2025, 12 - i, 28), Decimal(v), Decimal(il))
        for i, (v, il) in enumerate(zip(values, illegal, strict=True))
    ]


class TestEvaluate:
    def test_rising_above_both_thresholds_raises(self):
        d = evaluate(rates(20, 5, 6, 7), T)
        assert d.raise_flag and d.reasons == ("rising",)
        assert d.baseline_mean == Decimal(6) and d.baseline_count == 3

    def test_high_but_not_rising_enough_does_not_raise(self):
        # 18 % is above 15 %, but only 3 points above the mean of 15 %.
        assert not evaluate(rates(18, 15, 15, 15), T).raise_flag

    def test_rising_but_below_the_absolute_threshold_does_not_raise(self):
        assert not evaluate(rates(12, 1, 1, 1), T).raise_flag

    def test_exactly_on_the_thresholds_raises(self):
        assert evaluate(rates(15, 10, 10, 10), T).raise_flag

    def test_illegal_absence_alone_raises(self):
        d = evaluate(rates(10, 10, 10, 10, illegal=[10, 0, 0, 0]), T)
        assert d.raise_flag and d.reasons == ("illegal",)

    def test_first_period_only_the_illegal_part_applies(self):
        assert not evaluate(rates(40), T).raise_flag
        assert evaluate(rates(12, illegal=[11]), T).reasons == ("illegal",)

    def test_only_the_three_periods_before_count(self):
        # The fifth period back (60 %) is outside the baseline.
        d = evaluate(rates(20, 5, 5, 5, 60), T)
        assert d.raise_flag and d.baseline_mean == Decimal(5)

    def test_shorter_history_uses_what_there_is(self):
        d = evaluate(rates(20, 4), T)
        assert d.raise_flag and d.baseline_count == 1

    def test_min_baseline_periods_can_demand_more_history(self):
        strict = Thresholds(min_baseline_periods=3)
        assert not evaluate(rates(30, 2, 2), strict).raise_flag
        assert evaluate(rates(30, 2, 2, 2), strict).raise_flag

    def test_below_needs_the_set_number_of_calm_periods(self):
        assert not evaluate(rates(5), T).below
        assert evaluate(rates(5, 6, 30), T).below
        assert not evaluate(rates(5, 16), T).below
        assert not evaluate(rates(5, 5, illegal=[0, 10]), T).below

    def test_zero_planned_hours_are_skipped(self):
        class R:
            def __init__(self, m, planned, legal, illegal=0):
                self.period_start, self.period_end = date(2025, m, 1), date(2025, m, 28)
                self.planned_hours, self.absent_legal, self.absent_illegal = planned, legal, illegal

        out = rates_from_reports([R(1, 70, 3), R(2, 0, 0), R(3, 70, 21)])
        assert [r.period_start.month for r in out] == [3, 1]
        assert evaluate(out, T).raise_flag


@pytest.fixture
def enrolment(municipality, institution, uu_user):
    return enrol(
        municipality=municipality, institution=institution, start=long_ago(), contact=uu_user
    )


def open_flags(person, kind=student_flags.RISING_ABSENCE):
    return Flag.objects.open().filter(person=person, kind=kind)


class TestDetectionJob:
    def test_raises_one_flag_notifies_the_contact_person(self, enrolment, uu_user):
        for n, legal in ((4, 3), (3, 4), (2, 3), (1, 21)):
            report(enrolment, months_back(n), planned="70", legal=str(legal))
        result = absence_check_services.absence_detect_rising()
        assert result.raised == 1
        flag = open_flags(enrolment.person).get()
        assert "30 %" in flag.details and flag.data["reasons"] == ["rising"]
        assert flag.data["enrolment"] == enrolment.pk
        note = Notification.objects.get(recipient=uu_user)
        assert note.url.endswith(f"/unge/{enrolment.person_id}/#absence")
        # No person data in a message that also goes by e-mail.
        assert enrolment.person.first_name not in note.title + note.body

    def test_running_twice_gives_one_flag_and_one_notification(self, enrolment, uu_user):
        report(enrolment, months_back(2), legal="2")
        report(enrolment, months_back(1), legal="30")
        assert absence_check_services.absence_detect_rising().raised == 1
        assert absence_check_services.absence_detect_rising().raised == 0
        assert open_flags(enrolment.person).count() == 1
        assert Notification.objects.filter(recipient=uu_user).count() == 1

    def test_an_open_flag_raised_by_hand_is_not_duplicated(self, enrolment):
        factories.FlagFactory(person=enrolment.person, kind=student_flags.RISING_ABSENCE)
        report(enrolment, months_back(2), legal="2")
        report(enrolment, months_back(1), legal="30")
        assert absence_check_services.absence_detect_rising().raised == 0
        assert open_flags(enrolment.person).count() == 1

    def test_gaps_are_not_zeros(self, enrolment):
        # Reported: 14 %, (two months missing), 18 %. Treating the gaps as 0 % would give a
        # baseline of 4,7 % and a flag; the reported baseline is 14 %, so no flag.
        report(enrolment, months_back(4), legal="9.8")
        report(enrolment, months_back(1), legal="12.6")
        absence_check_services.absence_detect_rising()
        assert not open_flags(enrolment.person).exists()

    def test_zero_planned_hours_is_skipped_not_divided(self, enrolment):
        report(enrolment, months_back(3), legal="2")
        report(enrolment, months_back(2), planned="0")  # summer holiday
        report(enrolment, months_back(1), legal="14")
        absence_check_services.absence_detect_rising()
        flag = open_flags(enrolment.person).get()
        assert flag.data["baseline_mean"] == "2.86"

    def test_first_period_with_high_legal_absence_raises_nothing(self, enrolment):
        report(enrolment, months_back(1), legal="35")
        absence_check_services.absence_detect_rising()
        assert not open_flags(enrolment.person).exists()

    def test_first_period_with_illegal_absence_raises(self, enrolment):
        report(enrolment, months_back(1), illegal="7")
        absence_check_services.absence_detect_rising()
        assert open_flags(enrolment.person).get().data["reasons"] == ["illegal"]

    def test_a_correction_counts_with_its_new_values(self, enrolment, institution_user):
        report(enrolment, months_back(2), legal="3")
        latest = report(enrolment, months_back(1), legal="3")
        absence_check_services.absence_detect_rising()
        assert not open_flags(enrolment.person).exists()
        from students.services.absence import absence_report_correct

        absence_report_correct(
            report=latest,
            user=institution_user,
            planned_hours=Decimal(70),
            absent_legal=Decimal(3),
            absent_illegal=Decimal(14),
            note="",
            reason="Ulovligt fravær manglede",
        )
        absence_check_services.absence_detect_rising()
        assert open_flags(enrolment.person).exists()

    def test_resolves_after_the_set_number_of_calm_periods(self, enrolment):
        report(enrolment, months_back(4), legal="2")
        report(enrolment, months_back(3), legal="20")
        absence_check_services.absence_detect_rising()
        flag = open_flags(enrolment.person).get()
        report(enrolment, months_back(2), legal="3")
        absence_check_services.absence_detect_rising()
        assert open_flags(enrolment.person).exists(), "one calm period is not enough"
        report(enrolment, months_back(1), legal="3")
        result = absence_check_services.absence_detect_rising()
        assert result.resolved == 1
        flag.refresh_from_db()
        assert flag.resolved_at and "2 perioder" in flag.resolution

    def test_staying_high_but_no_longer_rising_keeps_the_flag(self, enrolment):
        report(enrolment, months_back(4), legal="2")
        report(enrolment, months_back(3), legal="20")
        absence_check_services.absence_detect_rising()
        report(enrolment, months_back(2), legal="20")
        report(enrolment, months_back(1), legal="20")
        absence_check_services.absence_detect_rising()
        assert open_flags(enrolment.person).exists()

    def test_municipality_thresholds_apply(self, enrolment, municipality):
        report(enrolment, months_back(2), legal="2")
        report(enrolment, months_back(1), legal="10")  # 14,3 %
        absence_check_services.absence_detect_rising()
        assert not open_flags(enrolment.person).exists()
        AbsenceRule.objects.create(municipality=municipality, min_rate_pct=10, min_rise_points=5)
        absence_check_services.absence_detect_rising()
        assert open_flags(enrolment.person).exists()

    def test_ended_enrolment_is_not_evaluated_and_its_flag_resolves(self, enrolment):
        from students.services.enrolments import enrolment_end

        report(enrolment, months_back(2), legal="2")
        report(enrolment, months_back(1), legal="30")
        absence_check_services.absence_detect_rising()
        enrolment_end(
            enrolment=enrolment, status="dropped_out", end_date=long_ago(1), reason="Stoppede"
        )
        result = absence_check_services.absence_detect_rising()
        assert result.evaluated == 0 and result.resolved == 1
        assert not open_flags(enrolment.person).exists()

    def test_without_contact_person_the_managers_are_told(
        self, municipality, institution, leder_user
    ):
        e = enrol(municipality=municipality, institution=institution, start=long_ago())
        report(e, months_back(1), illegal="10")
        absence_check_services.absence_detect_rising()
        assert Notification.objects.filter(recipient=leder_user).count() == 1

    def test_one_query_for_the_rates_of_every_enrolment(
        self, municipality, institution, django_assert_max_num_queries
    ):
        for _ in range(15):
            e = enrol(municipality=municipality, institution=institution, start=long_ago())
            for n in (3, 2, 1):
                report(e, months_back(n), legal="3")
        # Rules, the rates (one query for all), a savepoint pair, and the two resolving updates
        # (flags below the thresholds, flags of young people no longer in STU).
        with django_assert_max_num_queries(6):
            result = absence_check_services.absence_detect_rising()
        assert result.evaluated == 15 and result.raised == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_raise_one_flag_and_one_notification(municipality, institution, uu_user):
    e = enrol(municipality=municipality, institution=institution, start=long_ago(), contact=uu_user)
    report(e, months_back(2), legal="2")
    report(e, months_back(1), legal="30")
    results = run_together(lambda: absence_check_services.absence_detect_rising().raised, times=4)
    assert sum(results) == 1
    assert Flag.objects.filter(person=e.person, kind=student_flags.RISING_ABSENCE).count() == 1
    assert Notification.objects.filter(recipient=uu_user).count() == 1


def test_bench_command_runs_and_leaves_nothing_behind(db):
    from io import StringIO

    from django.core.management import call_command

    from students.models import AbsenceReport, YoungPerson

    out = StringIO()
    call_command("bench_absence", enrolments=40, months=6, rising_share=0.25, stdout=out)
    text = out.getvalue()
    assert "40 forløb vurderet, 10 flag rejst" in text
    assert "0 nye flag: idempotent" in text
    assert not AbsenceReport.objects.exists() and not YoungPerson.objects.exists()
