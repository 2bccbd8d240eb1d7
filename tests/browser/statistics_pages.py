"""The statistics page for the accessibility test and the screenshots, with data enough for
every chart (``from .statistics_pages import statistics_demo, statistics_pages``)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def statistics_demo(
    municipality, institution, other_institution, uu_user, leder_user, institution_user
):
    from stu_case.calendar import add_months, last_of_month, month_start_after
    from students import flags as student_flags
    from students.models import AbsenceReport
    from tests import factories
    from tests.transitions.factories_exit import FollowUpFactory, completed_person
    from transitions.models import Destination

    today = timezone.localdate()
    for where, price in ((institution, 380_000), (other_institution, 310_000)):
        where.price_per_year = Decimal(price)
        where.save(update_fields=["price_per_year"])
    for n, where in enumerate([institution, institution, other_institution, other_institution]):
        person = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        enrolment = factories.EnrolmentFactory(
            person=person, institution=where, start_date=add_months(today, -14 - 6 * n)
        )
        for back in range(1, 7):
            month = month_start_after(today, -back)
            AbsenceReport.objects.create(
                enrolment=enrolment,
                period_start=month,
                period_end=last_of_month(month),
                planned_hours=Decimal(70),
                absent_legal=Decimal(2 + n + back % 3),
                absent_illegal=Decimal(n % 2 * back),
                submitted_by=uu_user,
            )
        if n % 2:
            factories.FlagFactory(
                person=person,
                kind=student_flags.RISING_ABSENCE,
                raised_at=timezone.now() - timedelta(days=20 * n),
            )
    done = completed_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        ended_on=add_months(today, -4),
        expected=Destination.FLEXJOB,
    )
    FollowUpFactory(
        person=done,
        enrolment=done.enrolments.get(),
        ended_on=add_months(today, -4),
        destination=Destination.FLEXJOB,
    )
    return {"leder": leder_user, "institution": institution_user}


@pytest.fixture
def statistics_pages(statistics_demo) -> list[SitePage]:
    url = reverse("students:statistics")
    leder = statistics_demo["leder"]
    budget = reverse("transitions:budget_edit", args=[timezone.localdate().year])
    return [
        SitePage("statistics", leder, url),
        SitePage("statistics_error", leder, url + "?fra=2026-13&til=2026-01"),
        SitePage("statistics_institution", statistics_demo["institution"], url),
        SitePage("budget_edit", leder, budget),
        SitePage("budget_edit_error", leder, budget, _post_budget("-5")),
    ]


def _post_budget(amount: str):
    def act(page):
        page.fill("#id_amount", amount)
        with page.expect_navigation():
            page.click("main form[method=post] button[type=submit]")

    return act
