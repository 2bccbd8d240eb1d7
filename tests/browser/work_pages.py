"""My work, substitutes, the calendar subscription, the handover and the notification
choices, for the accessibility test and the screenshots
(``from .work_pages import WORK_PAGES, work_demo, work_pages``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage

WORK_PAGES = [
    "my_work",
    "my_work_empty",
    "substitutes",
    "substitutes_error",
    "calendar",
    "calendar_renewed",
    "handover_pick",
    "handover",
    "handover_error",
    "notification_preferences",
]


@pytest.fixture
def work_demo(municipality, institution, uu_user, forvaltning_user, leder_user, visitation_user):
    """uu has flags, an overdue action, a meeting and a plan revision, and stands in for
    forvaltning this week (whose young person has an open flag)."""
    from students import flags as student_flags
    from students.models import EducationPlan, PersonStatus, YoungPerson
    from students.services import caseload as caseload_services
    from tests import factories
    from tests.transitions.factories_meetings import (
        MeetingActionFactory,
        StatusMeetingFactory,
        at,
        enrol,
    )

    today = timezone.localdate()
    people = {}
    for first, last, contact in (
        ("Ali", "Hassan", uu_user),
        ("Emma", "Lund", uu_user),
        ("Mads", "Kjær", uu_user),
        ("Sara", "Nielsen", forvaltning_user),
    ):
        people[first] = enrol(
            municipality=municipality,
            institution=institution,
            contact=contact,
            first_name=first,
            last_name=last,
        )
    YoungPerson.objects.update(status=PersonStatus.ENROLLED)
    factories.FlagFactory(person=people["Ali"], kind=student_flags.RISING_ABSENCE)
    factories.FlagFactory(person=people["Sara"], kind=student_flags.MISSING_ABSENCE_REPORT)
    EducationPlan.objects.filter(person=people["Emma"]).update(
        next_revision_due=today + timedelta(days=12)
    )
    meeting = StatusMeetingFactory(
        municipality=municipality, created_by=uu_user, starts_at=at(today + timedelta(days=6))
    )
    meeting.participants.set([uu_user, forvaltning_user])
    MeetingActionFactory(
        meeting=meeting,
        person=people["Mads"],
        responsible=uu_user,
        deadline=today - timedelta(days=2),
        description="Ring til praktikstedet",
    )
    caseload_services.substitution_create(
        absent=forvaltning_user,
        substitute=uu_user,
        starts_on=today,
        ends_on=today + timedelta(days=7),
        note="Ferie",
        by=forvaltning_user,
    )
    return {"uu": uu_user, "leder": leder_user, "visitation": visitation_user}


def _submit(selector: str = "main form[method=post] button[type=submit]"):
    def act(page):
        with page.expect_navigation():
            page.locator(selector).first.click()

    return act


@pytest.fixture
def work_pages(work_demo) -> list[SitePage]:
    d = work_demo
    uu, leder = d["uu"], d["leder"]
    handover = reverse("students:handover") + f"?fra={uu.pk}"
    return [
        SitePage("my_work", uu, reverse("work:home")),
        SitePage("my_work_empty", d["visitation"], reverse("work:home")),
        SitePage("substitutes", uu, reverse("work:substitutes")),
        SitePage("substitutes_error", uu, reverse("work:substitutes"), _submit()),
        SitePage("calendar", uu, reverse("work:calendar")),
        SitePage("calendar_renewed", uu, reverse("work:calendar"), _submit()),
        SitePage("handover_pick", leder, reverse("students:handover")),
        SitePage("handover", leder, handover),
        SitePage("handover_error", leder, handover, _submit()),
        SitePage("notification_preferences", uu, reverse("notifications:preferences")),
    ]
