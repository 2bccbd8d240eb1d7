"""axe-core (WCAG 2.1 A/AA) on the statistics page and its error state, the charts drawn under
the real CSP, and screenshots (``artifacts/screenshots/statistics*.png``), also on a phone."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, console_collector, open_site_page
from .statistics_pages import statistics_demo, statistics_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [
    "statistics",
    "statistics_error",
    "statistics_institution",
    "budget_edit",
    "budget_edit_error",
]


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param("statistics", NARROW_VIEWPORT, id="statistics-mobil")],
)
def test_no_serious_accessibility_violations(name, viewport, statistics_pages, new_context):  # noqa: F811
    spec = next(p for p in statistics_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


def test_charts_draw_under_the_real_csp_and_screenshots(statistics_pages, new_context):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    spec = statistics_pages[0]
    page = new_context(spec.user).new_page()
    errors = console_collector(page)
    page.goto(spec.path)
    page.wait_for_selector("#figure-absence-trend", state="visible")
    assert page.locator(".figure-chart:visible").count() >= 8
    assert page.locator("#figure-money-months").is_visible()
    assert not errors, errors
    saved = []
    for spec in statistics_pages:
        page = open_site_page(new_context, spec)
        path = SCREENSHOTS / f"{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name == "statistics":
            page.set_viewport_size(NARROW_VIEWPORT)
            page.wait_for_timeout(300)
            narrow = SCREENSHOTS / "statistics-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
            page.emulate_media(media="print")
            printed = SCREENSHOTS / "statistics-print.png"
            page.set_viewport_size({"width": 1000, "height": 1400})
            page.screenshot(path=str(printed), full_page=True)
            saved.append(printed)
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
