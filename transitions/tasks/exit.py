"""Periodic tasks: final year and exit. Thin wrappers; each is also a command."""

from celery import shared_task

from transitions.services import exit as services


@shared_task(acks_late=True)
def exit_activate_final_year() -> int:
    """Final-year activation (flag, jobcenter planner, checklist). Safe to run twice."""
    return services.final_year_activate()


@shared_task(acks_late=True)
def exit_check_end_conversations() -> int:
    """Flag missing or late end conversations; resolve fixed ones. Safe to run twice."""
    return services.end_conversations_check()


@shared_task(acks_late=True)
def exit_create_follow_ups() -> list[int]:
    """Create follow-ups after STU and remind the contact person once. Safe to run twice."""
    return list(services.follow_ups_create())
