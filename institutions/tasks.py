from celery import shared_task

from . import services


@shared_task(acks_late=True)
def check_quality_reviews() -> int:
    """Remind municipalities of overdue quality reviews (once per review; safe to run twice)."""
    return services.quality_reviews_remind_overdue()
