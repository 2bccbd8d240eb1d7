"""Helpers for the enrolment-lifecycle area (the events of an enrolment's life)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from stu_case.calendar import add_years
from students.models import PersonStatus
from students.services import enrolments as enrolment_services
from tests import factories


def enrolled(municipality, contact, institution, *, born: date, start: date, **enrolment):
    """A young person enrolled at ``institution`` from ``start`` (through the service)."""
    young = factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=contact,
        status=PersonStatus.DECIDED,
        born=born,
    )
    enrolment_services.enrolment_start(
        person=young, institution=institution, start_date=start, **enrolment
    )
    return young


def late_for_age_25(municipality, contact, institution, *, today: date | None = None):
    """Enrolled today at 22 years and 8 months: the planned end (3 years on) lies about 4 months
    after the 25th birthday."""
    today = today or timezone.localdate()
    born = add_years(today, -22) - timedelta(days=243)
    return enrolled(municipality, contact, institution, born=born, start=today)


def in_clarification(municipality, contact, institution):
    """Enrolled 30 days ago: the 12-week clarification phase is still running."""
    today = timezone.localdate()
    return enrolled(
        municipality,
        contact,
        institution,
        born=add_years(today, -19),
        start=today - timedelta(days=30),
    )


def plan_revised(person, user):
    """A plan revision through the plan service (what resolves PLAN_UPDATE_DUE)."""
    from students.services import plans as plan_services

    plan = person.plan
    return plan_services.plan_update(
        plan=plan,
        expected_version=plan.version,
        data={"next_revision_due": timezone.localdate() + timedelta(days=180)},
        revision=plan_services.RevisionInfo(reason="Planen færdiggjort efter afklaringen."),
        user=user,
    )
