"""The statistics page: who sees it, the filters, the absence and backlog figures, exports.

The figures are checked against small hand-counted data on 15 January 2027 (the default
period, February 2026 to January 2027, crosses a year boundary).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from students import flags as student_flags
from students.models import AbsenceReport
from tests import factories

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
TODAY = "2027-01-15 10:00 +01:00"
PAGE_MAX_QUERIES = 40


def _figure(response, key):
    for section in response.context["sections"]:
        for figure in section.figures:
            if figure.key == key:
                return figure
    raise AssertionError(f"no figure {key}")


def _rows(response, key) -> dict:
    return {row[0]: list(row[1:]) for row in _figure(response, key).rows}


def _report(enrolment, month: date, planned, legal, illegal, *, by):
    end = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
    return AbsenceReport.objects.create(
        enrolment=enrolment,
        period_start=month,
        period_end=end,
        planned_hours=Decimal(planned),
        absent_legal=Decimal(legal),
        absent_illegal=Decimal(illegal),
        submitted_by=by,
    )


def _aware(*args):
    return datetime(*args, tzinfo=CPH)


@pytest.fixture
def school_a(db):
    return factories.InstitutionFactory(name="A-skolen")


@pytest.fixture
def school_b(db):
    return factories.InstitutionFactory(name="B-skolen")


@pytest.fixture
def caseload(municipality, uu_user, forvaltning_user, school_a, school_b, other_municipality):
    """Three students (two at A, one at B), reports for December and January, three flags."""

    def enrol(institution, start, contact):
        person = factories.YoungPersonFactory(municipality=municipality, contact_person=contact)
        return factories.EnrolmentFactory(person=person, institution=institution, start_date=start)

    first = enrol(school_a, date(2025, 8, 1), uu_user)
    second = enrol(school_b, date(2025, 8, 1), forvaltning_user)
    third = enrol(school_a, date(2026, 12, 10), uu_user)
    _report(first, date(2026, 12, 1), 80, 4, 4, by=uu_user)  # A December: 8/80 = 10 %
    _report(second, date(2026, 12, 1), 120, 6, 0, by=uu_user)  # B December: 6/120 = 5 %
    _report(first, date(2027, 1, 1), 100, 20, 5, by=uu_user)  # A January: 25 %
    flag = factories.FlagFactory
    flag(
        person=first.person,
        kind=student_flags.RISING_ABSENCE,
        raised_at=_aware(2026, 11, 20, 6),
        resolved_at=_aware(2026, 12, 20, 6),
        resolved_by_job="absence_detect_rising",
    )
    flag(
        person=second.person,
        kind=student_flags.RISING_ABSENCE,
        raised_at=_aware(2027, 1, 5, 6),
        acknowledged_at=_aware(2027, 1, 6, 9),
        acknowledgement="Samtale med den unge.",
    )
    flag(person=third.person, kind=student_flags.OTHER, raised_at=_aware(2026, 9, 1, 9))
    flag(person=third.person, kind=student_flags.PLAN_REVISION_DUE, raised_at=_aware(2027, 1, 14))
    # Another municipality's student is never counted.
    stranger = factories.YoungPersonFactory(municipality=other_municipality)
    away = factories.EnrolmentFactory(person=stranger, institution=school_a)
    _report(away, date(2026, 12, 1), 100, 100, 0, by=uu_user)
    flag(person=stranger, kind=student_flags.OTHER)
    return first, second, third


@pytest.mark.time_machine(TODAY)
def test_absence_and_backlog_match_the_hand_count(client_for, leder_user, caseload):
    response = client_for(leder_user).get(reverse("students:statistics"))
    trend = _figure(response, "absence-trend")
    assert list(trend.columns) == ["Måned", "Alle institutioner", "A-skolen", "B-skolen"]
    rows = _rows(response, "absence-trend")
    assert rows["december 2026"] == [7.0, 10.0, 5.0]  # 14 of 200 hours overall
    assert rows["januar 2027"] == [25.0, 25.0, None]
    assert rows["november 2026"] == [None, None, None]

    share = _rows(response, "rising-absence")
    assert share["oktober 2026"] == [2, 0, 0.0]
    assert share["november 2026"] == [2, 1, 50.0]
    assert share["december 2026"] == [3, 1, 33.3]  # resolved on 20 December: still counted
    assert share["januar 2027"] == [3, 1, 33.3]

    handled = _rows(response, "rising-resolution")
    assert handled["Løst automatisk: fraværet faldt igen"] == [1]
    assert handled["Åbne, kvitteret (der bliver gjort noget)"] == [1]
    assert handled["Løst af en medarbejder"] == [0]
    assert handled["I alt"] == [2]

    backlog = _rows(response, "backlog")
    # 0–7, 8–30, 31–90, over 90 days, total
    assert backlog == {
        "Andet": [0, 0, 0, 1, 1],
        "Planen skal revideres": [1, 0, 0, 0, 1],
        "Stigende fravær": [0, 1, 0, 0, 1],
    }
    html = response.content.decode()
    assert 'id="figure-absence-trend" data-chart="{' in html and "figures.js" in html
    assert '<script id="' not in html  # no inline script, not even JSON
    assert '<th scope="row">december 2026</th><td>7,0</td>' in html


@pytest.mark.time_machine(TODAY)
def test_filters_narrow_every_figure(client_for, leder_user, uu_user, school_a, caseload):
    client = client_for(leder_user)
    response = client.get(reverse("students:statistics"), {"institution": school_a.pk})
    trend = _figure(response, "absence-trend")
    assert list(trend.columns) == ["Måned", "Alle institutioner", "A-skolen"]
    assert _rows(response, "rising-absence")["december 2026"] == [2, 1, 50.0]

    response = client.get(reverse("students:statistics"), {"kontaktperson": uu_user.pk})
    # The first student's rising-absence flag is resolved; the second has another contact.
    assert "Stigende fravær" not in _rows(response, "backlog")

    response = client.get(reverse("students:statistics"), {"aargang": 2026})
    assert _rows(response, "rising-absence")["januar 2027"] == [1, 0, 0.0]
    assert _rows(response, "backlog") == {
        "Andet": [0, 0, 0, 1, 1],
        "Planen skal revideres": [1, 0, 0, 0, 1],
    }


@pytest.mark.time_machine(TODAY)
def test_period_across_the_year_boundary_and_bad_months(client_for, leder_user, caseload):
    client = client_for(leder_user)
    response = client.get(reverse("students:statistics"), {"fra": "2026-12", "til": "2027-01"})
    assert list(_rows(response, "absence-trend")) == ["december 2026", "januar 2027"]
    assert _rows(response, "rising-resolution")["I alt"] == [1]  # raised 5 January

    response = client.get(reverse("students:statistics"), {"fra": "2027-02", "til": "2026-12"})
    assert "Slutmåneden ligger før startmåneden." in response.content.decode()
    assert len(_figure(response, "absence-trend").rows) == 12  # the default period

    response = client.get(reverse("students:statistics"), {"fra": "2026-13"})
    assert "Skriv måneden som ÅÅÅÅ-MM, fx 2026-01." in response.content.decode()


@pytest.mark.time_machine(TODAY)
def test_exports_hold_exactly_what_the_page_shows(client_for, leder_user, school_a, caseload):
    client = client_for(leder_user)
    query = {"institution": school_a.pk, "fra": "2026-12", "til": "2027-01"}
    page = client.get(reverse("students:statistics"), query)
    shown = [f for s in page.context["sections"] for f in s.figures]

    response = client.get(reverse("students:statistics"), {**query, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="stu-statistik-2026-12-2027-01.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Udvalg"]
    assert ["Institution", "A-skolen"] in lines
    assert ["december 2026", "10,0", "10,0"] in lines
    titles = [str(f.title) for f in shown]
    assert [line[0] for line in lines if line and line[0] in titles] == titles

    response = client.get(reverse("students:statistics"), {**query, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(shown) + 1
    sheet = book[
        book.sheetnames[
            [str(f.title) for f in shown].index("Fravær pr. måned (% af planlagte timer)") + 1
        ]
    ]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1] == ["Måned", "Alle institutioner", "A-skolen"]
    assert values[2] == ["december 2026", 10, 10]


def _more(municipality, uu_user, institution, n):
    for i in range(n):
        person = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        enrolment = factories.EnrolmentFactory(person=person, institution=institution)
        _report(enrolment, date(2026, 12, 1), 100, i % 7, 0, by=uu_user)
        factories.FlagFactory(person=person, kind=student_flags.RISING_ABSENCE)


@pytest.mark.time_machine(TODAY)
def test_query_count_does_not_grow_with_the_data(
    client_for, leder_user, municipality, uu_user, school_a, django_assert_max_num_queries
):
    client = client_for(leder_user)
    url = reverse("students:statistics")
    client.get(url)
    _more(municipality, uu_user, school_a, 5)
    with CaptureQueriesContext(connection) as five:
        client.get(url, {"format": "csv"})
    _more(municipality, uu_user, factories.InstitutionFactory(), 35)
    with CaptureQueriesContext(connection) as forty:
        response = client.get(url, {"format": "csv"})
    assert len(five) == len(forty), "\n".join(q["sql"] for q in forty.captured_queries)
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        response = client.get(url)
    assert _rows(response, "rising-absence")["januar 2027"][0] == 40


def test_the_team_sees_the_page_and_the_committee_does_not(
    client_for, visitation_user, outsider, jobcenter_user
):
    url = reverse("students:statistics")
    assert client_for(jobcenter_user).get(url).status_code == 200
    assert client_for(visitation_user).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 200  # their own municipality only


@pytest.mark.time_machine(TODAY)
def test_institution_staff_see_only_their_own_institution(client_for, school_a, caseload):
    staff = factories.UserFactory(roles=["institution"], municipality=None)
    factories.InstitutionMembershipFactory(user=staff, institution=school_a)
    response = client_for(staff).get(reverse("students:statistics"))
    assert [s.label for s in response.context["sections"]] == [
        "Årgange og veje efter STU",
        "Fravær og opgaver",
    ]
    trend = _figure(response, "absence-trend")
    assert list(trend.columns) == ["Måned", "Alle institutioner", "A-skolen"]
    # The other municipality's student at A-skolen counts too (100 % absent in December).
    assert _rows(response, "absence-trend")["december 2026"] == [60.0, 60.0]
    keys = {f.key for s in response.context["sections"] for f in s.figures}
    assert not keys & {"backlog", "rising-resolution", "mentors", "pipeline", "money-months"}
    assert "B-skolen" not in response.content.decode()
    assert response.context["form"].fields["kontaktperson"].choices == [("", "Alle")]

    elsewhere = factories.UserFactory(roles=["institution"], municipality=None)
    factories.InstitutionMembershipFactory(
        user=elsewhere, institution=factories.InstitutionFactory(name="C-skolen")
    )
    response = client_for(elsewhere).get(reverse("students:statistics"))
    assert _rows(response, "absence-trend")["december 2026"] == [None]
    assert "A-skolen" not in response.content.decode()


def test_the_leader_starts_at_the_statistics_page(client_for, leder_user, uu_user):
    assert client_for(leder_user).get(reverse("home"))["Location"] == reverse("students:statistics")
    assert client_for(uu_user).get(reverse("home"))["Location"] == reverse("work:home")
