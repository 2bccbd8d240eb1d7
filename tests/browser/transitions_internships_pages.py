"""Internship pages for the accessibility test and the screenshot script, with the
data they need (``from .transitions_internships_pages import internships_demo,
internships_pages``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def internships_demo(
    municipality, institution, uu_user, jobcenter_user, institution_user, enrolled_person
):
    """Sofie (at ``institution``) with a profile, a completed interest-based internship, an
    ongoing vocational one and a planned workplace internship; five places, some shared."""
    from institutions.models import Accommodation as A
    from institutions.models import Trade as T
    from tests.transitions.factories_internships import (
        InternshipFactory,
        InternshipPlaceFactory,
        InternshipProfileFactory,
    )
    from transitions.models.internships import InternshipStatus

    today = timezone.localdate()

    def place(name, trades, needs, shared=True, **kw):
        return InternshipPlaceFactory(
            institution=institution,
            company_name=name,
            trades=trades,
            accommodations=needs,
            shared_with_jobcenter=shared,
            **kw,
        )

    canteen = place("Kantinen på Vejle Rådhus", [T.KITCHEN], [A.SHORT_DAYS, A.MENTOR], capacity=3)
    cafe = place("Café Fjordblik", [T.CAFE, T.KITCHEN], [A.SHORT_DAYS])
    place("Grønt Vejle – Park og Vej", [T.GARDENING], [A.MENTOR, A.ROUTINES])
    place("Dyreklinikken Nørreskov", [T.ANIMALS], [A.QUIET], shared=False)
    place("Lagerhotellet Vejle Nord", [T.WAREHOUSE], [A.PHYSICAL, A.ROUTINES], capacity=2)
    InternshipProfileFactory(
        person=enrolled_person,
        trades=[T.KITCHEN, T.CAFE],
        accommodations=[A.SHORT_DAYS, A.MENTOR],
        interests="Jeg kan godt lide at lave mad og vil gerne møde mange mennesker.",
    )
    InternshipFactory(
        person=enrolled_person,
        place=cafe,
        start_date=today - timedelta(days=180),
        end_date=today - timedelta(days=152),
        status=InternshipStatus.COMPLETED,
        goals="Prøve en arbejdsdag i et café-køkken og møde til tiden.",
        evaluation="Mødte stabilt og var glad for at lave mad; blev træt efter fire timer.",
        learned="At følge en opskrift og bede om hjælp.",
        next_step="Erhvervsrettet praktik i et større køkken med mentor.",
        evaluated_on=today - timedelta(days=150),
        evaluated_by=institution_user,
    )
    ongoing = InternshipFactory(
        person=enrolled_person,
        place=canteen,
        stage=2,
        purpose="clarification",
        hours_per_week=15,
        goals="Klare faste opgaver i kantinen tre dage om ugen; afklare arbejdstempo.",
    )
    return {
        "sofie": enrolled_person,
        "canteen": canteen,
        "ongoing": ongoing,
        "uu": uu_user,
        "jobcenter": jobcenter_user,
        "institution_user": institution_user,
    }


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _bad_place(page):
    page.fill("#id_company_name", "")
    page.fill("#id_cvr", "12345678")
    page.fill("#id_capacity", "0")
    _submit(page)


def _bad_internship(page):
    page.fill("#id_company_name", "Netto")
    page.fill("#id_start_date", "2026-05-20")
    page.fill("#id_end_date", "2026-05-01")
    _submit(page)


def _filter_places(page):
    page.select_option("#id_trade", "kitchen")
    with page.expect_response(lambda r: "trade=kitchen" in r.url):
        page.click("form.filters button[type=submit]")
    page.wait_for_selector("#places table")


@pytest.fixture
def internships_pages(internships_demo) -> list[SitePage]:
    d = internships_demo
    uu, inst = d["uu"], d["institution_user"]
    pk = d["sofie"].pk

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("internship_transitions_panel", uu, u("transitions:person", pk) + "#internships"),
        SitePage("internship_person", inst, u("transitions:internship_person", pk)),
        SitePage("internship_match", uu, u("transitions:internship_match", pk)),
        SitePage("internship_profile", uu, u("transitions:internship_profile", pk)),
        SitePage("internship_create", uu, u("transitions:internship_create", pk)),
        SitePage(
            "internship_create_error", uu, u("transitions:internship_create", pk), _bad_internship
        ),
        SitePage(
            "internship_evaluate", inst, u("transitions:internship_evaluate", pk, d["ongoing"].pk)
        ),
        SitePage(
            "internship_evaluate_error",
            inst,
            u("transitions:internship_evaluate", pk, d["ongoing"].pk),
            _submit,
        ),
        SitePage("internship_place_list", inst, u("transitions:internship_place_list")),
        SitePage(
            "internship_place_list_filtered",
            uu,
            u("transitions:internship_place_list"),
            _filter_places,
        ),
        SitePage(
            "internship_place_detail",
            inst,
            u("transitions:internship_place_detail", d["canteen"].pk),
        ),
        SitePage("internship_place_create", inst, u("transitions:internship_place_create")),
        SitePage(
            "internship_place_create_error",
            inst,
            u("transitions:internship_place_create"),
            _bad_place,
        ),
        SitePage("internship_overview", inst, u("transitions:internship_overview")),
        SitePage(
            "internship_portal_link",
            inst,
            u("portal:institution", d["sofie"].enrolments.get().institution_id),
        ),
    ]
