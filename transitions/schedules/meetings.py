"""Beat entries: transitions meetings. Each task is also a management command."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "meetings-status-requests-send": {
        "task": "transitions.tasks.meetings.status_requests_send",
        "schedule": crontab(hour=6, minute=40),
    },
    "meetings-status-requests-remind": {
        "task": "transitions.tasks.meetings.status_requests_remind",
        "schedule": crontab(hour=6, minute=50),
    },
    "meetings-gaps-notify": {
        "task": "transitions.tasks.meetings.status_meeting_gaps_notify",
        "schedule": crontab(hour=7, minute=0),
    },
    "meetings-actions-flag-overdue": {
        "task": "transitions.tasks.meetings.meeting_actions_flag_overdue",
        "schedule": crontab(hour=5, minute=45),
    },
}
