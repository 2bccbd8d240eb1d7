from stu_case.jobs import job

from . import services


@job
def quality_reviews_remind_overdue() -> int:
    """Remind municipalities of overdue quality reviews (once per review; safe to run twice)."""
    return services.quality_reviews_remind_overdue()
