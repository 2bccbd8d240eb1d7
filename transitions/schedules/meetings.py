"""Beat entries: transitions meetings (issue 4). Each task is also a management command."""

from celery.schedules import crontab  # noqa: F401

BEAT_SCHEDULE: dict = {}
