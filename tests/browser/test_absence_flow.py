"""Absence reporting in a real browser: the institution reports a month for all its students (one of
them with rising absence) in one form; the UU contact person then logs in, sees the flag and
the absence chart on the person page, and acknowledges the flag. The strict CSP holds (no
console errors) with htmx and Chart.js."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from students import flags as student_flags
from students.models import AbsenceReport, Flag
from tests import factories
from tests.institutions.helpers import enrol, months_back, report

from .conftest import COMMITTED, console_collector

pytestmark = [pytest.mark.browser, COMMITTED]

NAMES = (("Sofie", "Nielsen"), ("Ali", "Hassan"), ("Mads", "Kjær"), ("Emma", "Lund"))


def log_in(page, user):
    page.goto(reverse("login"))
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_institution_reports_a_month_and_uu_sees_the_flag(
    new_context, municipality, institution, institution_user, uu_user
):
    students = [
        enrol(
            municipality=municipality,
            institution=institution,
            start=months_back(4).start,
            contact=uu_user,
            first_name=first,
            last_name=last,
        )
        for first, last in NAMES
    ]
    for e in students:
        for n in (4, 3, 2):
            report(e, months_back(n), legal="3", user=institution_user)
    rising = students[0]
    period = months_back(1)

    # --- the institution coordinator
    page = new_context().new_page()
    errors = console_collector(page)
    log_in(page, institution_user)
    page.wait_for_url(f"**{reverse('portal:institution', args=[institution.pk])}")
    assert page.locator("h1").inner_text() == f"Fraværsindberetning – {institution.name}"
    page.get_by_role("link", name=f"Indberet fravær for {period.label.lower()}").click()
    page.wait_for_url(f"**{reverse('portal:period', args=[institution.pk, period.key])}")

    for e in students:
        name = e.person.full_name
        assert page.get_by_label(f"Indberet for {name}").is_checked()
        assert page.get_by_label(f"Planlagte timer – {name}", exact=True).input_value() == "70"
        page.get_by_label(f"Lovligt fravær (timer) – {name}", exact=True).fill("2,5")
    name = rising.person.full_name
    page.get_by_label(f"Lovligt fravær (timer) – {name}", exact=True).fill("18")
    page.get_by_label(f"Ulovligt fravær (timer) – {name}", exact=True).fill("3")
    page.get_by_label(f"Note – {name}", exact=True).fill("Syg to uger; ulovligt fravær fredage")

    # A mistake first: the error summary gets focus, nothing is saved.
    page.get_by_label(f"Ulovligt fravær (timer) – {students[1].person.full_name}", exact=True).fill(
        "80"
    )
    page.get_by_role("button", name="Indberet for 4 elever").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "er større end de planlagte timer" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert not AbsenceReport.objects.filter(period_start=period.start).exists()

    page.get_by_label(f"Ulovligt fravær (timer) – {students[1].person.full_name}", exact=True).fill(
        "0"
    )
    page.get_by_role("button", name="Indberet for 4 elever").click()
    page.wait_for_url(
        re.compile(re.escape(reverse("portal:institution", args=[institution.pk])) + "$")
    )
    assert page.get_by_text("er indberettet for 4 elev(er)").is_visible()
    assert AbsenceReport.objects.filter(period_start=period.start).count() == 4
    assert (
        Flag.objects.open().filter(person=rising.person, kind=student_flags.RISING_ABSENCE).exists()
    )
    page.get_by_role("button", name="Log af").click()
    page.wait_for_url(f"**{reverse('login')}*")
    assert not errors, errors

    # --- the UU contact person
    page = new_context().new_page()
    errors = console_collector(page)
    log_in(page, uu_user)
    page.wait_for_url(f"**{reverse('work:home')}")  # a caseworker starts at "my work"
    page.get_by_role("link", name="Indbakke").click()
    assert page.get_by_text("Stigende fravær hos en ung i din sagsstamme").first.is_visible()
    page.goto(reverse("students:detail", args=[rising.person_id]))
    flags = page.locator("#flags")
    assert flags.get_by_text("Stigende fravær", exact=True).is_visible()
    assert "Fraværet i" in flags.inner_text()
    # Chart.js drew the chart (a static script reading the json_script block).
    canvas = page.locator("#absence-chart")
    canvas.wait_for(state="visible")
    assert canvas.bounding_box()["height"] > 100
    # The table alternative is there, collapsed now that the chart is drawn.
    page.get_by_text("Fraværet som tabel").click()
    assert page.locator("#absence-table").get_by_text("Syg to uger").is_visible()

    assert not Flag.objects.filter(kind=student_flags.MISSING_ABSENCE_REPORT).exists()
    flags.get_by_role("link", name=re.compile("Kvittér og skriv hvad der gøres.*Stigende")).click()
    page.get_by_label("Hvad bliver der gjort?").fill(
        "Møde med Sofie, mor og kontaktlæreren på fredag."
    )
    page.get_by_role("button", name="Kvittér").click()
    page.wait_for_url(f"**{reverse('students:detail', args=[rising.person_id])}*")
    assert page.get_by_text("Møde med Sofie, mor og kontaktlæreren på fredag.").is_visible()
    assert not errors, errors
