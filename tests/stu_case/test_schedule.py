"""Every beat entry names a task the worker knows, and every periodic job is also a command."""

from __future__ import annotations

from django.conf import settings
from django.core.management import get_commands

from stu_case.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()  # what the worker does at start-up (autodiscovery)
    registered = set(app.tasks)
    missing = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in registered
    }
    assert not missing
    assert len(settings.CELERY_BEAT_SCHEDULE) >= 17


def test_the_transitions_jobs_are_also_commands():
    commands = get_commands()
    for name in (
        "meetings_send_requests",
        "meetings_remind_requests",
        "meetings_notify_gaps",
        "meetings_flag_overdue_actions",
        "pathway_pause_flags",
        "pathway_housing_flags",
        "exit_activate_final_year",
        "exit_check_end_conversations",
        "exit_create_follow_ups",
        "internships_daily",
        "purge_access_log",
    ):
        assert name in commands
