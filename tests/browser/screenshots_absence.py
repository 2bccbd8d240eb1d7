"""Screenshots of the catalogue and absence-portal pages, for looking at.

    STU_TEST_DB_NAME=test_stu_shots .venv/bin/pytest tests/browser/screenshots_absence.py

PNGs land in ``artifacts/screenshots/<page>.png`` (git-ignored), with ``-mobil`` versions.
"""

from __future__ import annotations

import pytest

from .absence_pages import absence_demo, absence_pages  # noqa: F401 - fixtures
from .conftest import SCREENSHOTS, open_site_page

pytestmark = pytest.mark.browser

NARROW = {"width": 390, "height": 844}
NARROW_PAGES = {"portal_period_error", "catalogue", "person_absence_uu", "portal_institution"}


def test_screenshots(absence_pages, new_context):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for spec in absence_pages:
        page = open_site_page(new_context, spec)  # with the real CSP, as users see it
        path = SCREENSHOTS / f"{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW)
            page.wait_for_timeout(200)
            narrow = SCREENSHOTS / f"{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
    print("\n".join(str(p) for p in saved))
