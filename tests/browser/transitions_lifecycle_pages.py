"""Pages of the enrolment-lifecycle area (complete, transfer, planned end, clarification,
education elsewhere) for the accessibility test and the screenshots, with their data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def lifecycle_demo(
    municipality, institution, other_institution, uu_user, forvaltning_user, enrolled_person
):
    """Sofie, whose planned end was moved and whose transfer to another institution is
    planned; a second young person 30 days into the clarification phase."""
    from tests.transitions.factories_lifecycle import in_clarification
    from transitions.services import lifecycle as services

    today = timezone.localdate()
    sofie = enrolled_person
    enrolment = sofie.enrolments.current()
    services.enrolment_move_planned_end(
        person=sofie,
        planned_end_date=enrolment.planned_end_date + timedelta(days=120),
        reason="Længere praktikforløb aftalt på statusmødet; den unge har brug for mere tid.",
        user=forvaltning_user,
    )
    services.enrolment_transfer(
        person=sofie,
        institution=other_institution,
        transfer_date=today + timedelta(days=21),
        reason="Flytter til bosted i nabokommunen; kortere transport.",
        user=uu_user,
    )
    jonas = in_clarification(municipality, uu_user, institution)
    return {
        "sofie": sofie,
        "jonas": jonas,
        "institution": institution,
        "uu": uu_user,
        "forvaltning": forvaltning_user,
    }


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _fill_and_submit(**values):
    def act(page):
        for field, value in values.items():
            page.fill(f"#id_{field}", value)
        _submit(page)

    return act


def _transfer_to(institution):
    """Choose the institution the young person already attends, with no date and no reason."""

    def act(page):
        page.select_option("#id_institution", label=institution.name)
        _submit(page)

    return act


@pytest.fixture
def lifecycle_pages(lifecycle_demo) -> list[SitePage]:
    d = lifecycle_demo
    uu, fv = d["uu"], d["forvaltning"]
    s, j = d["sofie"].pk, d["jonas"].pk

    def u(name, pk):
        return reverse(name, args=[pk])

    return [
        SitePage("lifecycle_panel", uu, u("transitions:person", s) + "#lifecycle"),
        SitePage("complete", uu, u("transitions:lifecycle_complete", j)),
        SitePage(
            "complete_error",
            uu,
            u("transitions:lifecycle_complete", j),
            _fill_and_submit(completed_on="2099-01-01"),
        ),
        SitePage("transfer", uu, u("transitions:lifecycle_transfer", j)),
        SitePage(
            "transfer_error",
            uu,
            u("transitions:lifecycle_transfer", j),
            _transfer_to(d["institution"]),
        ),
        SitePage("planned_end", fv, u("transitions:lifecycle_planned_end", s)),
        SitePage(
            "planned_end_error",
            fv,
            u("transitions:lifecycle_planned_end", s),
            _fill_and_submit(planned_end_date="2099-01-01", reason="Mere tid."),
        ),
        SitePage("clarification", uu, u("transitions:lifecycle_clarification", j)),
        SitePage(
            "clarification_error",
            uu,
            u("transitions:lifecycle_clarification", j),
            _fill_and_submit(conclusion=""),
        ),
        SitePage("education", fv, u("transitions:lifecycle_education", j)),
        SitePage(
            "education_error",
            fv,
            u("transitions:lifecycle_education", j),
            _fill_and_submit(education=""),
        ),
    ]
