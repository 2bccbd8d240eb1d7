"""Tasks: decisions. Thin wrappers; each is safe to run twice.

The registered task name stays ``visitation.tasks.<name>`` (the beat schedule uses it).
"""

from celery import shared_task

from visitation.services import decisions as services


@shared_task(name="visitation.tasks.mark_started_enrolments", acks_late=True)
def mark_started_enrolments() -> int:
    """Decided young people whose STU has started are now enrolled. Safe to repeat."""
    return services.people_started()
