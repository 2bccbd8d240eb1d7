"""axe-core (WCAG 2.1 A/AA) on the enrolment-lifecycle pages and their error states, on a desktop
and, for the panel and a form, on a phone; plus screenshots to look at
(``artifacts/screenshots/lifecycle-*.png``)."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, open_site_page
from .transitions_lifecycle_pages import lifecycle_demo, lifecycle_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [
    "lifecycle_panel",
    "complete",
    "complete_error",
    "transfer",
    "transfer_error",
    "planned_end",
    "planned_end_error",
    "clarification",
    "clarification_error",
    "education",
    "education_error",
]
NARROW_PAGES = ["lifecycle_panel", "transfer_error"]


def test_the_page_list_matches(lifecycle_pages):  # noqa: F811
    assert [p.name for p in lifecycle_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, lifecycle_pages, new_context):  # noqa: F811
    spec = next(p for p in lifecycle_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    if name.endswith("_error"):
        assert "Intet er gemt" in page.locator("#error-summary").inner_text()
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


def test_screenshots(lifecycle_pages, new_context):  # noqa: F811
    """With the real CSP, as users see it; no console errors after the action."""
    from .conftest import console_collector

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in lifecycle_pages:
        page = open_site_page(new_context, spec)
        errors = console_collector(page)
        path = SCREENSHOTS / f"lifecycle-{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW_VIEWPORT)
            page.wait_for_timeout(100)
            narrow = SCREENSHOTS / f"lifecycle-{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        assert not errors, f"{spec.name}: {errors}"
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
