"""Builders for the catalogue and absence tests (on top of ``tests/factories.py``)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from institutions import services as institution_services
from institutions.models import (
    AgreementKind,
    QualityArea,
    QualityStandard,
    ReportingFrequency,
    TargetGroup,
)
from institutions.reporting import Period, period_containing
from stu_case.calendar import last_of_month, month_start_after
from students.models import AbsenceReport, Enrolment
from tests import factories


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class QualityStandardFactory(DjangoModelFactory):
    class Meta:
        model = QualityStandard

    municipality = factory.SubFactory(factories.MunicipalityFactory)
    area = QualityArea.ABSENCE_REPORTING
    title = "Månedlig fraværsindberetning"
    requirement = "Fravær indberettes senest 10 dage efter hver måned."


def agreement(
    *,
    institution,
    municipalities,
    valid_from: date | None = None,
    valid_to: date | None = None,
    frequency: int = ReportingFrequency.MONTHLY,
    deadline_days: int = 10,
    grace_days: int = 14,
    price: Decimal | None = None,
    kind: str = AgreementKind.AGREEMENT,
    tender_reference: str = "",
    title: str = "Kvalitetsaftale",
):
    return institution_services.quality_agreement_create(
        institution=institution,
        municipalities=list(municipalities),
        title=title,
        kind=kind,
        tender_reference=tender_reference,
        valid_from=valid_from or date(2000, 1, 1),
        valid_to=valid_to,
        price_per_year=price,
        reporting_frequency=frequency,
        report_deadline_days=deadline_days,
        grace_days=grace_days,
    )


def enrol(*, municipality, institution, start: date, contact=None, **person_kwargs) -> Enrolment:
    person = factories.YoungPersonFactory(
        municipality=municipality, contact_person=contact, status="decided", **person_kwargs
    )
    return factories.EnrolmentFactory(person=person, institution=institution, start_date=start)


def month(year: int, m: int) -> Period:
    return period_containing(date(year, m, 1), 1)


def months_back(n: int, today: date | None = None) -> Period:
    """The calendar month ``n`` months before today's month (0 = this month)."""
    today = today or timezone.localdate()
    start = month_start_after(today, -n)
    return Period(start, last_of_month(start))


def report(
    enrolment: Enrolment,
    period: Period,
    *,
    planned="70",
    legal="0",
    illegal="0",
    user=None,
    note: str = "",
) -> AbsenceReport:
    """A stored report straight into the table (rule and job tests; the portal's own
    validation is tested through the service and the views)."""
    return AbsenceReport.objects.create(
        enrolment=enrolment,
        period_start=period.start,
        period_end=period.end,
        planned_hours=Decimal(planned),
        absent_legal=Decimal(legal),
        absent_illegal=Decimal(illegal),
        note=note,
        submitted_by=user or factories.UserFactory(municipality=None, roles=["institution"]),
    )


def long_ago(days: int = 800) -> date:
    return timezone.localdate() - timedelta(days=days)


class use_broker:  # noqa: N801 - used like a function: ``with use_broker(url): ...``
    """Point the Celery app at ``url`` with eager mode off, and restore it afterwards."""

    def __init__(self, url: str):
        self.url = url

    def __enter__(self):
        from stu_case.celery import app

        self.app = app
        self.previous = (app.conf.broker_url, app.conf.task_always_eager)
        self._reset()
        app.conf.broker_url = self.url
        app.conf.task_always_eager = False
        return app

    def __exit__(self, *exc):
        self._reset()
        self.app.conf.broker_url, self.app.conf.task_always_eager = self.previous

    def _reset(self):
        # Drop the cached pools (kombu keeps one per broker URL; closing them would break
        # later users of the same URL).
        self.app._pool = None
        self.app.amqp._producer_pool = None
