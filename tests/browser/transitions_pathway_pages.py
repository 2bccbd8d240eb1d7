"""Pages of the pathway area (pauses, interruption, mentors, housing) for the
accessibility test and the screenshots, with the data they need."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def pathway_demo(
    municipality,
    institution,
    uu_user,
    forvaltning_user,
    jobcenter_user,
    leder_user,
    enrolled_person,
):
    """Sofie on a running pause that needs a new target-group assessment, with a mentor (and a
    past one) and an unplanned housing move; Ali with an interruption at step 2; Mads whose
    enrolment was interrupted (follow-up due); Emma with a requested pause."""
    from students.models import MentorKind
    from tests import factories
    from tests.transitions.factories_pathway import decision_data, pause_data, steps_1_and_2
    from transitions.services import interruption as interruption_services
    from transitions.services import pathway as services

    today = timezone.localdate()

    def enrolled(first, last, days_ago):
        young = factories.YoungPersonFactory(
            municipality=municipality, contact_person=uu_user, first_name=first, last_name=last
        )
        factories.EnrolmentFactory(
            person=young, institution=institution, start_date=today - timedelta(days=days_ago)
        )
        return young

    sofie = enrolled_person
    pause = services.pause_create(
        person=sofie,
        data=pause_data(
            sofie,
            start_date=today - timedelta(days=30),
            planned_return_date=today + timedelta(days=60),
            activity_description="Dagbehandling i ungepsykiatrien to dage om ugen; ugentlig "
            "samtale med mentor.",
        ),
        user=uu_user,
    )
    services.pause_approve(
        pause=pause, user=forvaltning_user, requires_reassessment=True, note="Godkendt."
    )
    factories.MentorAssignmentFactory(
        person=sofie,
        kind=MentorKind.SUPPORT_CONTACT,
        name="Lone Berg",
        start_date=today - timedelta(days=80),
        end_date=None,
    )
    factories.MentorAssignmentFactory(
        person=sofie,
        name="Per Holm",
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=90),
    )
    services.housing_plan_save(
        person=sofie,
        current_situation="parents",
        move_needed=True,
        target_situation="supported",
        support="Bostøtte efter § 85, 6 timer om ugen.",
        user=forvaltning_user,
    )
    ali = enrolled("Ali", "Hassan", 500)
    steps_1_and_2(ali, uu_user)
    mads = enrolled("Mads", "Kjær", 600)
    steps_1_and_2(mads, uu_user, day=today - timedelta(days=40))
    interruption_services.interruption_decide(person=mads, data=decision_data(), user=uu_user)
    emma = enrolled("Emma", "Larsen", 300)
    requested = services.pause_create(person=emma, data=pause_data(emma), user=uu_user)
    mentor = sofie.mentors.get(name="Lone Berg")
    return {
        "sofie": sofie,
        "pause": pause,
        "ali": ali,
        "mads": mads,
        "emma": emma,
        "requested": requested,
        "mentor": mentor,
        "uu": uu_user,
        "forvaltning": forvaltning_user,
        "leder": leder_user,
    }


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _clear_and_submit(*selectors):
    def act(page):
        for selector in selectors:
            page.fill(selector, "")
        _submit(page)

    return act


def _reject_without_reason(page):
    page.check("#id_decision_1")
    _submit(page)


def _decide_without_jobcenter(page):
    page.fill("#id_causes_examined", "Angst; behandling forsøgt uden effekt.")
    page.fill("#id_decision_reason", "Ingen deltagelse i tre måneder trods justeret plan.")
    page.fill("#id_follow_up_plan", "Jobcentret indkalder til samtale.")
    page.fill("#id_jobcenter_informed_on", "")
    _submit(page)


def _move_without_target(page):
    page.check("#id_move_needed_1")
    page.select_option("#id_target_situation", "")
    _submit(page)


@pytest.fixture
def pathway_pages(pathway_demo) -> list[SitePage]:
    d = pathway_demo
    uu, fv = d["uu"], d["forvaltning"]
    s = d["sofie"].pk

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("pathway_panel", uu, u("transitions:person", s) + "#pathway"),
        SitePage("pathway_panel_leder", d["leder"], u("transitions:person", s)),
        SitePage("pathway_panel_interruption", uu, u("transitions:person", d["ali"].pk)),
        SitePage("pathway_panel_dropped_out", uu, u("transitions:person", d["mads"].pk)),
        SitePage("pause_create", uu, u("transitions:pause_create", d["emma"].pk)),
        SitePage(
            "pause_create_error",
            uu,
            u("transitions:pause_create", d["ali"].pk),
            _clear_and_submit("#id_activity_description"),
        ),
        SitePage(
            "pause_decide", fv, u("transitions:pause_decide", d["emma"].pk, d["requested"].pk)
        ),
        SitePage(
            "pause_decide_error",
            fv,
            u("transitions:pause_decide", d["emma"].pk, d["requested"].pk),
            _reject_without_reason,
        ),
        SitePage("pause_resume", uu, u("transitions:pause_resume", s, d["pause"].pk)),
        SitePage(
            "pause_resume_error", uu, u("transitions:pause_resume", s, d["pause"].pk), _submit
        ),
        SitePage("interruption_step1", uu, u("transitions:interruption_step", s, 1)),
        SitePage(
            "interruption_step1_error",
            uu,
            u("transitions:interruption_step", s, 1),
            _clear_and_submit("#id_plan_adjusted_on"),
        ),
        SitePage("interruption_step3", uu, u("transitions:interruption_step", d["ali"].pk, 3)),
        SitePage(
            "interruption_step3_error",
            uu,
            u("transitions:interruption_step", d["ali"].pk, 3),
            _decide_without_jobcenter,
        ),
        SitePage("housing_edit", fv, u("transitions:housing_edit", s)),
        SitePage("housing_edit_error", fv, u("transitions:housing_edit", s), _move_without_target),
        SitePage("mentor_end", uu, u("transitions:mentor_end", s, d["mentor"].pk)),
    ]
