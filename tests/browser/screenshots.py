"""Full-page screenshots of every page in the catalogue, for looking at (not a default test).

Run it explicitly (the file name does not match ``test_*.py``, so the normal run skips it)::

    STU_TEST_DB_NAME=test_stu_shots .venv/bin/pytest tests/browser/screenshots.py

``STU_SHOTS=list,list_cpr_miss`` takes only the pages named. The PNGs land in ``artifacts/screenshots/<page>.png`` (git-ignored), plus a narrow-screen
version of a few pages as ``<page>-mobil.png``.
"""

from __future__ import annotations

import os

import pytest

from .conftest import SCREENSHOTS, open_site_page

pytestmark = pytest.mark.browser

NARROW = {"width": 390, "height": 844}
NARROW_PAGES = {"list", "person_uu", "plan_form_error", "login_error"}


def test_screenshots(site_pages, new_context):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    only = {name for name in os.environ.get("STU_SHOTS", "").split(",") if name}
    for spec in site_pages:
        if only and spec.name not in only:
            continue
        page = open_site_page(new_context, spec)  # with the real CSP, as users see it
        # Screenshots should not catch the focus ring of the error summary mid-animation.
        page.wait_for_timeout(100)
        path = SCREENSHOTS / f"{spec.name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        if spec.name in NARROW_PAGES:
            page.set_viewport_size(NARROW)
            narrow = SCREENSHOTS / f"{spec.name}-mobil.png"
            page.screenshot(path=str(narrow), full_page=True)
            saved.append(narrow)
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
    print("\n".join(str(p) for p in saved))
