"""axe-core (WCAG 2.1 A/AA) on the internship pages and their error states, plus
screenshots to look at (``artifacts/screenshots/internship_*.png``)."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import COMMITTED, NARROW_VIEWPORT, SCREENSHOTS, open_site_page
from .transitions_internships_pages import internships_demo, internships_pages  # noqa: F401

pytestmark = pytest.mark.browser

PAGES = [
    "internship_transitions_panel",
    "internship_person",
    "internship_match",
    "internship_profile",
    "internship_create",
    "internship_create_error",
    "internship_evaluate",
    "internship_evaluate_error",
    "internship_place_list",
    "internship_place_list_filtered",
    "internship_place_detail",
    "internship_place_create",
    "internship_place_create_error",
    "internship_overview",
    "internship_portal_link",
]
NARROW_PAGES = ["internship_match", "internship_place_list", "internship_person"]


def test_the_page_list_matches(internships_pages):  # noqa: F811
    assert [p.name for p in internships_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, internships_pages, new_context):  # noqa: F811
    spec = next(p for p in internships_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


@COMMITTED
def test_choose_a_place_from_the_match_and_evaluate(internships_demo, new_context):  # noqa: F811
    """UU picks the best match for Sofie, plans the internship; it shows on her page."""
    d = internships_demo
    page = new_context(d["uu"]).new_page()
    from django.urls import reverse

    page.goto(reverse("transitions:internship_match", args=[d["sofie"].pk]))
    first = page.locator("ol.match-list > li").first
    assert "Grønt Vejle" not in first.inner_text()
    with page.expect_navigation():
        page.locator("ol.match-list a", has_text="Vælg og opret praktik").first.click()
    chosen = page.locator("#id_place option:checked").inner_text()
    assert chosen.strip() != "– Ikke i listen –"
    page.check("#id_purpose_1")  # afklaring
    page.check("#id_stage_2")  # trin 3
    page.fill("#id_start_date", "2030-02-01")
    page.fill("#id_end_date", "2030-04-30")
    page.fill("#id_goals", "Afklare et muligt fleksjob.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Praktikken er oprettet." in page.inner_text("main")
    assert "Trin 3: Mulig arbejdsplads efter STU" in page.inner_text("main")
    assert "01.02.2030" in page.inner_text("main")


def test_screenshots(internships_pages, new_context):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in internships_pages:
        page = open_site_page(new_context, spec)  # with the real CSP, as users see it
        path = SCREENSHOTS / f"{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW_VIEWPORT)
            page.wait_for_timeout(200)
            narrow = SCREENSHOTS / f"{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
