"""axe-core (WCAG 2.1 A/AA) on my work, substitutes, the calendar subscription, the
handover and the notification choices, with their error states and phone width, and a
screenshot of each in artifacts/screenshots/."""

from __future__ import annotations

import pytest

from .axe import assert_accessible
from .conftest import NARROW_VIEWPORT, SCREENSHOTS, open_site_page
from .work_pages import WORK_PAGES, work_demo, work_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

NARROW = [
    "my_work",
    "substitutes_error",
    "calendar_renewed",
    "handover_error",
    "notification_preferences",
]


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"work_{name}.png"), full_page=True)


def test_the_page_list_matches(work_pages):  # noqa: F811
    assert [p.name for p in work_pages] == WORK_PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in WORK_PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW],
)
def test_no_serious_accessibility_violations(name, viewport, work_pages, new_context):  # noqa: F811
    spec = next(p for p in work_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    shot(page, name if viewport is None else f"{name}_mobil")
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)
