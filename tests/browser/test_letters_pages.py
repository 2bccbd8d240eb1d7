"""axe-core (WCAG 2.1 A/AA) on the letters pages and their error states, on a desktop and,
for the person page's letters, on a phone; plus screenshots to look at
(``artifacts/screenshots/letters-*.png``)."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, open_site_page
from .letters_pages import letters_demo, letters_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [
    "person_letters",
    "letter_failed",
    "letter_hearing",
    "hearing_answer",
    "hearing_answer_error",
    "warning_letter",
    "warning_letter_error",
    "hearing_send",
    "hearing_send_error",
]
NARROW_PAGES = ["person_letters", "letter_failed"]


def test_the_page_list_matches(letters_pages):  # noqa: F811
    assert [p.name for p in letters_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, letters_pages, new_context):  # noqa: F811
    spec = next(p for p in letters_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    if name.endswith("_error"):
        assert "Der er fejl i formularen" in page.locator("#error-summary").inner_text()
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


def test_screenshots(letters_pages, new_context):  # noqa: F811
    """With the real CSP, as users see it; no console errors after the action."""
    from .conftest import console_collector

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in letters_pages:
        page = open_site_page(new_context, spec)
        errors = console_collector(page)
        path = SCREENSHOTS / f"letters-{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW_VIEWPORT)
            page.wait_for_timeout(100)
            narrow = SCREENSHOTS / f"letters-{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        assert not errors, f"{spec.name}: {errors}"
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
