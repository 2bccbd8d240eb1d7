"""Beat entries: transitions internships. Each task is also a management command."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Planned → ongoing on the start date; one reminder when an ended internship lacks an
    # evaluation (``manage.py internships_daily``).
    "transitions-internships-daily": {
        "task": "transitions.tasks.internships.internships_daily",
        "schedule": crontab(hour=6, minute=10),
    },
}
