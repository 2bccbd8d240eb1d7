"""Absence jobs. Each periodic task calls the service of the same name; all are safe to run
twice."""

from celery import shared_task

from stu_case.jobs import job
from students.services import absence_checks as absence_services


@job
def absence_detect_rising(enrolment_ids: list[int] | None = None) -> dict:
    """Periodic (all open enrolments) or targeted."""
    result = absence_services.absence_detect_rising(enrolment_ids=enrolment_ids)
    return {"evaluated": result.evaluated, "raised": result.raised, "resolved": result.resolved}


@job
def absence_check_missing_reports() -> dict:
    result = absence_services.absence_check_missing_reports()
    return {
        "missing": result.missing,
        "reminders": result.reminders,
        "raised": result.raised,
        "resolved": result.resolved,
    }


@shared_task(name="students.tasks.absence_checks_for_enrolments", acks_late=True)
def absence_checks_for_enrolments(enrolment_ids: list[int]) -> dict:
    """Queued on commit after a report is submitted or corrected (the name is the one queued
    messages carry)."""
    return absence_services.absence_checks_for_enrolments(enrolment_ids=enrolment_ids)
