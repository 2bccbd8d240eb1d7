from stu_case.jobs import job

from . import services


@job
def access_log_purge_expired() -> int:
    """Nightly: delete access-log rows past the retention period. Safe to run twice."""
    return services.access_log_purge_expired()
