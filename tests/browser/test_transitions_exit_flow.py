"""A walk through the final year in the browser: the final-year job has run; the
jobcenter, now an active planner, fills the exit plan; UU writes the functional description
and hands it over as PDF; the jobcenter finds it in the inbox and on the person page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.transitions.factories_exit import final_year_person
from transitions.models.exit import Destination, ExitPlan, FunctionalDescriptionHandover
from transitions.services import exit as services

from .conftest import COMMITTED, console_collector

pytestmark = [pytest.mark.browser, COMMITTED]


def test_final_year_walk(new_context, municipality, institution, uu_user, jobcenter_user):
    lea = final_year_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        first_name="Lea",
        last_name="Mortensen",
    )
    services.final_year_activate()
    person_url = reverse("transitions:person", args=[lea.pk])

    # The jobcenter: an active planner now, so the exit plan is theirs to edit too.
    page = new_context(jobcenter_user).new_page()
    errors = console_collector(page)
    page.goto(person_url)
    assert page.locator("#exit .tag", has_text="Aktiv deltager i udslusningen").count() == 1
    with page.expect_navigation():
        page.click(f"#exit a[href='{reverse('transitions:exit_plan', args=[lea.pk])}']")
    page.select_option("#id_expected_destination", Destination.FLEXJOB)
    page.fill("#id_final_internship", "Brdr. Jensen A/S, lager, 10 uger fra marts.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".alert-success, [role=status]").first.is_visible()
    assert page.locator("#exit dd", has_text="Fleksjob").count() == 1
    assert ExitPlan.objects.get(person=lea).expected_destination == Destination.FLEXJOB

    # UU writes the functional description and hands it over.
    page = new_context(uu_user).new_page()
    errors += console_collector(page)
    page.goto(person_url)
    with page.expect_navigation():
        page.click("text=Start funktionsbeskrivelsen")
    textareas = page.locator("main form textarea")
    for i in range(textareas.count()):
        textareas.nth(i).fill(f"Konkret beskrivelse nr. {i + 1}.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    with page.expect_navigation():
        page.click("text=Overdrag til jobcentret som PDF")
    page.select_option("#id_to_contact", str(jobcenter_user.pk))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    handover = FunctionalDescriptionHandover.objects.get(person=lea)
    assert handover.handed_over_to == jobcenter_user
    assert page.locator("#exit li", has_text="Overdraget").count() == 1

    # The jobcenter gets a notification that leads to the PDF.
    page = new_context(jobcenter_user).new_page()
    page.goto(reverse("notifications:inbox"))
    assert page.locator("main", has_text="Funktionsbeskrivelse overdraget").count() == 1
    response = page.request.get(reverse("transitions:exit_fd_pdf", args=[lea.pk, handover.pk]))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert not errors, errors
