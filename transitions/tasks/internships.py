"""Periodic jobs: internships. Each task calls the service of the same name."""

from __future__ import annotations

from stu_case.jobs import job
from transitions.services import internships as services


@job
def internships_daily() -> dict:
    """Start planned internships that have begun; remind once about missing evaluations."""
    return services.internships_daily()
