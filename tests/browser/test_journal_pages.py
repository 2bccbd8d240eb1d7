"""axe-core (WCAG 2.1 A/AA) on the journal and documents pages and their error states, on a
desktop and, for the person page's sections and the upload error, on a phone; plus
screenshots to look at (``artifacts/screenshots/journal-*.png``)."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, console_collector, open_site_page
from .journal_pages import journal_demo, journal_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [
    "journal_person_uu",
    "journal_person_institution",
    "journal_create",
    "journal_create_error",
    "journal_edit",
    "journal_correct",
    "journal_correct_error",
    "plan_print_journal",
    "document_upload",
    "document_upload_error",
    "document_upload_institution",
    "document_detail",
    "document_detail_deleted",
    "document_version",
    "document_version_error",
    "document_delete",
    "document_delete_error",
]
NARROW_PAGES = [
    "journal_person_uu",
    "journal_create_error",
    "document_upload_error",
    "document_detail",
]


def test_the_page_list_matches(journal_pages):  # noqa: F811
    assert [p.name for p in journal_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, journal_pages, new_context):  # noqa: F811
    spec = next(p for p in journal_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    if name.endswith("_error"):
        assert page.locator("#error-summary").is_visible()
    if name == "document_upload_error":
        assert "ikke en tilladt filtype" in page.locator("#error-summary").inner_text()
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


def test_screenshots(journal_pages, new_context):  # noqa: F811
    """With the real CSP, as users see it; no console errors."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in journal_pages:
        page = open_site_page(new_context, spec)
        errors = console_collector(page)
        path = SCREENSHOTS / f"journal-{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW_VIEWPORT)
            page.wait_for_timeout(100)
            narrow = SCREENSHOTS / f"journal-{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        assert not errors, f"{spec.name}: {errors}"
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
