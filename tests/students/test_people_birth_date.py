"""Institution staff never learn a student's birth date: it is six of the CPR number's ten
digits, so with it (or with the caseload's exact CPR look-up, which answers found / not found)
the full CPR number could be recovered. Municipal staff keep both."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from stu_case.audit.models import AccessLog
from stu_case.formats import short_date
from students.models import cpr as cprlib
from tests import factories
from tests.institutions.helpers import months_back


def text(response) -> str:
    return html.unescape(response.content.decode())


def birth_dates(person) -> list[str]:
    """The birth date as the pages write it, and the day the person turns 25 (the birth date
    again, 25 years on)."""
    return [short_date(person.birth_date), short_date(person.turns_25_on)]


# ---------------------------------------------------------------- the person page
@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
def test_institution_staff_see_the_age_but_not_the_birth_date(
    enrolled_person, institution_user, client_for
):
    response = client_for(institution_user).get(
        reverse("students:detail", args=[enrolled_person.pk])
    )
    assert response.status_code == 200
    body = text(response)
    assert enrolled_person.full_name in body
    assert f"{enrolled_person.age} år" in body
    for date_text in birth_dates(enrolled_person):
        assert date_text not in body
    assert "Fødselsdato" not in body


@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
@pytest.mark.parametrize("role", ["uu_user", "forvaltning_user", "jobcenter_user", "leder_user"])
def test_municipal_staff_see_the_birth_date(role, enrolled_person, client_for, request):
    user = request.getfixturevalue(role)
    body = text(client_for(user).get(reverse("students:detail", args=[enrolled_person.pk])))
    for date_text in birth_dates(enrolled_person):
        assert date_text in body


# ---------------------------------------------------------------- the caseload's CPR look-up
def test_institution_staff_get_no_cpr_field(enrolled_person, institution_user, client_for):
    body = text(client_for(institution_user).get(reverse("students:list")))
    assert enrolled_person.full_name in body
    assert 'name="cpr"' not in body
    assert "Find på CPR-nummer" not in body


def test_the_team_keeps_the_cpr_field(uu_user, client_for):
    assert 'name="cpr"' in text(client_for(uu_user).get(reverse("students:list")))


@pytest.mark.parametrize("matches", [True, False], ids=["own-cpr", "other-cpr"])
def test_institution_staff_may_not_look_up_a_cpr(
    matches, enrolled_person, institution_user, client_for
):
    """Found and not found look the same: refused, and nothing is looked up or logged."""
    cpr = enrolled_person.cpr if matches else factories.cpr_for(enrolled_person.birth_date)
    response = client_for(institution_user).post(
        reverse("students:cpr_lookup"), {"cpr": cprlib.formatted(cpr)}
    )
    assert response.status_code == 403
    assert not AccessLog.objects.filter(details__contains="cpr=").exists()


def test_the_team_still_finds_by_cpr(person, enrolled_person, uu_user, client_for):
    response = client_for(uu_user).post(reverse("students:cpr_lookup"), {"cpr": person.cpr})
    assert response.url == reverse("students:detail", args=[person.pk])


# ---------------------------------------------------------------- the absence portal
def test_the_portal_lists_students_without_their_birth_date(
    enrolled_person, institution, institution_user, client_for
):
    response = client_for(institution_user).get(
        reverse("portal:institution", args=[institution.pk])
    )
    assert response.status_code == 200
    body = text(response)
    assert enrolled_person.full_name in body
    for date_text in birth_dates(enrolled_person):
        assert date_text not in body
    assert "Fødselsdato" not in body


def test_the_csv_template_has_no_birth_dates(
    enrolled_person, institution, institution_user, client_for
):
    url = reverse("portal:template", args=[institution.pk, months_back(1).key])
    response = client_for(institution_user).get(url)
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert enrolled_person.full_name in content
    assert "fødselsdato" not in content.splitlines()[0]
    for date_text in birth_dates(enrolled_person) + [f"{enrolled_person.birth_date:%Y-%m-%d}"]:
        assert date_text not in content
