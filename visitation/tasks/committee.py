"""Tasks: the committee. Thin wrappers; each is safe to run twice.

The registered task name stays ``visitation.tasks.<name>`` (the beat schedule uses it).
"""

from celery import shared_task

from visitation.services import committee as services


@shared_task(name="visitation.tasks.revoke_expired_committee_access", acks_late=True)
def revoke_expired_committee_access() -> int:
    """Withdraw committee members' access to decided cases after the period. Safe to repeat."""
    return services.committee_access_revoke_expired()
