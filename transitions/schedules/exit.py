"""Beat entries: transitions exit. Each task is also a management command."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "exit-activate-final-year": {
        "task": "transitions.tasks.exit.exit_activate_final_year",
        "schedule": crontab(hour=5, minute=40),
    },
    "exit-check-end-conversations": {
        "task": "transitions.tasks.exit.exit_check_end_conversations",
        "schedule": crontab(hour=5, minute=45),
    },
    "exit-create-follow-ups": {
        "task": "transitions.tasks.exit.exit_create_follow_ups",
        "schedule": crontab(hour=5, minute=50),
    },
}
