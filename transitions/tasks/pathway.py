"""Periodic jobs: pathway. Each task calls the service of the same name."""

from stu_case.jobs import job
from transitions.services import pathway as services


@job
def pause_flags_check() -> dict:
    """Start pauses approved in advance; PAUSE_WITHOUT_ACTIVITY and PAUSE_RETURN_OVERDUE
    (raise and resolve). Safe to run twice."""
    run = services.pause_flags_check()
    return {"started": run.started, "raised": run.raised, "resolved": run.resolved}


@job
def housing_flags_check() -> dict:
    """HOUSING_MOVE_DUE (raise and resolve; safe to run twice)."""
    run = services.housing_flags_check()
    return {"raised": run.raised, "resolved": run.resolved}
