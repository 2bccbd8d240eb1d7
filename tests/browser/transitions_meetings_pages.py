"""Status meeting pages for the accessibility test and the screenshots, with the data
they need (``from .transitions_meetings_pages import meetings_demo, meetings_pages``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from students import flags as student_flags

from .conftest import SitePage


@pytest.fixture
def meetings_demo(
    municipality,
    institution,
    other_institution,
    uu_user,
    jobcenter_user,
    forvaltning_user,
    leder_user,
    institution_user,
    enrolled_person,
):
    """Four students; a closed meeting with an overdue action; an upcoming meeting with
    requests sent, one answered, and the walk-through started."""
    from students.models import EducationPlan, Severity
    from tests import factories
    from tests.transitions.factories_meetings import (
        MeetingActionFactory,
        StatusMeetingFactory,
        StatusRequestFactory,
        at,
        enrol,
    )
    from transitions.models.meetings import MeetingStatus
    from transitions.services import meetings as services

    today = timezone.localdate()
    ali = enrol(
        municipality=municipality,
        institution=institution,
        contact=uu_user,
        first_name="Ali",
        last_name="Hassan",
    )
    mads = enrol(
        municipality=municipality,
        institution=other_institution,
        contact=uu_user,
        first_name="Mads",
        last_name="Kjær",
    )
    enrol(
        municipality=municipality,
        institution=institution,
        contact=uu_user,
        first_name="Emma",
        last_name="Lund",
    )
    factories.FlagFactory(
        person=ali,
        kind=student_flags.RISING_ABSENCE,
        severity=Severity.CRITICAL,
        details="Fraværet var 28 % i sidste måned.",
    )
    EducationPlan.objects.filter(person=mads).update(next_revision_due=today - timedelta(days=4))
    earlier = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(today - timedelta(days=80)),
        created_by=uu_user,
        status=MeetingStatus.CLOSED,
    )
    MeetingActionFactory(
        meeting=earlier,
        person=ali,
        responsible=forvaltning_user,
        deadline=today - timedelta(days=10),
        description="Søg om mentor",
    )
    services.meeting_actions_flag_overdue()
    meeting = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(today + timedelta(days=12)),
        created_by=uu_user,
        place="Rådhuset, mødelokale 2",
    )
    meeting.participants.set([uu_user, jobcenter_user, forvaltning_user])
    req = StatusRequestFactory(meeting=meeting, institution=institution)
    StatusRequestFactory(meeting=meeting, institution=other_institution)
    services.status_answers_save(
        status_request=req,
        answers=[
            {
                "person": enrolled_person,
                "wellbeing": "mixed",
                "wellbeing_note": "Glad for køkkenet, træt om mandagen.",
                "goal_progress": "Kan nu følge en opskrift selv.",
                "absence_comment": "",
                "internship": "Praktik i kantinen fra marts.",
                "concerns": "",
            }
        ],
        user=institution_user,
    )
    fresh = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(today + timedelta(days=40)),
        created_by=uu_user,
    )
    fresh_req = StatusRequestFactory(meeting=fresh, institution=institution)
    return {
        "meeting": meeting,
        "fresh": fresh,
        "request": req,
        "fresh_request": fresh_req,
        "uu": uu_user,
        "jobcenter": jobcenter_user,
        "forvaltning": forvaltning_user,
        "institution_user": institution_user,
        "ali": ali,
    }


def _submit(selector: str):
    def act(page):
        with page.expect_navigation():
            page.locator(selector).first.click()

    return act


def _past_date(page):
    """Move the meeting into the past: refused with a Danish message, nothing saved."""
    page.fill("#id_date", "2020-01-06")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _htmx_submit(selector: str):
    def act(page):
        page.locator(selector).first.click()
        page.wait_for_selector("#error-summary")

    return act


def _started(demo):
    from transitions.services import meetings as services

    services.meeting_items_sync(meeting=demo["meeting"], user=demo["uu"])


@pytest.fixture
def meetings_pages(meetings_demo) -> list[SitePage]:
    d = meetings_demo
    _started(d)
    uu, inst = d["uu"], d["institution_user"]
    m = d["meeting"].pk

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("meetings_list", uu, u("transitions:meeting_list")),
        SitePage(
            "meetings_list_error",
            uu,
            u("transitions:meeting_list"),
            _submit("main form[method=post] button[type=submit]"),
        ),
        SitePage("meeting_detail", uu, u("transitions:meeting_detail", m)),
        SitePage("meeting_step", uu, u("transitions:meeting_step", m, 1)),
        SitePage(
            "meeting_step_error",
            uu,
            u("transitions:meeting_step", m, 1),
            _htmx_submit("#actions form button[type=submit]"),
        ),
        SitePage("meeting_actions", uu, u("transitions:meeting_actions")),
        SitePage("meeting_close", uu, u("transitions:meeting_close", m)),
        SitePage("meeting_edit", uu, u("transitions:meeting_edit", m)),
        SitePage("meeting_edit_error", uu, u("transitions:meeting_edit", m), _past_date),
        SitePage(
            "portal_requests",
            inst,
            u("transitions:meeting_portal_requests", d["request"].institution_id),
        ),
        SitePage(
            "portal_request", inst, u("transitions:meeting_portal_request", d["fresh_request"].pk)
        ),
        SitePage(
            "portal_request_error",
            inst,
            u("transitions:meeting_portal_request", d["fresh_request"].pk),
            _submit("main form[method=post] button[type=submit]"),
        ),
        SitePage("meeting_detail_jobcenter", d["jobcenter"], u("transitions:meeting_detail", m)),
    ]


MEETINGS_PAGES = [
    "meetings_list",
    "meetings_list_error",
    "meeting_detail",
    "meeting_step",
    "meeting_step_error",
    "meeting_actions",
    "meeting_close",
    "meeting_edit",
    "meeting_edit_error",
    "portal_requests",
    "portal_request",
    "portal_request_error",
    "meeting_detail_jobcenter",
]

__all__ = ["MEETINGS_PAGES", "meetings_demo", "meetings_pages"]
