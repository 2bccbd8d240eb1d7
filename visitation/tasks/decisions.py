"""Periodic jobs: decisions. Each task calls the service of the same name."""

from stu_case.jobs import job
from visitation.services import decisions as services


@job
def people_mark_enrolled() -> int:
    """Decided young people whose STU has started are now enrolled. Safe to repeat."""
    return services.people_mark_enrolled()
