"""The foundation flow in a real browser, and the strict CSP holding there.

A UU counsellor logs in through the form, finds a young person by name, opens the case, revises
the plan and sees the revision on the person page. (The edit-conflict path is covered with the
Django test client in tests/students/test_views.py.)
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from students.models import PlanRevision
from tests import factories

from .conftest import COMMITTED, console_collector

pytestmark = pytest.mark.browser


@COMMITTED
def test_log_in_find_a_young_person_and_revise_the_plan(
    new_context, uu_user, enrolled_person, person
):
    page = new_context().new_page()
    errors = console_collector(page)

    # Anonymous visitors are sent to the login page, and come back after logging in.
    page.goto(reverse("students:list"))
    assert page.url.split("?")[0].endswith(reverse("login"))
    page.get_by_label("Brugernavn").fill(uu_user.username)
    page.get_by_label("Adgangskode").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(re.escape(reverse("students:list")) + r"$"))
    assert page.locator("h1").inner_text() == "Unge"
    assert page.locator("html").get_attribute("lang") == "da"

    # Search by name: htmx swaps the results in and pushes the URL.
    page.get_by_label("Søg på navn").fill("Sofie")
    with page.expect_response(lambda r: "q=Sofie" in r.url):
        page.get_by_role("button", name="Søg", exact=True).click()
    results = page.locator("#caseload-results")
    results.get_by_text("1 ung fundet").wait_for()
    assert "q=Sofie" in page.url
    assert results.get_by_role("link", name=person.full_name).count() == 0

    # Open the person page.
    results.get_by_role("link", name=enrolled_person.full_name).click()
    page.wait_for_url(f"**{reverse('students:detail', args=[enrolled_person.pk])}")
    assert page.locator("h1").inner_text() == enrolled_person.full_name
    assert page.get_by_text("Planen er endnu ikke revideret.").is_visible()

    # Revise the plan.
    page.get_by_role("link", name="Redigér og revidér plan").click()
    page.wait_for_url(f"**{reverse('students:plan_edit', args=[enrolled_person.pk])}")
    words = "Jeg vil gerne lære at lave mad og arbejde i et køkken."
    page.get_by_label("Den unges egne ønsker og ord").fill(words)
    page.get_by_label("Årsag til ændringen eller revisionen").fill("Opstartsmøde på skolen")
    page.get_by_label("Den unge deltog").check()
    page.get_by_role("button", name="Gem plan som ny revision").click()

    # Back on the person page: the revision is in the table, the text in the plan.
    page.wait_for_url(re.compile(r"/unge/\d+/#plan$"))
    page.get_by_text("Planen er gemt som revision 1.").wait_for()
    revisions = page.get_by_role("table", name="Planens revisioner")
    first = revisions.locator("tbody tr").first
    assert first.get_by_role("link", name="Revision 1").is_visible()
    assert "Opstartsmøde på skolen" in first.inner_text()
    assert "den unge" in first.inner_text()
    page.get_by_text("Planens afsnit (forløbsplanens skabelon)").click()
    assert page.get_by_text(words).is_visible()

    revision = PlanRevision.objects.get(plan__person=enrolled_person)
    assert (revision.number, revision.created_by) == (1, uu_user)
    assert revision.snapshot["sections"]["young_person_words"] == words
    assert not errors, errors


def test_a_failed_login_shows_the_danish_error(new_context, uu_user):
    page = new_context().new_page()
    page.goto(reverse("login"))
    page.get_by_label("Brugernavn").fill(uu_user.username)
    page.get_by_label("Adgangskode").fill("forkert-kode")
    page.get_by_role("button", name="Log ind").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Du blev ikke logget ind" in alert.inner_text()
    # app.js moves the focus to the error summary, so screen readers announce it.
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_the_csp_holds_in_the_browser(new_context, uu_user, enrolled_person):
    """With the real CSP: no violations, htmx and DKFDS load, htmx requests work."""
    factories.RelativeFactory(person=enrolled_person)
    factories.FlagFactory(person=enrolled_person)
    page = new_context(uu_user).new_page()
    messages = console_collector(page)
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    response = page.goto(reverse("students:detail", args=[enrolled_person.pk]))
    assert response is not None and response.status == 200
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.DKFDS") == "object"

    # The CPR reveal is an htmx POST (CSRF token from data-hx-headers) swapping in a fragment.
    url_before = page.url
    with page.expect_response(lambda r: r.url.endswith("/cpr/") and r.status == 200):
        page.get_by_role("button", name="Vis fuldt CPR-nummer").click()
    page.locator("#cpr-value .muted").wait_for()
    cpr = enrolled_person.cpr
    assert f"{cpr[:6]}-{cpr[6:]}" in page.locator("#cpr-value").inner_text()
    assert page.url == url_before  # swapped in place, no navigation

    # The list's search form is htmx too.
    page.goto(reverse("students:list"))
    page.get_by_label("Søg på navn").fill("Sofie")
    with page.expect_response(lambda r: "q=Sofie" in r.url):
        page.get_by_role("button", name="Søg", exact=True).click()
    page.locator("#caseload-results").get_by_text("1 ung fundet").wait_for()

    assert not violations, violations
    assert not [m for m in messages if "Content Security Policy" in m or "pageerror" in m], messages
