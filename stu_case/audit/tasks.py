from celery import shared_task

from . import services


@shared_task(acks_late=True)
def purge_expired_access_log() -> int:
    """Nightly: delete access-log rows past the retention period. Safe to run twice."""
    return services.access_log_purge_expired()
