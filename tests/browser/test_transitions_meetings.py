"""Status meetings in the browser: a walk through a status meeting (plan it, open it,
go through the students in meeting mode with htmx, record a status and an action, next
student, close, minutes PDF), and axe-core (WCAG 2.1 A/AA) on every new page and its error
states, with a screenshot of each in artifacts/screenshots/."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .axe import assert_accessible
from .conftest import COMMITTED, NARROW_VIEWPORT, SCREENSHOTS, console_collector, open_site_page
from .transitions_meetings_pages import (  # noqa: F401 - fixtures
    MEETINGS_PAGES,
    meetings_demo,
    meetings_pages,
)

pytestmark = pytest.mark.browser

NARROW = ["meeting_detail", "meeting_step", "portal_request_error"]


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"transitions_meetings_{name}.png"), full_page=True)


def test_the_page_list_matches(meetings_pages):  # noqa: F811
    assert [p.name for p in meetings_pages] == MEETINGS_PAGES


@pytest.mark.parametrize(
    ("name", "viewport"),
    [pytest.param(n, None, id=n) for n in MEETINGS_PAGES]
    + [pytest.param(n, NARROW_VIEWPORT, id=f"{n}-mobil") for n in NARROW],
)
def test_no_serious_accessibility_violations(name, viewport, meetings_pages, new_context):  # noqa: F811
    spec = next(p for p in meetings_pages if p.name == name)
    page = open_site_page(new_context, spec, bypass_csp=True, viewport=viewport)
    shot(page, name if viewport is None else f"{name}_mobil")
    assert_accessible(page, name=name, path=spec.path, viewport=viewport)


@COMMITTED
def test_walk_through_a_status_meeting(meetings_demo, new_context):  # noqa: F811
    from pypdf import PdfReader

    from transitions.models.meetings import MeetingAction, MeetingStatus, StatusMeeting

    d = meetings_demo
    uu = d["uu"]
    page = new_context(uu).new_page()  # with the strict CSP: no inline script may be needed
    errors = console_collector(page)

    # Plan a meeting for next month with the team.
    page.goto(reverse("transitions:meeting_list"))
    day = timezone.localdate() + timedelta(days=25)
    page.fill("#id_date", day.isoformat())
    page.fill("#id_time", "13:00")
    page.fill("#id_place", "Jobcentret, lokale 4")
    for user in (uu, d["jobcenter"], d["forvaltning"]):
        page.locator(f"input[name=participants][value='{user.pk}']").evaluate(
            "el => { el.checked = true; }"
        )
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    meeting = StatusMeeting.objects.order_by("-pk").first()
    assert page.url.endswith(reverse("transitions:meeting_detail", args=[meeting.pk]))
    assert "Statusmødet er oprettet" in page.content()
    agenda_rows = page.locator(".agenda-table tbody tr")
    assert agenda_rows.count() == 4
    # The most urgent first: Ali has a critical flag and an overdue action.
    assert "Ali Hassan" in agenda_rows.first.inner_text()
    shot(page, "walk_1_agenda")

    # Meeting mode.
    with page.expect_navigation():
        page.click("text=Start gennemgangen")
    assert "1 af 4" in page.locator("#progress").inner_text()
    assert page.locator("h1").inner_text() == "Ali Hassan"
    assert "Søg om mentor" in page.locator("#followup").inner_text()
    page.fill("#id_status_note", "Fraværet er steget; mentor er søgt, men ikke bevilget.")
    page.fill("#id_decisions", "Forvaltningen rykker for mentor.")
    # First the status (htmx, stays on the student), then the action.
    page.click("#status button[name=save]")
    page.wait_for_selector("#meeting-step .alert-success")
    page.fill("#id_action-description", "Ring til institutionen om fremmøde")
    page.select_option("#id_action-responsible", str(uu.pk))
    page.fill("#id_action-deadline", (timezone.localdate() + timedelta(days=14)).isoformat())
    page.click("#actions form button[type=submit]")
    page.wait_for_selector("#actions table >> text=Ring til institutionen om fremmøde")
    shot(page, "walk_2_step")
    # Follow-up of the earlier action: mark it done (in place).
    page.click("#followup button[type=submit]")
    page.wait_for_selector("#followup >> text=Ingen åbne opgaver fra tidligere møder")

    # Next student (htmx swap, URL pushed).
    page.click("text=Næste elev →")
    page.locator("#progress", has_text="2 af 4").wait_for()
    assert page.url.endswith(reverse("transitions:meeting_step", args=[meeting.pk, 2]))
    page.fill("#id_status_note", "Trives, planrevision skal holdes snart.")
    page.click("#status button[name=save_next]")
    page.locator("#progress", has_text="3 af 4").wait_for()
    shot(page, "walk_3_next")

    item1 = meeting.items.get(position=1)
    assert item1.status_note.startswith("Fraværet er steget")
    assert item1.decisions == "Forvaltningen rykker for mentor."
    assert meeting.items.get(position=2).status_note.startswith("Trives")
    action = MeetingAction.objects.get(meeting=meeting)
    assert (action.person, action.responsible) == (d["ali"], uu)

    # Close and download the minutes.
    page.goto(reverse("transitions:meeting_close", args=[meeting.pk]))
    page.fill("#id_summary", "UU samler status fra institutionerne næste gang.")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    with page.expect_download() as download_info:
        page.click("text=Referat (PDF)")
    pdf = download_info.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Ali Hassan" in text
    assert "Forvaltningen rykker for mentor." in text
    assert "Ring til institutionen om fremmøde" in text
    assert "Søg om mentor" in text  # followed up at this meeting
    shot(page, "walk_4_closed")
    assert not errors, errors


@COMMITTED
def test_without_javascript_meeting_mode_still_works(meetings_demo, browser, live_server):  # noqa: F811
    from django.conf import settings
    from django.test import Client

    d = meetings_demo
    from transitions.services import meetings as services

    services.meeting_items_sync(meeting=d["meeting"], user=d["uu"])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    client = Client()
    client.force_login(d["uu"])
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(reverse("transitions:meeting_step", args=[d["meeting"].pk, 1]))
    page.fill("#id_status_note", "Uden JavaScript.")
    with page.expect_navigation():
        page.click("#status button[name=save_next]")
    assert "2 af 4" in page.locator("#progress").inner_text()
    assert d["meeting"].items.get(position=1).status_note == "Uden JavaScript."
    context.close()
