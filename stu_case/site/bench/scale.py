"""A large municipality on top of the demo, built in bulk for ``make bench``.

The demo municipality (Vejle) gets ``people`` more young people (default 2,000), of whom
``active`` (default 800) have an open enrolment: ``big`` (default 300) at STU Vejle, the demo
user ``institution``'s school, the rest spread over the other demo institutions; a year of
monthly absence reports up to the month before last (so last month is open for reporting).
The same every time (no randomness). Rows are made as the services make them: a plan per
person, the team's grants (``permissions.grant_municipal_team_bulk``) and the institution's
while the enrolment is open (``permissions.grant_institution_bulk``), CPR through
``YoungPerson.set_cpr``.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.db import connection

from institutions.models import Institution
from stu_case import permissions
from stu_case.accounts.models import Municipality, User
from stu_case.calendar import add_years, month_start_after
from students.models import AbsenceReport, EducationPlan, Enrolment, PersonStatus, YoungPerson

from ..demo import accounts, common

BIG_INSTITUTION = "STU Vejle"
REPORT_MONTHS = 12
SEED = 14


def _cpr(i: int) -> str:
    """A unique, valid-format CPR number for person ``i`` (born 2003–2007, century digit 4)."""
    born = date(2003, 1, 1) + timedelta(days=i % 1800)
    return f"{born:%d%m%y}{4000 + (i % 1000) + 1000 * (i // 1800) % 6000:04d}"


def build_scale(*, today: date, people: int = 2000, active: int = 800, big: int = 300) -> str:
    """Add the young people, enrolments, grants and reports; returns a summary line."""
    municipality = Municipality.objects.get(name=accounts.MUNICIPALITY_NAME)
    contact = User.objects.get(username="uu")
    big_institution = Institution.objects.get(name=BIG_INSTITUTION)
    others = list(Institution.objects.exclude(pk=big_institution.pk).order_by("pk"))
    persons = _people(municipality, contact, people, active)
    YoungPerson.objects.bulk_create(persons, batch_size=1000)
    EducationPlan.objects.bulk_create(
        [
            EducationPlan(person=p, next_revision_due=add_years(today, 1), updated_by=contact)
            for p in persons
        ],
        batch_size=1000,
    )
    permissions.grant_municipal_team_bulk(
        municipality, YoungPerson.objects.filter(pk__in=[p.pk for p in persons])
    )
    start = month_start_after(today, -(REPORT_MONTHS + 2))
    enrolled = persons[:active]
    by_institution: dict[int, list[int]] = {}
    enrolments = []
    for i, person in enumerate(enrolled):
        institution = big_institution if i < big else others[i % len(others)]
        by_institution.setdefault(institution.pk, []).append(person.pk)
        enrolments.append(
            Enrolment(
                person=person,
                institution=institution,
                start_date=start,
                planned_end_date=add_years(start, 3),
                clarification_end_date=start + timedelta(weeks=12),
            )
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=1000)
    for institution in [big_institution, *others]:
        ids = by_institution.get(institution.pk)
        if ids:
            permissions.grant_institution_bulk(institution, YoungPerson.objects.filter(pk__in=ids))
    reports = _reports([e.pk for e in enrolments], contact, today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return (
        f"{people} unge mere i {municipality.name}, {active} i gang ({big} på {BIG_INSTITUTION}), "
        f"{reports} fraværsindberetninger"
    )


def _people(municipality, contact, n: int, active: int) -> list[YoungPerson]:
    rng = Random(SEED)
    others = (PersonStatus.CANDIDATE, PersonStatus.CLARIFICATION, PersonStatus.COMPLETED)
    persons = []
    for i in range(n):
        person = YoungPerson(
            municipality=municipality,
            first_name=common.first_name(rng),
            last_name=common.last_name(rng),
            contact_person=contact,
            status=PersonStatus.ENROLLED if i < active else others[i % len(others)],
            address=common.full_address(rng),
        )
        person.set_cpr(_cpr(i))
        persons.append(person)
    return persons


def _reports(enrolment_ids: list[int], reporter, today: date) -> int:
    """Monthly reports from the enrolment's first month up to the month before last, in one
    set-based INSERT … SELECT (absence between 0 and 8 of 70 planned hours)."""
    first = month_start_after(today, -(REPORT_MONTHS + 1))
    with connection.cursor() as c:
        c.execute(
            f"""
            INSERT INTO {AbsenceReport._meta.db_table}
                (enrolment_id, period_start, period_end, planned_hours, absent_legal,
                 absent_illegal, note, submitted_by_id, submitted_at)
            SELECT e, (%s::date + make_interval(months => g))::date,
                   (%s::date + make_interval(months => g + 1))::date - 1,
                   70, (e + g) %% 7, (e * g) %% 3, '', %s, now()
            FROM unnest(%s::bigint[]) e, generate_series(0, %s - 1) g
            """,  # noqa: S608 - the table name from the model, values as parameters
            [first, first, reporter.pk, enrolment_ids, REPORT_MONTHS],
        )
        return c.rowcount
