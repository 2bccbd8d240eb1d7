"""Reporting periods and deadlines from the quality agreements."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from institutions.models import AgreementKind, ReportingFrequency
from institutions.reporting import (
    Defaults,
    Period,
    ReportingTerms,
    parse_period_key,
    period_containing,
)
from tests.institutions.helpers import agreement, month


class TestPeriods:
    def test_month_and_quarter(self):
        assert period_containing(date(2025, 2, 14), 1) == Period(
            date(2025, 2, 1), date(2025, 2, 28)
        )
        assert period_containing(date(2024, 2, 14), 1).end == date(2024, 2, 29)
        assert period_containing(date(2025, 5, 14), 3) == Period(
            date(2025, 4, 1), date(2025, 6, 30)
        )
        assert period_containing(date(2025, 12, 31), 3).start == date(2025, 10, 1)

    def test_labels_are_danish(self):
        assert month(2025, 3).label == "Marts 2025"
        assert period_containing(date(2025, 5, 1), 3).label == "2. kvartal 2025"

    @pytest.mark.parametrize("p", [month(2025, 3), period_containing(date(2025, 11, 2), 3)])
    def test_key_round_trip(self, p):
        assert parse_period_key(p.key) == p

    @pytest.mark.parametrize(
        "key", ["", "2025", "2025-13", "abcd-ef", "2025-03--2025-01", "2025-3"]
    )
    def test_bad_keys(self, key):
        assert parse_period_key(key) is None

    def test_overlap_days(self):
        p = month(2025, 3)
        assert p.days == 31
        assert p.days_overlapping(date(2025, 3, 17), None) == 15
        assert p.days_overlapping(date(2025, 4, 1), None) == 0


class TestTerms:
    def test_defaults_without_agreement(self, municipality, institution):
        terms = ReportingTerms(institution_ids=[institution.pk])
        t = terms.terms_on(
            municipality_id=municipality.pk, institution_id=institution.pk, day=date(2025, 3, 5)
        )
        assert (t.frequency, t.deadline_days, t.grace_days, t.agreement_id) == (1, 10, 14, None)
        assert t.deadline(month(2025, 3)) == date(2025, 4, 10)
        assert t.flag_after(month(2025, 3)) == date(2025, 4, 24)

    def test_municipality_defaults(self, municipality, institution):
        terms = ReportingTerms(
            institution_ids=[institution.pk],
            defaults={municipality.pk: Defaults(deadline_days=5, grace_days=3)},
        )
        t = terms.terms_on(
            municipality_id=municipality.pk, institution_id=institution.pk, day=date(2025, 3, 5)
        )
        assert (t.deadline_days, t.grace_days) == (5, 3)

    def test_agreement_valid_on_the_day_decides(
        self, municipality, other_municipality, institution
    ):
        agreement(
            institution=institution,
            municipalities=[municipality],
            valid_from=date(2025, 1, 1),
            valid_to=date(2025, 6, 30),
            frequency=ReportingFrequency.QUARTERLY,
            deadline_days=20,
        )
        terms = ReportingTerms(institution_ids=[institution.pk])
        on = lambda m, d: terms.terms_on(  # noqa: E731
            municipality_id=m.pk, institution_id=institution.pk, day=d
        )
        assert on(municipality, date(2025, 2, 1)).frequency == 3
        assert on(municipality, date(2025, 2, 1)).deadline_days == 20
        assert on(municipality, date(2025, 7, 1)).frequency == 1  # expired: defaults again
        assert on(other_municipality, date(2025, 2, 1)).frequency == 1  # not a party

    def test_shared_tendered_agreement(self, municipality, other_municipality, institution):
        a = agreement(
            institution=institution,
            municipalities=[municipality, other_municipality],
            kind=AgreementKind.FRAMEWORK,
            tender_reference="2024/S 123-456789",
            frequency=ReportingFrequency.QUARTERLY,
        )
        terms = ReportingTerms(institution_ids=[institution.pk])
        for m in (municipality, other_municipality):
            t = terms.terms_on(
                municipality_id=m.pk, institution_id=institution.pk, day=date.today()
            )
            assert t.agreement_id == a.pk

    def test_periods_switching_from_monthly_to_quarterly_mid_quarter(
        self, municipality, institution
    ):
        agreement(
            institution=institution,
            municipalities=[municipality],
            valid_from=date(2025, 2, 1),
            frequency=ReportingFrequency.QUARTERLY,
        )
        terms = ReportingTerms(institution_ids=[institution.pk])
        periods = [
            p
            for p, _t in terms.periods_between(
                municipality_id=municipality.pk,
                institution_id=institution.pk,
                start=date(2025, 1, 10),
                end=date(2025, 7, 2),
            )
        ]
        assert [(p.start, p.end) for p in periods] == [
            (date(2025, 1, 1), date(2025, 1, 31)),
            (date(2025, 2, 1), date(2025, 2, 28)),
            (date(2025, 3, 1), date(2025, 3, 31)),
            (date(2025, 4, 1), date(2025, 6, 30)),
            (date(2025, 7, 1), date(2025, 9, 30)),
        ]


class TestAgreementRules:
    def test_overlapping_agreements_for_the_same_pair_are_refused(
        self, municipality, other_municipality, institution
    ):
        agreement(
            institution=institution, municipalities=[municipality], valid_from=date(2025, 1, 1)
        )
        with pytest.raises(ValidationError, match="overlapper"):
            agreement(
                institution=institution,
                municipalities=[other_municipality, municipality],
                valid_from=date(2026, 1, 1),
            )
        # Another municipality alone is fine.
        agreement(
            institution=institution,
            municipalities=[other_municipality],
            valid_from=date(2026, 1, 1),
        )

    def test_framework_needs_tender_reference(self, municipality, institution):
        with pytest.raises(ValidationError) as exc:
            agreement(
                institution=institution,
                municipalities=[municipality],
                kind=AgreementKind.FRAMEWORK,
            )
        assert "tender_reference" in exc.value.message_dict

    def test_end_before_start_is_refused(self, municipality, institution):
        with pytest.raises(ValidationError):
            agreement(
                institution=institution,
                municipalities=[municipality],
                valid_from=date(2025, 5, 1),
                valid_to=date(2025, 4, 1),
            )

    def test_at_least_one_municipality(self, institution):
        with pytest.raises(ValidationError):
            agreement(institution=institution, municipalities=[])

    def test_admin_form_refuses_overlap(self, municipality, institution):
        from institutions.forms import QualityAgreementAdminForm

        agreement(
            institution=institution, municipalities=[municipality], valid_from=date(2025, 1, 1)
        )
        form = QualityAgreementAdminForm(
            data={
                "kind": "agreement",
                "title": "Ny aftale",
                "institution": institution.pk,
                "municipalities": [municipality.pk],
                "valid_from": "2025-06-01",
                "reporting_frequency": 1,
                "report_deadline_days": 10,
                "grace_days": 14,
            }
        )
        assert not form.is_valid()
        assert "overlapper" in str(form.non_field_errors())
