"""Enrolments start, end, pause and resume; the young person's status and the
institution's access follow."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.calendar import add_years
from students.models import (
    CLARIFICATION_MAX_WEEKS,
    ENROLMENT_YEARS,
    Enrolment,
    EnrolmentStatus,
    PersonStatus,
    YoungPerson,
)

# ---------------------------------------------------------------- enrolments
ENDING_STATUSES = (
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.DROPPED_OUT,
    EnrolmentStatus.TRANSFERRED,
    EnrolmentStatus.LEFT_FOR_EDUCATION,
)


@transaction.atomic
def enrolment_start(
    *,
    person: YoungPerson,
    institution,
    start_date: date,
    clarification_weeks: int = CLARIFICATION_MAX_WEEKS,
    hours_per_year: int = 840,
    planned_end_date: date | None = None,
    stu_start_date: date | None = None,
) -> Enrolment:
    """Start an STU-forløb: the institution's staff gain access, the person is enrolled.

    After a transfer the next enrolment keeps the planned end and the day STU began
    (``stu_start_date``), so the 5-year limit still counts from the first start."""
    enrolment = Enrolment(
        person=person,
        institution=institution,
        start_date=start_date,
        stu_start_date=stu_start_date,
        planned_end_date=planned_end_date or add_years(start_date, ENROLMENT_YEARS),
        clarification_end_date=start_date + timedelta(weeks=clarification_weeks),
        hours_per_year=hours_per_year,
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as exc:
        raise ValidationError(_("Den unge har allerede et aktivt STU-forløb.")) from exc
    person.status = PersonStatus.ENROLLED
    person.save(update_fields=["status", "updated_at"])
    permissions.grant_institution(institution, person)
    return enrolment


@transaction.atomic
def enrolment_end(*, enrolment: Enrolment, status: str, end_date: date, reason: str) -> Enrolment:
    """End an enrolment (completed, dropped out, transferred, left for another education);
    the institution loses access."""
    if status not in ENDING_STATUSES:
        raise ValidationError(_("Ugyldig afslutningsstatus."))
    enrolment.status = status
    enrolment.end_date = end_date
    enrolment.end_reason = reason
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "end_date", "end_reason"])
    still_open = (
        Enrolment.objects.open()
        .filter(person=enrolment.person, institution=enrolment.institution)
        .exists()
    )
    if not still_open:
        permissions.revoke_institution(enrolment.institution, enrolment.person)
    person = enrolment.person
    new_status = {
        EnrolmentStatus.COMPLETED: PersonStatus.COMPLETED,
        EnrolmentStatus.DROPPED_OUT: PersonStatus.DROPPED_OUT,
        EnrolmentStatus.LEFT_FOR_EDUCATION: PersonStatus.LEFT_FOR_EDUCATION,
        EnrolmentStatus.TRANSFERRED: person.status,
    }[status]
    if new_status != person.status:
        person.status = new_status
        person.save(update_fields=["status", "updated_at"])
    return enrolment


# ---------------------------------------------------------------- transitions: lifecycle
# (the enrolment's dates, changed by transitions.services.lifecycle, which keeps the decision)
@transaction.atomic
def enrolment_set_planned_end(*, enrolment: Enrolment, planned_end_date: date) -> Enrolment:
    """Move the planned end of an open enrolment."""
    if not enrolment.is_open:
        raise ValidationError(_("Forløbet er afsluttet; slutdatoen kan ikke flyttes."))
    enrolment.planned_end_date = planned_end_date
    enrolment.full_clean()
    enrolment.save(update_fields=["planned_end_date"])
    return enrolment


@transaction.atomic
def enrolment_end_clarification(*, enrolment: Enrolment, ended_on: date) -> Enrolment:
    """The clarification phase ended on ``ended_on`` (on or before its planned end)."""
    if not enrolment.is_open:
        raise ValidationError(_("Forløbet er afsluttet."))
    enrolment.clarification_end_date = ended_on
    enrolment.full_clean()
    enrolment.save(update_fields=["clarification_end_date"])
    return enrolment


# ---------------------------------------------------------------- transitions: pathway
# (enrolment pause/resume/interruption services called by transitions.services.pathway)
@transaction.atomic
def enrolment_pause(*, enrolment: Enrolment) -> Enrolment:
    """An approved pause: the enrolment and the young person are paused (the 5-year limit runs)."""
    if not enrolment.is_open:
        raise ValidationError(_("Kun et igangværende STU-forløb kan sættes på pause."))
    if enrolment.status != EnrolmentStatus.PAUSED:
        enrolment.status = EnrolmentStatus.PAUSED
        enrolment.save(update_fields=["status"])
    person = enrolment.person
    if person.status != PersonStatus.PAUSED:
        person.status = PersonStatus.PAUSED
        person.save(update_fields=["status", "updated_at"])
    return enrolment


@transaction.atomic
def enrolment_resume(*, enrolment: Enrolment) -> Enrolment:
    """The pause is over: the enrolment is active and the young person enrolled again."""
    if not enrolment.is_open:
        raise ValidationError(_("Forløbet er afsluttet og kan ikke genoptages."))
    if enrolment.status != EnrolmentStatus.ACTIVE:
        enrolment.status = EnrolmentStatus.ACTIVE
        enrolment.save(update_fields=["status"])
    person = enrolment.person
    if person.status != PersonStatus.ENROLLED:
        person.status = PersonStatus.ENROLLED
        person.save(update_fields=["status", "updated_at"])
    return enrolment
