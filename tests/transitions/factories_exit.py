"""Factories and builders for the final-year and exit tests."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from stu_case.calendar import add_months, add_years
from students.models import EnrolmentStatus, PersonStatus
from students.services import enrolments as enrolment_services
from tests import factories
from transitions.models.exit import (
    Destination,
    ExitPlan,
    FollowUp,
    FollowUpPoint,
)


def final_year_person(*, municipality, contact_person, institution, months_left: int = 6, **kw):
    """A young person whose open enrolment ends in ``months_left`` months (final year)."""
    today = timezone.localdate()
    end = add_months(today, months_left)
    person = factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=contact_person,
        status=PersonStatus.DECIDED,
        **kw,
    )
    factories.EnrolmentFactory(
        person=person, institution=institution, start_date=add_years(end, -3)
    )
    person.refresh_from_db()
    return person


def completed_person(
    *,
    municipality,
    contact_person,
    institution,
    ended_on: date,
    expected: str = "",
    status: str = EnrolmentStatus.COMPLETED,
):
    """A young person whose STU ended on ``ended_on`` (completed, or ``status``), with an exit
    plan if ``expected``."""
    person = factories.YoungPersonFactory(
        municipality=municipality, contact_person=contact_person, status=PersonStatus.DECIDED
    )
    enrolment = factories.EnrolmentFactory(
        person=person, institution=institution, start_date=add_years(ended_on, -3)
    )
    enrolment_services.enrolment_end(
        enrolment=enrolment,
        status=status,
        end_date=ended_on,
        reason="Gennemført" if status == EnrolmentStatus.COMPLETED else "Afbrudt",
    )
    if expected:
        ExitPlan.objects.create(person=person, expected_destination=expected)
    person.refresh_from_db()
    return person


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    months = FollowUpPoint.THREE
    ended_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=120))
    due_on = factory.LazyAttribute(lambda o: add_months(o.ended_on, o.months))
    destination = Destination.FLEXJOB
