"""The institution portal: who sees what, the period form, validation, corrections, queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students import flags as student_flags
from students.models import AbsenceReport, AbsenceReportCorrection, Flag
from students.services import absence as absence_services
from students.services import absence_checks as absence_check_services
from students.services.absence import AbsenceSubmissionError, ReportRow
from tests import factories
from tests.institutions.helpers import enrol, long_ago, months_back, report

D = Decimal


def enrolment_of(person):
    return person.enrolments.get(status="active")


def row(enrolment, planned="70", legal="0", illegal="0", key=None, note=""):
    return ReportRow(
        key=key or f"e{enrolment.pk if enrolment else 'x'}",
        enrolment_id=enrolment.pk if enrolment else None,
        planned_hours=None if planned is None else D(planned),
        absent_legal=None if legal is None else D(legal),
        absent_illegal=None if illegal is None else D(illegal),
        note=note,
    )


def formset_data(rows: list[dict]) -> dict:
    data = {"r-TOTAL_FORMS": str(len(rows)), "r-INITIAL_FORMS": "0"}
    for i, r in enumerate(rows):
        for k, v in r.items():
            if v is not None:
                data[f"r-{i}-{k}"] = v
    return data


def period_url(institution, period):
    return reverse("portal:period", args=[institution.pk, period.key])


LAST_MONTH = months_back(1)


# ---------------------------------------------------------------- who sees what
class TestHome:
    def test_lists_only_the_institutions_currently_enrolled_students(
        self,
        client_for,
        institution_user,
        institution,
        other_institution,
        municipality,
        person,
        enrolled_person,
    ):
        ended = enrol(municipality=municipality, institution=institution, start=long_ago())
        from students.services.enrolments import enrolment_end

        enrolment_end(enrolment=ended, status="completed", end_date=long_ago(5), reason="Færdig")
        elsewhere = enrol(
            municipality=municipality, institution=other_institution, start=long_ago()
        )
        response = client_for(institution_user).get(
            reverse("portal:institution", args=[institution.pk])
        )
        assert response.status_code == 200
        listed = {e.person_id for e in response.context["enrolments"]}
        assert listed == {enrolled_person.pk}
        body = response.content.decode()
        for p in (person, ended.person, elsewhere.person):
            assert p.full_name not in body
        # Listing students is a read of person data.
        assert AccessLog.objects.filter(user=institution_user, person=enrolled_person).exists()

    def test_portal_home_redirects_to_the_one_institution(
        self, client_for, institution_user, institution
    ):
        response = client_for(institution_user).get(reverse("portal:home"))
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:institution", args=[institution.pk])

    def test_portal_home_lists_several_institutions(
        self, client_for, institution_user, other_institution
    ):
        factories.InstitutionMembershipFactory(user=institution_user, institution=other_institution)
        response = client_for(institution_user).get(reverse("portal:home"))
        assert response.status_code == 200
        assert other_institution.name in response.content.decode()

    def test_home_sends_institution_staff_to_the_portal(self, client_for, institution_user):
        response = client_for(institution_user).get(reverse("home"))
        assert response["Location"] == reverse("portal:home")

    def test_other_institution_gets_404(self, client_for, other_institution_user, institution):
        url = reverse("portal:institution", args=[institution.pk])
        assert client_for(other_institution_user).get(url).status_code == 404

    def test_municipal_staff_have_no_portal(self, client_for, uu_user, institution):
        assert client_for(uu_user).get(reverse("portal:home")).status_code == 403
        url = reverse("portal:institution", args=[institution.pk])
        assert client_for(uu_user).get(url).status_code == 404

    def test_periods_show_what_is_missing(
        self, client_for, institution_user, institution, enrolled_person
    ):
        response = client_for(institution_user).get(
            reverse("portal:institution", args=[institution.pk])
        )
        periods = {p.period: p for p in response.context["periods"]}
        assert periods[LAST_MONTH].missing == 1
        report(enrolment_of(enrolled_person), LAST_MONTH)
        response = client_for(institution_user).get(
            reverse("portal:institution", args=[institution.pk])
        )
        periods = {p.period: p for p in response.context["periods"]}
        assert periods[LAST_MONTH].is_complete


# ---------------------------------------------------------------- the service's validation
class TestSubmitService:
    def submit(self, user, institution, rows, period=LAST_MONTH):
        return absence_services.absence_reports_submit(
            user=user, institution=institution, period=period, rows=rows
        )

    def errors(self, user, institution, rows, period=LAST_MONTH) -> dict:
        with pytest.raises(AbsenceSubmissionError) as exc:
            self.submit(user, institution, rows, period)
        assert not AbsenceReport.objects.exists(), "nothing may be saved"
        return exc.value.errors

    def test_saves_every_row(self, institution_user, institution, enrolled_person, municipality):
        other = enrol(municipality=municipality, institution=institution, start=long_ago())
        saved = self.submit(
            institution_user,
            institution,
            [
                row(enrolment_of(enrolled_person), legal="3,5".replace(",", ".")),
                row(other, illegal="2"),
            ],
        )
        assert len(saved) == 2
        r = AbsenceReport.objects.get(enrolment__person=enrolled_person)
        assert (r.period_start, r.period_end, r.absent_legal) == (
            LAST_MONTH.start,
            LAST_MONTH.end,
            D("3.5"),
        )
        assert r.submitted_by == institution_user

    def test_absent_more_than_planned(self, institution_user, institution, enrolled_person):
        e = enrolment_of(enrolled_person)
        errs = self.errors(
            institution_user, institution, [row(e, planned="20", legal="15", illegal="6")]
        )
        assert errs[f"e{e.pk}"] == [
            ("absent_legal", "Fraværet (21 timer) er større end de planlagte timer (20).")
        ]

    def test_negative_hours(self, institution_user, institution, enrolled_person):
        e = enrolment_of(enrolled_person)
        errs = self.errors(institution_user, institution, [row(e, legal="-1")])
        assert errs[f"e{e.pk}"] == [("absent_legal", "Lovligt fravær kan ikke være negativt.")]

    def test_missing_planned_hours(self, institution_user, institution, enrolled_person):
        e = enrolment_of(enrolled_person)
        errs = self.errors(institution_user, institution, [row(e, planned=None)])
        assert errs[f"e{e.pk}"][0][0] == "planned_hours"

    def test_more_planned_hours_than_the_period_has(
        self, institution_user, institution, enrolled_person
    ):
        e = enrolment_of(enrolled_person)
        errs = self.errors(institution_user, institution, [row(e, planned="800")])
        assert "flere, end der er timer" in errs[f"e{e.pk}"][0][1]

    def test_unknown_student(self, institution_user, institution, enrolled_person):
        errs = self.errors(institution_user, institution, [row(None, key="x")])
        assert "ukendt eller ikke indskrevet" in errs["x"][0][1]

    def test_other_institutions_student(
        self,
        other_institution_user,
        other_institution,
        institution_user,
        institution,
        enrolled_person,
    ):
        e = enrolment_of(enrolled_person)
        errs = self.errors(other_institution_user, other_institution, [row(e)])
        assert "ikke indskrevet" in errs[f"e{e.pk}"][0][1]
        # Naming the other institution does not help either: the user does not work there.
        errs = self.errors(other_institution_user, institution, [row(e)])
        assert "ikke indskrevet" in errs[f"e{e.pk}"][0][1]

    def test_ended_enrolment(self, institution_user, institution, enrolled_person):
        from students.services.enrolments import enrolment_end

        e = enrolment_of(enrolled_person)
        enrolment_end(enrolment=e, status="dropped_out", end_date=timezone.localdate(), reason="x")
        errs = self.errors(institution_user, institution, [row(e)])
        assert "ikke indskrevet" in errs[f"e{e.pk}"][0][1]

    def test_future_period(self, institution_user, institution, enrolled_person):
        errs = self.errors(
            institution_user,
            institution,
            [row(enrolment_of(enrolled_person))],
            period=months_back(-1),
        )
        assert "ligger i fremtiden" in errs[""][0][1]

    def test_period_before_the_enrolment(self, institution_user, institution, municipality):
        e = enrol(municipality=municipality, institution=institution, start=timezone.localdate())
        errs = self.errors(institution_user, institution, [row(e)], period=months_back(2))
        assert "før forløbets start" in errs[f"e{e.pk}"][0][1]

    def test_period_not_matching_the_agreement(
        self, institution_user, institution, enrolled_person, municipality
    ):
        from institutions.models import ReportingFrequency
        from tests.institutions.helpers import agreement

        agreement(
            institution=institution,
            municipalities=[municipality],
            frequency=ReportingFrequency.QUARTERLY,
        )
        e = enrolment_of(enrolled_person)
        errs = self.errors(institution_user, institution, [row(e)], period=months_back(1))
        assert "kvartalsvis" in errs[f"e{e.pk}"][0][1]

    def test_duplicate_period_goes_to_the_correction_path(
        self, institution_user, institution, enrolled_person
    ):
        e = enrolment_of(enrolled_person)
        self.submit(institution_user, institution, [row(e)])
        with pytest.raises(AbsenceSubmissionError) as exc:
            self.submit(institution_user, institution, [row(e, legal="4")])
        assert "allerede indberettet" in exc.value.errors[f"e{e.pk}"][0][1]
        assert AbsenceReport.objects.get().absent_legal == 0

    def test_student_twice_in_one_submission(self, institution_user, institution, enrolled_person):
        e = enrolment_of(enrolled_person)
        errs = self.errors(institution_user, institution, [row(e, key="a"), row(e, key="b")])
        assert "mere end én gang" in errs["b"][0][1]

    def test_one_bad_row_saves_nothing(
        self, institution_user, institution, enrolled_person, municipality
    ):
        other = enrol(municipality=municipality, institution=institution, start=long_ago())
        errs = self.errors(
            institution_user,
            institution,
            [row(enrolment_of(enrolled_person)), row(other, legal="99")],
        )
        assert list(errs) == [f"e{other.pk}"]


# ---------------------------------------------------------------- corrections
class TestCorrection:
    def test_keeps_who_when_before_and_after(self, institution_user, institution, enrolled_person):
        r = report(enrolment_of(enrolled_person), LAST_MONTH, legal="2", note="Syg")
        correction = absence_services.absence_report_correct(
            report=r,
            user=institution_user,
            planned_hours=D(70),
            absent_legal=D(2),
            absent_illegal=D("7.5"),
            note="Syg; pjækkede fredag",
            reason="Ulovligt fravær manglede",
        )
        r.refresh_from_db()
        assert r.absent_illegal == D("7.5") and r.corrected_at
        assert correction.corrected_by == institution_user
        assert correction.before == {
            "planned_hours": "70.00",
            "absent_legal": "2.00",
            "absent_illegal": "0.00",
            "note": "Syg",
        }
        assert correction.after["absent_illegal"] == "7.50"
        # History is immutable.
        from django.db import InternalError, transaction

        with pytest.raises(InternalError), transaction.atomic():
            AbsenceReportCorrection.objects.filter(pk=correction.pk).update(reason="x")

    @pytest.mark.time_machine("2027-01-01 00:20 +01:00", tick=False)
    def test_is_named_with_the_danish_time(self, institution_user, enrolled_person):
        # Twenty minutes into the new year in Copenhagen; in UTC it is 31.12.2026 23:20.
        r = report(enrolment_of(enrolled_person), months_back(1), legal="2")
        correction = absence_services.absence_report_correct(
            report=r,
            user=institution_user,
            planned_hours=D(70),
            absent_legal=D(3),
            absent_illegal=D(0),
            note="",
            reason="En time mere",
        )
        correction.refresh_from_db()
        assert str(correction).endswith(" – 01.01.2027 00:20")

    def test_needs_a_reason_and_a_change(self, institution_user, enrolled_person):
        from django.core.exceptions import ValidationError

        r = report(enrolment_of(enrolled_person), LAST_MONTH, legal="2")
        kwargs = {
            "report": r,
            "user": institution_user,
            "planned_hours": D(70),
            "absent_legal": D(2),
            "absent_illegal": D(0),
            "note": "",
        }
        with pytest.raises(ValidationError):
            absence_services.absence_report_correct(**kwargs, reason=" ")
        with pytest.raises(ValidationError, match="ingen ændringer"):
            absence_services.absence_report_correct(**kwargs, reason="Intet")

    def test_other_institution_may_not_correct(self, other_institution_user, enrolled_person):
        from django.core.exceptions import PermissionDenied

        r = report(enrolment_of(enrolled_person), LAST_MONTH)
        with pytest.raises(PermissionDenied):
            absence_services.absence_report_correct(
                report=r,
                user=other_institution_user,
                planned_hours=D(60),
                absent_legal=D(0),
                absent_illegal=D(0),
                note="",
                reason="x",
            )

    def test_correction_view(self, client_for, institution_user, institution, enrolled_person):
        r = report(enrolment_of(enrolled_person), LAST_MONTH, legal="2")
        url = reverse("portal:correct", args=[institution.pk, r.pk])
        client = client_for(institution_user)
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"planned_hours": "70", "absent_legal": "2", "absent_illegal": "80", "reason": "x"}
        )
        assert response.status_code == 200
        assert "større end de planlagte timer" in response.content.decode()
        response = client.post(
            url,
            {
                "planned_hours": "70",
                "absent_legal": "2",
                "absent_illegal": "3,5",
                "reason": "Rettet",
            },
        )
        assert response.status_code == 302
        r.refresh_from_db()
        assert r.absent_illegal == D("3.5")
        page = client.get(url).content.decode()
        assert "Rettet" in page and "3,5" in page


# ---------------------------------------------------------------- the period form
@pytest.fixture
def sixty(municipality, institution):
    return [
        enrol(municipality=municipality, institution=institution, start=long_ago())
        for _ in range(60)
    ]


class TestPeriodForm:
    def test_get_prefills_planned_hours(
        self, client_for, institution_user, institution, enrolled_person
    ):
        response = client_for(institution_user).get(period_url(institution, LAST_MONTH))
        assert response.status_code == 200
        form = response.context["formset"].forms[0]
        assert form.initial["enrolment"] == enrolment_of(enrolled_person).pk
        assert form.initial["planned_hours"] == "70"  # 840 hours a year / 12

    def test_prefill_uses_the_previous_report_and_prorates(
        self, client_for, institution_user, institution, municipality
    ):
        today = timezone.localdate()
        starts_mid_month = enrol(
            municipality=municipality,
            institution=institution,
            start=LAST_MONTH.start + timedelta(days=LAST_MONTH.days // 2),
        )
        veteran = enrol(municipality=municipality, institution=institution, start=long_ago())
        report(veteran, months_back(2), planned="52.5")
        response = client_for(institution_user).get(period_url(institution, LAST_MONTH))
        by_id = {
            f.initial["enrolment"]: f.initial["planned_hours"]
            for f in response.context["formset"].forms
        }
        assert by_id[veteran.pk] == "52,5"
        assert D(by_id[starts_mid_month.pk].replace(",", ".")) < 40
        assert today  # period is in the past

    def test_sixty_students_in_one_request_with_bounded_queries(
        self, client_for, institution_user, institution, sixty, django_assert_max_num_queries
    ):
        client = client_for(institution_user)
        url = period_url(institution, LAST_MONTH)
        data = formset_data(
            [
                {
                    "enrolment": str(e.pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "3,5",
                    "absent_illegal": "0",
                    "note": "",
                }
                for e in sixty
            ]
        )
        client.get(url)  # warm the session
        # Measured: 21 (session, user, roles, institution, enrolments, rules, agreements,
        # existing reports, the bulk insert, access log, savepoints …), whatever the number.
        with django_assert_max_num_queries(25) as captured:
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AbsenceReport.objects.filter(period_start=LAST_MONTH.start).count() == 60
        inserts = [
            q
            for q in captured.captured_queries
            if 'INSERT INTO "students_absencereport"' in q["sql"]
        ]
        assert len(inserts) == 1, "one bulk insert for all 60 reports"

    def test_an_institution_with_400_students_can_submit_the_form(
        self, client_for, institution_user, institution, enrolled_person
    ):
        """Six fields a student: Django's default limit of 1,000 fields refused the form
        (400 Bad Request) from about 165 students. The rows other than the real one are left
        unticked, as for students the institution does not report now."""
        real = enrolment_of(enrolled_person)
        rows = [
            {
                "enrolment": str(real.pk),
                "include": "on",
                "planned_hours": "70",
                "absent_legal": "0",
                "absent_illegal": "0",
                "note": "",
            }
        ] + [
            {
                "enrolment": str(real.pk),
                "planned_hours": "70",
                "absent_legal": "0",
                "absent_illegal": "0",
                "note": "",
            }
            for _ in range(399)
        ]
        data = formset_data(rows)
        assert len(data) > 2_000
        client = client_for(institution_user)
        response = client.post(period_url(institution, LAST_MONTH), data)
        assert response.status_code == 302, response.status_code
        assert AbsenceReport.objects.filter(enrolment=real, period_start=LAST_MONTH.start).exists()

    def test_query_count_does_not_grow_with_students(
        self, client_for, institution_user, institution, municipality, sixty
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count(enrolments, period):
            client = client_for(institution_user)
            data = formset_data(
                [
                    {
                        "enrolment": str(e.pk),
                        "include": "on",
                        "planned_hours": "70",
                        "absent_legal": "0",
                        "absent_illegal": "0",
                    }
                    for e in enrolments
                ]
            )
            with CaptureQueriesContext(connection) as ctx:
                assert client.post(period_url(institution, period), data).status_code == 302
            return len(ctx)

        assert count(sixty[:5], months_back(2)) == count(sixty, months_back(1))

    def test_errors_save_nothing_and_point_at_the_field(
        self, client_for, institution_user, institution, enrolled_person, municipality
    ):
        other = enrol(municipality=municipality, institution=institution, start=long_ago())
        e = enrolment_of(enrolled_person)
        data = formset_data(
            [
                {
                    "enrolment": str(e.pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "50",
                    "absent_illegal": "30",
                },
                {
                    "enrolment": str(other.pk),
                    "include": "on",
                    "planned_hours": "abc",
                    "absent_legal": "0",
                    "absent_illegal": "0",
                },
            ]
        )
        response = client_for(institution_user).post(period_url(institution, LAST_MONTH), data)
        assert response.status_code == 200
        assert not AbsenceReport.objects.exists()
        body = response.content.decode()
        assert 'id="error-summary"' in body
        assert "Skriv et antal timer, fx 12,5." in body
        assert (
            'aria-invalid="true"' in body and 'aria-describedby="r-1-planned_hours-error"' in body
        )
        # The service's errors come after the field errors are fixed.
        data["r-1-planned_hours"] = "70"
        body = (
            client_for(institution_user)
            .post(period_url(institution, LAST_MONTH), data)
            .content.decode()
        )
        assert "Fraværet (80 timer) er større end de planlagte timer (70)." in body
        assert f"{enrolled_person.full_name}: Fraværet" in body
        assert not AbsenceReport.objects.exists()

    def test_unticked_rows_are_not_reported(
        self, client_for, institution_user, institution, enrolled_person, municipality
    ):
        other = enrol(municipality=municipality, institution=institution, start=long_ago())
        data = formset_data(
            [
                {
                    "enrolment": str(enrolment_of(enrolled_person).pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "0",
                    "absent_illegal": "0",
                },
                {
                    "enrolment": str(other.pk),
                    "planned_hours": "",
                    "absent_legal": "",
                    "absent_illegal": "",
                },
            ]
        )
        response = client_for(institution_user).post(period_url(institution, LAST_MONTH), data)
        assert response.status_code == 302
        assert list(AbsenceReport.objects.values_list("enrolment__person", flat=True)) == [
            enrolled_person.pk
        ]

    def test_tampered_enrolment_id_is_refused(
        self, client_for, other_institution_user, other_institution, enrolled_person
    ):
        data = formset_data(
            [
                {
                    "enrolment": str(enrolment_of(enrolled_person).pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "0",
                    "absent_illegal": "0",
                }
            ]
        )
        response = client_for(other_institution_user).post(
            period_url(other_institution, LAST_MONTH), data
        )
        assert response.status_code == 200
        assert "ikke indskrevet" in response.content.decode()
        assert enrolled_person.last_name not in response.content.decode()
        assert not AbsenceReport.objects.exists()

    def test_htmx_success_redirects_the_page(
        self, client_for, institution_user, institution, enrolled_person
    ):
        data = formset_data(
            [
                {
                    "enrolment": str(enrolment_of(enrolled_person).pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "0",
                    "absent_illegal": "0",
                }
            ]
        )
        response = client_for(institution_user).post(
            period_url(institution, LAST_MONTH), data, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert response["HX-Redirect"] == reverse("portal:institution", args=[institution.pk])

    def test_reported_students_are_listed_with_a_correction_link(
        self, client_for, institution_user, institution, enrolled_person
    ):
        r = report(enrolment_of(enrolled_person), LAST_MONTH)
        response = client_for(institution_user).get(period_url(institution, LAST_MONTH))
        assert response.context["formset"].total_form_count() == 0
        assert reverse("portal:correct", args=[institution.pk, r.pk]) in response.content.decode()

    def test_future_period_shows_no_form(
        self, client_for, institution_user, institution, enrolled_person
    ):
        response = client_for(institution_user).get(period_url(institution, months_back(-2)))
        assert response.status_code == 200 and response.context["future"]
        assert 'id="report-form"' not in response.content.decode()

    def test_bad_period_key_is_404(self, client_for, institution_user, institution):
        url = reverse("portal:period", args=[institution.pk, "2025-13"])
        assert client_for(institution_user).get(url).status_code == 404


# ---------------------------------------------------------------- after the submission
class TestAfterSubmission:
    def test_submitting_runs_the_checks_and_raises_the_flag(
        self,
        client_for,
        institution_user,
        institution,
        enrolled_person,
        django_capture_on_commit_callbacks,
    ):
        e = enrolment_of(enrolled_person)
        report(e, months_back(3), legal="2")
        report(e, months_back(2), legal="3")
        data = formset_data(
            [
                {
                    "enrolment": str(e.pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "20",
                    "absent_illegal": "0",
                }
            ]
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(institution_user).post(period_url(institution, LAST_MONTH), data)
        assert response.status_code == 302
        assert (
            Flag.objects.open()
            .filter(person=enrolled_person, kind=student_flags.RISING_ABSENCE)
            .exists()
        )

    def test_a_report_resolves_the_missing_report_flag(
        self, institution_user, institution, enrolled_person, django_capture_on_commit_callbacks
    ):
        factories.FlagFactory(person=enrolled_person, kind=student_flags.MISSING_ABSENCE_REPORT)
        e = enrolment_of(enrolled_person)
        periods = [months_back(n) for n in range(1, 5) if months_back(n).end >= e.start_date]
        with django_capture_on_commit_callbacks(execute=True):
            for p in reversed(periods):
                absence_services.absence_reports_submit(
                    user=institution_user, institution=institution, period=p, rows=[row(e)]
                )
        assert (
            not Flag.objects.open()
            .filter(
                person=enrolled_person,
                kind=student_flags.MISSING_ABSENCE_REPORT,
            )
            .exists()
        )

    def test_redis_down_the_request_still_succeeds(
        self,
        settings,
        client_for,
        institution_user,
        institution,
        enrolled_person,
        django_capture_on_commit_callbacks,
        caplog,
    ):
        """Point the broker at a closed port, not eager: the save must still succeed."""
        import time

        from tests.institutions.helpers import use_broker

        e = enrolment_of(enrolled_person)
        data = formset_data(
            [
                {
                    "enrolment": str(e.pk),
                    "include": "on",
                    "planned_hours": "70",
                    "absent_legal": "0",
                    "absent_illegal": "30",
                }
            ]
        )
        started = time.monotonic()
        with use_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
            response = client_for(institution_user).post(period_url(institution, LAST_MONTH), data)
        assert time.monotonic() - started < 3, "no long retries while Redis is down"
        assert response.status_code == 302
        assert AbsenceReport.objects.filter(enrolment=e).exists()
        assert "Could not queue absence checks" in caplog.text
        assert "refused" in caplog.text.lower() or "111" in caplog.text
        # Nothing was detected yet; the periodic job catches up.
        assert not Flag.objects.filter(
            person=enrolled_person, kind=student_flags.RISING_ABSENCE
        ).exists()
        absence_check_services.absence_detect_rising()
        assert Flag.objects.filter(
            person=enrolled_person, kind=student_flags.RISING_ABSENCE
        ).exists()


def test_the_field_limit_covers_the_largest_period_form():
    """DATA_UPLOAD_MAX_NUMBER_FIELDS is set for this form: if the form grows a field or rows,
    the limit must grow with it, or large institutions get 400 Bad Request again."""
    from django.conf import settings

    from students.forms.absence import ReportRowForm, ReportRowFormSet

    fields = ReportRowFormSet.absolute_max * len(ReportRowForm.base_fields)
    assert fields + 10 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # management form, token
