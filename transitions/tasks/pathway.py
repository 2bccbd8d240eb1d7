"""tasks: pathway. Thin wrappers; each is also a management command."""

from celery import shared_task

from transitions.services import pathway as services


@shared_task(acks_late=True)
def pathway_check_pause_flags() -> dict:
    """Start pauses approved in advance; PAUSE_WITHOUT_ACTIVITY and PAUSE_RETURN_OVERDUE
    (raise and resolve). Safe to run twice."""
    run = services.pause_flags_check()
    return {"started": run.started, "raised": run.raised, "resolved": run.resolved}


@shared_task(acks_late=True)
def pathway_check_housing_flags() -> dict:
    """HOUSING_MOVE_DUE (raise and resolve; safe to run twice)."""
    run = services.housing_flags_check()
    return {"raised": run.raised, "resolved": run.resolved}
