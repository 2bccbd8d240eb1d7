from stu_case.jobs import job

from . import services


@job
def notifications_send_digest() -> dict:
    """Daily: one e-mail per user with messages waiting for the digest. Safe to run twice."""
    return services.notifications_send_digest()
