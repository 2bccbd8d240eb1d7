"""Every periodic job has one name: beat key = task name = service = management command.

The list of jobs comes from the beat schedule itself, so a new job is checked the moment it is
scheduled, and a job declared with ``stu_case.jobs.job`` but never scheduled fails here too.
"""

from __future__ import annotations

import ast
import inspect
from importlib import import_module
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class

import stu_case.schedule
from stu_case.jobs import JobCommand, periodic_tasks

SCHEDULE = settings.CELERY_BEAT_SCHEDULE

# Jobs of students and visitation still carry their old names until those apps are renamed.
NOT_YET_RENAMED = {
    "flag-plan-revisions-due",
    "detect-rising-absence",
    "check-missing-absence-reports",
    "visitation-revoke-expired-committee-access",
    "visitation-mark-started-enrolments",
}
JOBS = sorted(set(SCHEDULE) - NOT_YET_RENAMED)


def service_of(task):
    """The service the task's module calls: ``<app>.tasks[.<area>]`` → ``<app>.services[.<area>]``,
    the function of the job's name."""
    module = task.run.__module__.replace(".tasks", ".services", 1)
    return import_module(module), task.name


def test_the_schedule_is_the_settings_beat_schedule():
    assert SCHEDULE is stu_case.schedule.BEAT_SCHEDULE
    assert len(SCHEDULE) == 17


def test_the_schedule_imports_no_app():
    # Settings load the schedule: importing an app there would load models before Django is set up.
    tree = ast.parse(Path(inspect.getfile(stu_case.schedule)).read_text())
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    }
    assert imported == {"celery.schedules"}
    assert all(isinstance(entry["task"], str) for entry in SCHEDULE.values())


def test_every_beat_entry_names_a_registered_task():
    from stu_case.celery import app

    app.loader.import_default_modules()  # what the worker does at start-up (autodiscovery)
    missing = {
        key: entry["task"] for key, entry in SCHEDULE.items() if entry["task"] not in app.tasks
    }
    assert not missing


@pytest.mark.parametrize("name", JOBS)
def test_the_beat_key_is_the_task_name(name):
    assert SCHEDULE[name]["task"] == name
    assert name in periodic_tasks(), "declare the task with @stu_case.jobs.job"


def test_every_periodic_task_is_scheduled():
    assert set(periodic_tasks()) <= set(SCHEDULE)


def test_every_job_command_is_scheduled():
    commands = get_commands()
    job_commands = {
        name
        for name, app in commands.items()
        if isinstance(load_command_class(app, name), JobCommand)
    }
    assert job_commands == set(JOBS)


@pytest.mark.parametrize("name", JOBS)
def test_the_task_calls_the_service_of_its_name(name):
    task = periodic_tasks()[name]
    module, function = service_of(task)
    assert callable(getattr(module, function, None)), f"{module.__name__}.{function} is missing"


@pytest.mark.django_db
@pytest.mark.parametrize("name", JOBS)
def test_the_command_of_the_same_name_runs_the_service(name):
    assert get_commands().get(name), f"manage.py {name} is missing"
    module, function = service_of(periodic_tasks()[name])
    real = getattr(module, function)
    out = StringIO()
    with mock.patch.object(module, function, wraps=real) as service:
        call_command(name, stdout=out)
    service.assert_called_once()
    assert out.getvalue().strip()  # the command prints what the job did
