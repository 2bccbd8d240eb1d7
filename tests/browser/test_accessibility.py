"""axe-core (WCAG 2.1 A/AA) on every page of the foundation, and on their error states
(the check itself is ``axe.assert_accessible``)."""

from __future__ import annotations

import pytest

from .axe import FAILING_IMPACTS, describe, run_axe
from .conftest import NARROW_VIEWPORT, open_site_page

pytestmark = pytest.mark.browser

# The names of the pages in ``site_pages`` (kept here so each page is its own test).
PAGES = [
    "login",
    "login_error",
    "list",
    "list_search",
    "list_cpr_miss",
    "person_create",
    "person_create_error",
    "person_uu",
    "person_uu_cpr_revealed",
    "person_institution",
    "person_adult_no_consent",
    "person_edit",
    "plan_form",
    "plan_form_error",
    "plan_form_adult",
    "goal_form",
    "goal_form_error",
    "goal_note",
    "relative_form",
    "relative_form_error",
    "consent_form",
    "mentor_form",
    "transfer_form",
    "transfer_form_error",
    "flag_form",
    "history",
    "plan_print",
    "plan_revision",
    "inbox",
    "not_found",
]

# Pages whose layout changes most on a phone (scrolling tables, stacked filters, the header).
NARROW_PAGES = [
    "login_error",
    "list",
    "person_uu",
    "person_adult_no_consent",
    "plan_form_error",
    "plan_revision",
    "history",
]


def test_the_page_list_matches_the_catalogue(site_pages):
    assert [p.name for p in site_pages] == PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW_PAGES],
)
def test_page_has_no_serious_accessibility_violations(name, viewport, site_pages, new_context):
    spec = next(p for p in site_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.title().strip(), f"{name}: the page has no title"
    if viewport is not None:
        # Reflow (WCAG 1.4.10): on a phone only wide tables scroll, inside their own box.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the page is {width}px wide on a phone"
    violations = run_axe(page)
    minor = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
    if minor:
        print(f"\n{name}: minor/moderate axe findings:\n{describe(minor)}")
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"{name} ({spec.path}):\n{describe(serious)}"
