"""Periodic jobs: final year and exit. Each task calls the service of the same name."""

from stu_case.jobs import job
from transitions.services import exit as services


@job
def final_year_activate() -> int:
    """Final-year activation (flag, jobcenter planner, checklist). Safe to run twice."""
    return services.final_year_activate()


@job
def end_conversations_check() -> int:
    """Flag missing or late end conversations; resolve fixed ones. Safe to run twice."""
    return services.end_conversations_check()


@job
def follow_ups_create() -> list[int]:
    """Create follow-ups after STU and remind the contact person once. Safe to run twice."""
    return list(services.follow_ups_create())
