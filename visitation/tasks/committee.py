"""Periodic jobs: the committee. Each task calls the service of the same name."""

from stu_case.jobs import job
from visitation.services import committee as services


@job
def committee_access_revoke_expired() -> int:
    """Withdraw committee members' access to decided cases after the period. Safe to repeat."""
    return services.committee_access_revoke_expired()
