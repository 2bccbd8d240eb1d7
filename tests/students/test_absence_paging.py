"""The period form of a large institution comes in pages of 50 students: a page costs the same
whatever the number of students, page 1 always holds the next students to report, and what was
typed on a page that fails is kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stu_case.audit.models import AccessLog
from students.models import AbsenceReport
from students.views.absence import PAGE_SIZE
from tests.institutions.helpers import months_back
from tests.transitions.factories_meetings import bulk_active_students

pytestmark = pytest.mark.django_db

LAST_MONTH = months_back(1)


def students(municipality, institution, count: int, start: int = 0) -> None:
    """``count`` students who report for last month (``bulk_active_students`` spreads the
    enrolments' starts over four years; every fifth has ended by now, so make 5/4 as many)."""
    made = bulk_active_students(
        municipality=municipality, institution=institution, count=count * 5 // 4, start=start * 2
    )
    assert made


def url(institution, page=None):
    base = reverse("portal:period", args=[institution.pk, LAST_MONTH.key])
    return f"{base}?side={page}" if page else base


def page_rows(response) -> list[dict]:
    """The form rows of a rendered page, as the browser would post them (all ticked)."""
    return [
        {
            "enrolment": str(form.initial["enrolment"]),
            "include": "on",
            "planned_hours": form.initial["planned_hours"],
            "absent_legal": "2",
            "absent_illegal": "0",
            "note": "",
        }
        for form in response.context["formset"].forms
    ]


def post_data(rows: list[dict]) -> dict:
    data = {"r-TOTAL_FORMS": str(len(rows)), "r-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"r-{i}-{k}": v for k, v in row.items()})
    return data


def test_pages_of_50_and_page_1_holds_the_next_to_report(
    client_for, municipality, institution, institution_user
):
    students(municipality, institution, 120)
    client = client_for(institution_user)
    first = client.get(url(institution))
    assert PAGE_SIZE == 50
    assert len(first.context["formset"].forms) == 50
    body = first.content.decode()
    assert "Side 1 af 3" in body
    assert "120 elever mangler indberetning i alt" in body
    third = client.get(url(institution, 3))
    assert len(third.context["formset"].forms) == 20
    assert 'action="' + url(institution, 3).replace("&", "&amp;") + '"' in third.content.decode()

    rows = page_rows(first)
    response = client.post(url(institution), post_data(rows))
    assert response.status_code == 302
    assert response["Location"] == url(institution), "back to the period: 70 still wait"
    assert AbsenceReport.objects.filter(period_start=LAST_MONTH.start).count() == 50

    again = client.get(url(institution))
    submitted = {r["enrolment"] for r in rows}
    now = {str(f.initial["enrolment"]) for f in again.context["formset"].forms}
    assert len(now) == 50 and not (now & submitted), "page 1 shows the next 50 to report"
    assert "70 elever mangler indberetning i alt" in again.content.decode()


def test_a_page_with_an_error_keeps_what_was_typed_and_saves_nothing(
    client_for, municipality, institution, institution_user
):
    students(municipality, institution, 60)
    client = client_for(institution_user)
    second = client.get(url(institution, 2))
    rows = page_rows(second)
    assert len(rows) == 10
    rows[0]["note"] = "Syg hele ugen 47"
    rows[3]["absent_legal"] = "900"  # more than planned
    response = client.post(url(institution, 2), post_data(rows))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Syg hele ugen 47" in body
    assert 'value="900"' in body
    assert "Side 2 af 2" in body
    assert not AbsenceReport.objects.filter(period_start=LAST_MONTH.start).exists()


def test_a_page_logs_the_students_it_shows(client_for, municipality, institution, institution_user):
    students(municipality, institution, 70)
    client = client_for(institution_user)
    before = AccessLog.objects.count()
    client.get(url(institution, 2))
    assert AccessLog.objects.count() - before == 20


def _get_queries(client, institution, django_assert_max_num_queries) -> tuple[int, int]:
    with django_assert_max_num_queries(QUERY_LIMIT) as ctx:
        response = client.get(url(institution))
    assert response.status_code == 200
    names = len(re.findall(r'name="r-\d+-enrolment"', response.content.decode()))
    return len(ctx.captured_queries), names


# Session, user, roles, institution, enrolments, rules, agreements, reports, previous reports,
# the access log and the navigation; the same at 5 and at 500 students.
QUERY_LIMIT = 16


def test_the_period_page_costs_the_same_for_5_and_500_students(
    client_for, municipality, institution, institution_user, django_assert_max_num_queries
):
    client = client_for(institution_user)
    students(municipality, institution, 5)
    small, small_rows = _get_queries(client, institution, django_assert_max_num_queries)
    students(municipality, institution, 495, start=5)
    big, big_rows = _get_queries(client, institution, django_assert_max_num_queries)
    assert (small_rows, big_rows) == (5, 50)
    assert big == small, (small, big)
