"""axe-core (WCAG 2.1 A/AA) on the final-year and exit pages and their error states,
plus screenshots of each page with the real CSP (``artifacts/screenshots/exit_*.png``)."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, console_collector, open_site_page
from .transitions_exit_pages import exit_demo, exit_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [
    "exit_person_uu",
    "exit_person_jobcenter",
    "exit_plan",
    "exit_plan_error",
    "exit_end_conversation_error",
    "exit_fd_edit",
    "exit_fd_handover_error",
    "exit_involvement",
    "exit_task_create_error",
    "exit_follow_up_error",
    "exit_statistics",
]
NARROW_PAGES = ["exit_person_uu", "exit_statistics"]


def test_the_page_list_matches(exit_pages):  # noqa: F811
    assert [p.name for p in exit_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, exit_pages, new_context):  # noqa: F811
    spec = next(p for p in exit_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


def test_statistics_chart_draws_under_the_real_csp(exit_pages, new_context):  # noqa: F811
    spec = next(p for p in exit_pages if p.name == "exit_statistics")
    page = new_context(spec.user).new_page()
    errors = console_collector(page)
    page.goto(spec.path)
    page.wait_for_selector("#exit-chart", state="visible")
    assert page.locator(".exit-chart").is_visible()
    assert page.locator("table th[scope=row]", has_text="Fleksjob").count() == 1
    assert not errors, errors


def test_screenshots(exit_pages, new_context):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in exit_pages:
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
