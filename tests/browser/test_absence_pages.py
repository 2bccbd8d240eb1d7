"""axe-core (WCAG 2.1 A/AA) on the catalogue and absence-portal pages and their error states,
on a desktop and, for the widest tables, on a phone. Same rules as
``test_accessibility.py``: serious or critical violations fail."""

from __future__ import annotations

import pytest

from .absence_pages import absence_demo, absence_pages  # noqa: F401 - fixtures
from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, open_site_page

pytestmark = pytest.mark.browser

PAGES = [
    "portal_institution",
    "portal_period",
    "portal_period_error",
    "portal_upload",
    "portal_upload_error",
    "portal_correct",
    "portal_correct_error",
    "catalogue",
    "catalogue_error",
    "catalogue_institution_staff",
    "institution_detail",
    "person_absence_uu",
    "person_absence_institution",
]
NARROW_PAGES = ["portal_period_error", "catalogue", "person_absence_uu"]


def test_the_page_list_matches(absence_pages):  # noqa: F811
    assert [p.name for p in absence_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_no_serious_accessibility_violations(name, viewport, absence_pages, new_context):  # noqa: F811
    spec = next(p for p in absence_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)
