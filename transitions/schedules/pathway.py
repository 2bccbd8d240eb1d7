"""Beat entries: transitions pathway. Each task is also a management command."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "transitions-pathway-pause-flags": {
        "task": "transitions.tasks.pathway.pathway_check_pause_flags",
        "schedule": crontab(hour=5, minute=40),
    },
    "transitions-pathway-housing-flags": {
        "task": "transitions.tasks.pathway.pathway_check_housing_flags",
        "schedule": crontab(hour=5, minute=45),
    },
}
