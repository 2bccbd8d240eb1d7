"""axe-core (WCAG 2.1 A/AA) on the catalogue and absence-portal pages and their error states
(issue 5), on a desktop and, for the widest tables, on a phone. Same rules as
``test_accessibility.py``: serious or critical violations fail."""

from __future__ import annotations

import pytest

from .absence_pages import absence_demo, absence_pages  # noqa: F401 - fixtures
from .conftest import NARROW_VIEWPORT, open_site_page
from .test_accessibility import FAILING_IMPACTS, describe, run_axe

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
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.title().strip()
    if name.endswith("_error"):
        assert page.locator("#error-summary").count() == 1, f"{name}: no error summary"
        # The summary gets focus so screen-reader users hear what went wrong.
        assert page.evaluate("document.activeElement && document.activeElement.id") == (
            "error-summary"
        ), f"{name}: the error summary does not have focus"
    if viewport is not None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the page is {width}px wide on a phone"
    violations = run_axe(page)
    minor = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
    if minor:
        print(f"\n{name}: minor/moderate axe findings:\n{describe(minor)}")
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"{name} ({spec.path}):\n{describe(serious)}"
