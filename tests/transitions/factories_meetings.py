"""Factories and builders for status meetings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone
from factory.django import DjangoModelFactory

from stu_case import permissions
from stu_case.calendar import add_years
from students.models import (
    EducationPlan,
    Enrolment,
    PersonStatus,
    YoungPerson,
    YoungPersonGroupObjectPermission,
)
from students.models import cpr as cprlib
from tests import factories
from transitions.models.meetings import (
    MeetingAction,
    StatusMeeting,
    StatusMeetingSettings,
    StatusRequest,
)


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class StatusMeetingSettingsFactory(DjangoModelFactory):
    class Meta:
        model = StatusMeetingSettings

    municipality = factory.SubFactory(factories.MunicipalityFactory)


class StatusMeetingFactory(DjangoModelFactory):
    class Meta:
        model = StatusMeeting

    municipality = factory.SubFactory(factories.MunicipalityFactory)
    starts_at = factory.LazyFunction(lambda: at(timezone.localdate() + timedelta(days=14)))
    place = "Rådhuset, mødelokale 2"
    created_by = factory.LazyAttribute(
        lambda o: factories.UserFactory(municipality=o.municipality, roles=["uu"])
    )


class StatusRequestFactory(DjangoModelFactory):
    class Meta:
        model = StatusRequest

    meeting = factory.SubFactory(StatusMeetingFactory)
    institution = factory.SubFactory(factories.InstitutionFactory)
    deadline = factory.LazyAttribute(lambda o: o.meeting.local_date - timedelta(days=5))


class MeetingActionFactory(DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(StatusMeetingFactory)
    person = factory.SubFactory(factories.YoungPersonFactory)
    description = "Ring til praktikstedet og aftal opstart"
    responsible = factory.LazyAttribute(lambda o: o.meeting.created_by)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    created_by = factory.LazyAttribute(lambda o: o.meeting.created_by)


def enrol(*, municipality, institution, contact=None, status=None, **person_kwargs):
    """An actively enrolled young person of ``municipality`` at ``institution``."""
    person = factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=contact,
        status=PersonStatus.DECIDED,
        **person_kwargs,
    )
    factories.EnrolmentFactory(
        person=person,
        institution=institution,
        start_date=timezone.localdate() - timedelta(days=200),
    )
    person.refresh_from_db()
    return person


def bulk_active_students(*, municipality, institution, count: int, start: int = 0) -> list[int]:
    """``count`` enrolled young people created with ``bulk_create`` (person, plan, enrolment,
    the team's object permissions), for the agenda's query-bound test. Returns their ids."""
    today = timezone.localdate()
    people = []
    for i in range(start, start + count):
        cpr = f"{(i % 28) + 1:02d}0{(i % 9) + 1}0{i:05d}"[:10]
        people.append(
            YoungPerson(
                municipality=municipality,
                cpr=cpr,
                cpr_hash=cprlib.keyed_hash(f"bulk-{municipality.pk}-{i}"),
                first_name=f"Elev{i:04d}",
                last_name="Bulk",
                birth_date=date(2006, 1, 1),
                status=PersonStatus.ENROLLED,
            )
        )
    created = YoungPerson.objects.bulk_create(people)
    EducationPlan.objects.bulk_create(
        [
            EducationPlan(
                person=p, next_revision_due=today + timedelta(days=20 if i % 3 == 0 else 300)
            )
            for i, p in enumerate(created)
        ]
    )
    start_date = today - timedelta(days=400)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                person=p,
                institution=institution,
                start_date=start_date - timedelta(days=(i % 5) * 200),
                planned_end_date=add_years(start_date - timedelta(days=(i % 5) * 200), 3),
                clarification_end_date=start_date - timedelta(days=(i % 5) * 200 - 30),
            )
            for i, p in enumerate(created)
        ]
    )
    perms = list(
        Permission.objects.filter(
            codename__in=permissions.TEAM_PERMS, content_type__app_label="students"
        )
    )
    YoungPersonGroupObjectPermission.objects.bulk_create(
        [
            YoungPersonGroupObjectPermission(
                permission=perm, group=municipality.team_group, content_object=p
            )
            for p in created
            for perm in perms
        ]
    )
    return [p.pk for p in created]
