"""axe-core (WCAG 2.1 A/AA) on every page built so far, and on their error states.

axe is injected with ``add_script_tag``, an inline script the strict CSP would block, so these
contexts bypass the CSP (``test_foundation_flow.py`` checks the CSP itself in the browser).
Violations with impact serious or critical fail the test; lesser ones are printed.
"""

from __future__ import annotations

import pytest

from .conftest import AXE, NARROW_VIEWPORT, open_site_page

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# The names of the pages in ``site_pages`` (kept here so each page is its own test).
PAGES = [
    "login",
    "login_error",
    "list",
    "list_search",
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


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}")
            if node["summary"]:
                lines.extend(f"        {line}" for line in node["summary"].splitlines()[:4])
    return "\n".join(lines)


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
