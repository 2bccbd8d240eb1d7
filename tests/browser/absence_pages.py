"""Pages of the catalogue and the absence portal (issue 5) for the accessibility test and the
screenshot script, with the data they need. Fixtures here are imported by those modules
(``from .absence_pages import absence_demo, absence_pages``)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage

BAD_CSV = (
    "forløb_id;planlagte_timer;lovligt_fravær;ulovligt_fravær\n"
    "{a};20;15;6\n"
    "999999;70;0;0\n"
    "{b};70;x;0\n"
)


@pytest.fixture
def absence_demo(
    municipality, other_municipality, institution, uu_user, institution_user, leder_user
):
    """Three students at ``institution`` with three months reported, one flagged; a catalogue
    with target groups, standards, a review, and a tendered agreement shared by two
    municipalities."""
    from institutions import services as catalogue
    from institutions.models import AgreementKind, QualityArea, ReviewResult
    from students.services import absence as absence_services
    from students.services import absence_checks as absence_check_services
    from tests.institutions.helpers import (
        QualityStandardFactory,
        TargetGroupFactory,
        agreement,
        enrol,
        months_back,
        report,
    )

    today = timezone.localdate()
    start = today - timedelta(days=400)
    students = [
        enrol(
            municipality=municipality,
            institution=institution,
            start=start,
            contact=uu_user,
            first_name=first,
            last_name=last,
        )
        for first, last in (("Sofie", "Nielsen"), ("Ali", "Hassan"), ("Mads", "Kjær"))
    ]
    for e in students:
        for n in (4, 3, 2):
            report(e, months_back(n), legal=str(2 + n), user=institution_user)
    flagged = students[0]
    report(flagged, months_back(1), legal="20", illegal="3", user=institution_user)
    absence_check_services.absence_detect_rising()
    corrected = flagged.absence_reports.order_by("period_start").first()
    absence_services.absence_report_correct(
        report=corrected,
        user=institution_user,
        planned_hours=corrected.planned_hours,
        absent_legal=corrected.absent_legal + 1,
        absent_illegal=corrected.absent_illegal,
        note="Lægebesøg",
        reason="Lægeerklæring modtaget",
    )

    autism = TargetGroupFactory(name="Autismespektrum")
    institution.target_groups.add(autism, TargetGroupFactory(name="Psykiske vanskeligheder"))
    catalogue.institution_update(
        institution=institution,
        capacity=40,
        price_per_year=Decimal(415000),
        contact_name="Pia Mortensen",
        offer_description="Værksteder i køkken, træ og grøn service. Små hold med faste voksne.",
    )
    standard = QualityStandardFactory(
        municipality=municipality, area=QualityArea.INTERNSHIPS, title="Praktik hvert år"
    )
    QualityStandardFactory(municipality=municipality)
    catalogue.quality_review_record(
        institution=institution,
        municipality=municipality,
        review_date=today - timedelta(days=90),
        result=ReviewResult.PARTLY,
        next_review_due=today + timedelta(days=90),
        notes="Praktikken skal styrkes.",
        items=[(standard, ReviewResult.PARTLY, "For få praktikpladser")],
    )
    agreement(
        institution=institution,
        municipalities=[municipality, other_municipality],
        kind=AgreementKind.FRAMEWORK,
        tender_reference="2024/S 118-362514",
        title="Trekantområdets fælles udbud af STU",
        price=Decimal(395000),
    )
    return {
        "students": students,
        "flagged": flagged,
        "corrected": corrected,
        "institution": institution,
        "uu": uu_user,
        "institution_user": institution_user,
        "period": months_back(1),
        "open_period": months_back(1),
    }


def _report_too_much(page):
    page.fill("#id_r-0-absent_legal", "99")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("#error-summary")


def _bad_upload(csv_text: str):
    def act(page):
        page.set_input_files(
            "#id_file",
            files=[{"name": "fravaer.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}],
        )
        with page.expect_navigation():
            page.click("main form button[type=submit]")

    return act


def _correct_without_reason(page):
    page.fill("#id_absent_illegal", "500")
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _filter_catalogue(page):
    page.fill("#id_max_price", "mange penge")
    with page.expect_response(lambda r: "max_price" in r.url):
        page.click("form.filters button[type=submit]")
    page.wait_for_selector("#catalogue-results")


@pytest.fixture
def absence_pages(absence_demo) -> list[SitePage]:
    d = absence_demo
    inst, uu = d["institution_user"], d["uu"]
    i = d["institution"].pk
    # Report the last month for everybody but one, so the period page shows both tables.
    from students.services import absence as absence_services

    unreported = d["students"][1]
    period = d["period"]
    ready = [e for e in d["students"] if e.pk != unreported.pk and e.pk != d["flagged"].pk]
    absence_services.absence_reports_submit(
        user=inst,
        institution=d["institution"],
        period=period,
        rows=[
            absence_services.ReportRow(str(e.pk), e.pk, Decimal(70), Decimal(2), Decimal(0))
            for e in ready
        ],
    )
    bad_csv = BAD_CSV.format(a=unreported.pk, b=unreported.pk)

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("portal_institution", inst, u("portal:institution", i)),
        SitePage("portal_period", inst, u("portal:period", i, period.key)),
        SitePage("portal_period_error", inst, u("portal:period", i, period.key), _report_too_much),
        SitePage("portal_upload", inst, u("portal:upload", i, period.key)),
        SitePage(
            "portal_upload_error", inst, u("portal:upload", i, period.key), _bad_upload(bad_csv)
        ),
        SitePage("portal_correct", inst, u("portal:correct", i, d["corrected"].pk)),
        SitePage(
            "portal_correct_error",
            inst,
            u("portal:correct", i, d["corrected"].pk),
            _correct_without_reason,
        ),
        SitePage("catalogue", uu, u("institutions:catalogue")),
        SitePage("catalogue_error", uu, u("institutions:catalogue"), _filter_catalogue),
        SitePage("catalogue_institution_staff", inst, u("institutions:catalogue")),
        SitePage("institution_detail", uu, u("institutions:detail", i)),
        SitePage(
            "person_absence_uu", uu, u("students:detail", d["flagged"].person_id) + "#absence"
        ),
        SitePage(
            "person_absence_institution",
            inst,
            u("students:detail", d["flagged"].person_id) + "#absence",
        ),
    ]
