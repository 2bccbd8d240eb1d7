"""Screenshots of a few admin pages, for looking at (not a default test)::

    STU_TEST_DB_NAME=test_stu_shots .venv/bin/pytest tests/browser/screenshots_admin.py

PNGs land in ``artifacts/screenshots/admin-<page>.png`` (git-ignored), taken with the real CSP.
"""

from __future__ import annotations

import pytest

from .admin_pages import admin_path, admin_superuser_pk  # noqa: F401 - fixture
from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def _pages():
    from django.contrib.auth.models import Group

    from institutions.models import QualityReview
    from stu_case.accounts.models import User
    from transitions.models.pathway import Interruption

    return {
        "index": admin_path("index"),
        "app-transitions": admin_path("app_index", "transitions"),
        "interruption-change": admin_path("change", Interruption),  # case data: read-only
        "user-change": admin_path("change", User),  # split date-time, filter widget
        "group-add": admin_path("add", Group),
        "qualityreview-change": admin_path("change", QualityReview),  # tabular inline
    }


def test_screenshots(admin_superuser_pk, new_context):  # noqa: F811
    from stu_case.accounts.models import User

    superuser = User.objects.get(pk=admin_superuser_pk)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, path in _pages().items():
        page = new_context(superuser).new_page()
        errors = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        assert page.goto(path).status == 200, path
        page.wait_for_load_state("load")
        shot = SCREENSHOTS / f"admin-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        saved.append(shot)
        assert not errors, f"{name}: {errors}"
        page.close()
    assert all(p.stat().st_size > 5_000 for p in saved)
    print("\n".join(str(p) for p in saved))
