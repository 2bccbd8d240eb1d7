from celery import shared_task

from . import services


@shared_task(acks_late=True)
def revoke_expired_committee_access() -> int:
    """Withdraw committee members' access to decided cases after the period. Safe to repeat."""
    return services.committee_access_revoke_expired()


@shared_task(acks_late=True)
def mark_started_enrolments() -> int:
    """Decided young people whose STU has started are now enrolled. Safe to repeat."""
    return services.people_started()
