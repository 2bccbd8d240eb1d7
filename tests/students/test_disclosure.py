"""Team-only text never reaches institution staff: each field that ``stu_case.permissions.
disclosure`` names is checked here, on every page institution staff may open that shows it.

Each case writes a marker into one field, then reads the page as the student's institution
(the marker must be absent, while the page itself shows) and as the contact person from UU (the
marker must be there). The last test makes sure no team-only field is left out of this file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse

from stu_case.permissions import disclosure
from students import flags as student_flags
from students.models import Agency, Enrolment, EnrolmentStatus, GoalArea
from students.services import plans as plan_services
from tests import factories

MARKER = "Hemmelig-teamtekst-7Q"


def body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _flag(person, **fields):
    factories.FlagFactory(person=person, kind=student_flags.OTHER, **fields)
    return reverse("students:detail", args=[person.pk])


def flag_details(person, uu_user):
    return [_flag(person, details=MARKER)]


def flag_acknowledgement(person, uu_user):
    from django.utils import timezone

    return [
        _flag(
            person,
            details="",
            acknowledged_by=uu_user,
            acknowledged_at=timezone.now(),
            acknowledgement=MARKER,
        )
    ]


def flag_resolution(person, uu_user):
    from django.utils import timezone

    return [_flag(person, details="", resolved_at=timezone.now(), resolution=MARKER)]


def enrolment_end_reason(person, uu_user):
    """An earlier enrolment elsewhere, interrupted before the current one started."""
    current = person.enrolments.current()
    Enrolment.objects.create(
        person=person,
        institution=factories.InstitutionFactory(),
        start_date=current.start_date - timedelta(days=400),
        planned_end_date=current.start_date - timedelta(days=30),
        clarification_end_date=current.start_date - timedelta(days=316),
        status=EnrolmentStatus.DROPPED_OUT,
        end_date=current.start_date - timedelta(days=60),
        end_reason=MARKER,
    )
    return [reverse("students:detail", args=[person.pk])]


def revision_justification(person, uu_user):
    plan = person.plan
    rev = plan_services.plan_update(
        plan=plan,
        expected_version=plan.version,
        data={},
        revision=plan_services.RevisionInfo(reason="Statusmøde", justification=MARKER),
        user=uu_user,
    )
    return [
        reverse("students:plan_revision", args=[person.pk, rev.number]),
        reverse("students:detail", args=[person.pk]),
    ]


def health_goal(person, uu_user):
    factories.PlanGoalFactory(
        plan=person.plan,
        owning_agency=Agency.FORVALTNING,
        area=GoalArea.HEALTH,
        description=MARKER,
    )
    plan = person.plan
    rev = plan_services.plan_update(
        plan=plan,
        expected_version=plan.version,
        data={},
        revision=plan_services.RevisionInfo(reason="Statusmøde"),
        user=uu_user,
    )
    return [
        reverse("students:detail", args=[person.pk]),
        reverse("students:plan_print", args=[person.pk]),
        reverse("students:plan_revision", args=[person.pk, rev.number]),
    ]


@dataclass(frozen=True)
class Case:
    model: str
    field: str
    pages: object  # (person, uu_user) -> the URLs that would show the marker


CASES = [
    Case("students.flag", "details", flag_details),
    Case("students.flag", "acknowledgement", flag_acknowledgement),
    Case("students.flag", "resolution", flag_resolution),
    Case("students.enrolment", "end_reason", enrolment_end_reason),
    Case("students.planrevision", "justification", revision_justification),
    Case("students.plangoal", "area=health", health_goal),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.model}.{c.field}")
def test_team_only_text_is_hidden_from_institution_staff(
    case, enrolled_person, uu_user, institution_user, client_for
):
    urls = case.pages(enrolled_person, uu_user)
    staff = client_for(institution_user)
    team = client_for(uu_user)
    for url in urls:
        shown_to_institution = body(staff, url)
        assert enrolled_person.first_name in shown_to_institution
        assert MARKER not in shown_to_institution, url
    # The team reads it where it was written (at least on the first page).
    assert MARKER in body(team, urls[0])


def test_the_shared_plan_text_is_still_shown_to_institution_staff(
    enrolled_person, uu_user, institution_user, client_for
):
    """Disclosure hides the team's text, not the plan the institution teaches by."""
    factories.PlanGoalFactory(
        plan=enrolled_person.plan, area=GoalArea.ACADEMIC, description="Læse en køreplan"
    )
    factories.FlagFactory(person=enrolled_person, kind=student_flags.OTHER, details=MARKER)
    page = body(client_for(institution_user), reverse("students:detail", args=[enrolled_person.pk]))
    assert "Læse en køreplan" in page
    flags_section = page.split('id="flags-h"', 1)[1].split("</section>", 1)[0]
    # The flag itself is there, without its text.
    assert str(student_flags.OTHER.label) in flags_section
    assert "Ingen flag" not in flags_section


def test_every_team_only_field_is_tested_here():
    tested = {(c.model, c.field) for c in CASES}
    declared = {(m, f) for m, fields in disclosure.TEAM_ONLY_FIELDS.items() for f in fields}
    declared |= {("students.plangoal", f"area={a}") for a in disclosure.TEAM_ONLY_GOAL_AREAS}
    assert declared == tested


def test_a_redacted_object_cannot_be_saved(enrolled_person, institution_user):
    flag = factories.FlagFactory(person=enrolled_person, details=MARKER)
    (shown,) = disclosure.redacted(institution_user, enrolled_person, [flag])
    assert shown.details == ""
    with pytest.raises(RuntimeError):
        shown.save()
    flag.refresh_from_db()
    assert flag.details == MARKER
