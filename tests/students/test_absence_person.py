"""The person page's absence section: chart data, the table alternative, who sees which
reports, and the contact person acknowledging the flag."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from students import flags as student_flags
from students.models import Flag
from students.services import absence_checks as absence_check_services
from tests import factories
from tests.institutions.helpers import enrol, long_ago, months_back, report


@pytest.fixture
def history(enrolled_person):
    e = enrolled_person.enrolments.get()
    report(e, months_back(3), legal="3.5")
    report(e, months_back(2), planned="0")
    report(e, months_back(1), legal="14", illegal="7", note="Mange sygedage")
    return e


def test_chart_data_and_table(client_for, uu_user, enrolled_person, history):
    response = client_for(uu_user).get(reverse("students:detail", args=[enrolled_person.pk]))
    body = response.content.decode()
    assert 'id="absence-chart-data"' in body and 'type="application/json"' in body
    data = response.context["absence"]["chart"]
    assert data["rate"] == [5.0, None, 30.0]
    assert data["illegal"] == [0.0, None, 10.0]
    assert data["threshold"] == 15.0
    assert len(data["labels"]) == 3
    # The json block parses, and the chart script is a static file (strict CSP).
    marker = '<script id="absence-chart-data" type="application/json">'
    start = body.index(marker) + len(marker)
    assert json.loads(body[start : body.index("</script>", start)])["rate"][2] == 30.0
    assert "js/absence-chart.js" in body
    # The table alternative has every period, incl. the one without planned hours.
    assert "ingen planlagte timer" in body and "Mange sygedage" in body
    assert "30 %" in body and "5 %" in body


def test_no_reports(client_for, uu_user, person):
    body = client_for(uu_user).get(reverse("students:detail", args=[person.pk])).content.decode()
    assert "Der er ikke indberettet fravær." in body
    assert "absence-chart-data" not in body


def test_institution_staff_see_only_their_institutions_reports(
    client_for, institution_user, enrolled_person, history, other_institution
):
    from students.services.enrolments import enrolment_end

    # An earlier enrolment elsewhere: its reports are not this institution's business.
    earlier = enrol(
        municipality=enrolled_person.municipality, institution=other_institution, start=long_ago()
    )
    report(earlier, months_back(20), legal="1")
    enrolment_end(
        enrolment=earlier, status="transferred", end_date=long_ago(400), reason="Skiftede"
    )
    response = client_for(institution_user).get(
        reverse("students:detail", args=[enrolled_person.pk])
    )
    rows = response.context["absence"]["rows"]
    assert {r["report"].enrolment_id for r in rows} == {history.pk}


def test_the_uu_contact_sees_and_acknowledges_the_flag(
    client_for, uu_user, enrolled_person, history
):
    absence_check_services.absence_detect_rising()
    flag = Flag.objects.get(person=enrolled_person, kind=student_flags.RISING_ABSENCE)
    client = client_for(uu_user)
    body = client.get(reverse("students:detail", args=[enrolled_person.pk])).content.decode()
    assert "Stigende fravær" in body
    url = reverse("students:flag_acknowledge", args=[enrolled_person.pk, flag.pk])
    assert url in body
    response = client.post(url, {"acknowledgement": "Møde med den unge og institutionen aftalt."})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_by == uu_user and "Møde" in flag.acknowledgement
    body = client.get(reverse("students:detail", args=[enrolled_person.pk])).content.decode()
    assert "Møde med den unge og institutionen aftalt." in body


def test_flag_history_keeps_resolved_flags(client_for, uu_user, enrolled_person):
    factories.FlagFactory(
        person=enrolled_person, kind=student_flags.RISING_ABSENCE, details="Gammelt flag"
    )
    Flag.objects.filter(person=enrolled_person).update(
        resolution="Løst automatisk: fraværet er faldet."
    )
    from django.utils import timezone

    Flag.objects.filter(person=enrolled_person).update(resolved_at=timezone.now())
    body = (
        client_for(uu_user)
        .get(reverse("students:detail", args=[enrolled_person.pk]))
        .content.decode()
    )
    assert "Gammelt flag" in body and "fraværet er faldet" in body
