"""Periodic jobs: the enrolment's life. Each task calls the service of the same name."""

from stu_case.jobs import job
from transitions.services import lifecycle as services


@job
def enrolment_transfers_carry_out() -> dict:
    """Carry out the planned transfers whose day has come (safe to run twice)."""
    return services.enrolment_transfers_carry_out()


@job
def stu_limits_check() -> dict:
    """The 5-year and age-25 limit flags, 6 and 3 months ahead (raise and resolve; safe to
    run twice)."""
    return services.stu_limits_check()
