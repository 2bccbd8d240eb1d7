"""Absence jobs. The registered task names are the ones from before the split (the beat
schedule and queued messages name them), hence the explicit ``name``."""

from celery import shared_task

from students.services import absence_checks as absence_services


@shared_task(name="students.tasks.detect_rising_absence", acks_late=True)
def detect_rising_absence(enrolment_ids: list[int] | None = None) -> dict:
    """Periodic (all open enrolments) or targeted; safe to run twice."""
    result = absence_services.absence_detect_rising(enrolment_ids=enrolment_ids)
    return {"evaluated": result.evaluated, "raised": result.raised, "resolved": result.resolved}


@shared_task(name="students.tasks.check_missing_absence_reports", acks_late=True)
def check_missing_absence_reports() -> dict:
    result = absence_services.absence_check_missing_reports()
    return {
        "missing": result.missing,
        "reminders": result.reminders,
        "raised": result.raised,
        "resolved": result.resolved,
    }


@shared_task(name="students.tasks.absence_checks_for_enrolments", acks_late=True)
def absence_checks_for_enrolments(enrolment_ids: list[int]) -> dict:
    """Queued on commit after a report is submitted or corrected."""
    return absence_services.absence_checks_for_enrolments(enrolment_ids=enrolment_ids)
