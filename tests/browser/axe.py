"""axe-core (WCAG 2.1 A/AA) for the browser tests, and the one page check they all use.

axe is injected with ``add_script_tag``, an inline script the strict CSP would block, so the
contexts that run it bypass the CSP (``test_foundation_flow.py`` checks the CSP itself).
Violations with impact serious or critical fail; lesser ones are printed.
"""

from __future__ import annotations

from .conftest import AXE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
# The innermost elements that stick out to the right of the viewport (for the failure message).
_TOO_WIDE_JS = """(width) => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > width + 0.5
        && !e.closest('.table-scroll')
        && !Array.from(e.children).some(c => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 8)
    .map(e => `<${e.tagName.toLowerCase()}${e.className ? ' class=' + e.className : ''}> `
        + `${Math.round(e.getBoundingClientRect().right)}px: `
        + JSON.stringify((e.textContent || '').trim().slice(0, 40)))"""


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}")
            if node["summary"]:
                lines.extend(f"        {line}" for line in node["summary"].splitlines()[:4])
    return "\n".join(lines)


def assert_accessible(page, *, name: str, path: str, viewport: dict | None = None) -> None:
    """What every page must pass: Danish, a title; on an error state a focused error summary
    (screen-reader users hear what went wrong); on a phone no sideways scrolling (reflow,
    WCAG 1.4.10: only wide tables scroll, inside their own box); and no serious axe finding."""
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.title().strip(), f"{name}: the page has no title"
    if name.endswith("_error"):
        assert page.locator("#error-summary").count() == 1, f"{name}: no error summary"
        assert page.evaluate("document.activeElement && document.activeElement.id") == (
            "error-summary"
        ), f"{name}: the error summary does not have focus"
    if viewport is not None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (
            f"{name}: the page is {width}px wide on a phone; too wide: "
            + "; ".join(page.evaluate(_TOO_WIDE_JS, viewport["width"]))
        )
    violations = run_axe(page)
    minor = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
    if minor:
        print(f"\n{name}: minor/moderate axe findings:\n{describe(minor)}")
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"{name} ({path}):\n{describe(serious)}"
