"""The money part of the statistics page against a hand count, and who sees it.

Looked at on 15 January 2027 for November 2026 to January 2027: one full-time enrolment that
spans two agreements (96,000 kr a year in 2026, 108,000 from 2027), one enrolment at a list
price of 60,000 with a pause from 10 December to New Year.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from institutions.models import QualityAgreement
from tests import factories
from tests.transitions.factories_pathway import PauseFactory
from transitions.models import Budget, PauseStatus

pytestmark = pytest.mark.django_db
TODAY = "2027-01-15 10:00 +01:00"
PERIOD = {"fra": "2026-11", "til": "2027-01"}


def _figures(response) -> dict:
    return {f.key: f for s in response.context["sections"] for f in s.figures}


def _agreement(institution, municipality, start, end, price):
    agreement = QualityAgreement.objects.create(
        title=f"Aftale {start.year}",
        institution=institution,
        valid_from=start,
        valid_to=end,
        price_per_year=Decimal(price),
    )
    agreement.municipalities.add(municipality)
    return agreement


@pytest.fixture
def priced(municipality, other_municipality, uu_user):
    school_a = factories.InstitutionFactory(name="A-skolen", price_per_year=Decimal(120_000))
    school_b = factories.InstitutionFactory(name="B-skolen", price_per_year=Decimal(60_000))
    _agreement(school_a, municipality, date(2026, 1, 1), date(2026, 12, 31), 96_000)
    _agreement(school_a, municipality, date(2027, 1, 1), None, 108_000)
    # Another municipality's agreement with B never prices this municipality's students.
    _agreement(school_b, other_municipality, date(2020, 1, 1), None, 1_000)

    def enrol(institution, start):
        person = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        return factories.EnrolmentFactory(person=person, institution=institution, start_date=start)

    enrol(school_a, date(2026, 11, 16))
    paused = enrol(school_b, date(2025, 8, 1))
    PauseFactory(
        person=paused.person,
        enrolment=paused,
        status=PauseStatus.RESUMED,
        start_date=date(2026, 12, 10),
        planned_return_date=date(2027, 2, 1),
        resumed_on=date(2027, 1, 1),
    )
    return school_a, school_b


@pytest.mark.time_machine(TODAY)
def test_costs_match_the_hand_count(client_for, leder_user, priced):
    response = client_for(leder_user).get(reverse("students:statistics"), PERIOD)
    figures = _figures(response)
    months = figures["money-months"]
    assert list(months.columns) == ["Måned", "I alt", "A-skolen", "B-skolen"]
    assert [list(r) for r in months.rows] == [
        # A: 8,000 a month x 15 of 30 days; B: 5,000 a month
        ["november 2026", 9000, 4000, 5000],
        # B paused 10-31 December: 5,000 x 9/31 = 1,451.61
        ["december 2026", 9452, 8000, 1452],
        # The 2027 agreement: 9,000 a month
        ["januar 2027", 14000, 9000, 5000],
        ["I alt", 32452, 21000, 11452],
    ]
    assert [list(r) for r in figures["money-years"].rows] == [[2026, 18452], [2027, 14000]]
    forecast = figures["money-forecast"]
    assert forecast.rows[0] == ["februar 2027", 14000]
    assert forecast.rows[-1] == ["I alt", 12 * 14000]


@pytest.mark.time_machine(TODAY)
def test_institution_filter_and_export(client_for, forvaltning_user, priced):
    school_a, _school_b = priced
    client = client_for(forvaltning_user)
    query = {**PERIOD, "institution": school_a.pk}
    response = client.get(reverse("students:statistics"), query)
    assert _figures(response)["money-months"].rows[-1] == ["I alt", 21000, 21000]
    response = client.get(reverse("students:statistics"), {**query, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = next(book[n] for n in book.sheetnames if n.startswith("Udgifter pr. måned"))
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[2] == ["november 2026", 4000, 4000]


@pytest.mark.time_machine(TODAY)
def test_only_leaders_and_forvaltning_see_money(client_for, uu_user, jobcenter_user, priced):
    for user in (uu_user, jobcenter_user):
        client = client_for(user)
        response = client.get(reverse("students:statistics"), PERIOD)
        assert "money-months" not in _figures(response)
        assert "Økonomi" not in response.content.decode()
        export = client.get(reverse("students:statistics"), {**PERIOD, "format": "csv"})
        assert "Udgifter" not in export.content.decode("utf-8-sig")


@pytest.mark.time_machine(TODAY)
def test_the_leader_sets_the_budget_and_sees_the_variance(client_for, leder_user, priced):
    client = client_for(leder_user)
    page = client.get(reverse("students:statistics"))
    assert reverse("transitions:budget_edit", args=[2027]) in page.content.decode()
    assert _figures(page)["money-budget"].rows[0] == ["Budget", None]

    url = reverse("transitions:budget_edit", args=[2027])
    response = client.post(url, {"amount": "-5"})
    assert response.status_code == 200
    assert "Budget" in response.content.decode() and not Budget.objects.exists()

    response = client.post(url, {"amount": "150000"})
    assert response.status_code == 302
    response = client.get(response["Location"])
    budget = {row[0]: row[1] for row in _figures(response)["money-budget"].rows}
    assert budget == {
        "Budget": 150000,
        "Forbrug til og med januar 2027": 14000,
        "Prognose for resten af året": 11 * 14000,
        "Forventet forbrug for året": 12 * 14000,
        "Afvigelse (forventet forbrug minus budget)": 12 * 14000 - 150000,
    }
    client.post(url, {"amount": "170000"})
    assert Budget.objects.get().amount == Decimal(170_000)


def test_only_the_leader_enters_the_budget(client_for, forvaltning_user, uu_user, outsider):
    url = reverse("transitions:budget_edit", args=[2027])
    for user in (forvaltning_user, uu_user):
        assert client_for(user).post(url, {"amount": "1"}).status_code == 403
    assert not Budget.objects.exists()


@pytest.mark.time_machine(TODAY)
def test_granted_stu_that_starts_later_is_in_the_forecast(
    client_for, leder_user, municipality, uu_user, priced
):
    school_a, _school_b = priced
    person = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
    factories.EnrolmentFactory(person=person, institution=school_a, start_date=date(2027, 3, 1))
    response = client_for(leder_user).get(reverse("students:statistics"), PERIOD)
    forecast = {row[0]: row[1] for row in _figures(response)["money-forecast"].rows}
    assert forecast["februar 2027"] == 14000
    assert forecast["marts 2027"] == 14000 + 9000
    # Nothing of it in the months already spent.
    assert _figures(response)["money-months"].rows[-1][1] == 32452


@pytest.mark.time_machine(TODAY)
def test_the_council_report_holds_the_same_figures(
    client_for, leder_user, priced, pdf_url_fetchers
):
    from pypdf import PdfReader

    response = client_for(leder_user).get(
        reverse("students:statistics"), {**PERIOD, "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="stu-rapport-2026-11-2027-01.pdf"' in response["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "STU – årsrapport til kommunalbestyrelsen" in text
    assert "Udgifter pr. måned (kr.)" in text and "32.452" in text
    assert "Tilgang pr. måned" in text
