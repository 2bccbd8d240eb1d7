"""tasks: internships. Thin wrappers; each is also a management command."""

from __future__ import annotations

from celery import shared_task

from transitions.services import internships as services


@shared_task(acks_late=True)
def internships_daily() -> dict:
    """Start planned internships that have begun; remind once about missing evaluations."""
    return services.internships_daily()
