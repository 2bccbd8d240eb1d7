"""Every periodic job has one name: beat key = task name = service = management command.

The list of jobs comes from the beat schedule itself, so a new job is checked the moment it is
scheduled, and a job declared with ``stu_case.jobs.job`` but never scheduled fails here too.
"""

from __future__ import annotations

import ast
import inspect
import sys
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class

import stu_case.schedule
from stu_case.jobs import JobCommand, periodic_tasks

SCHEDULE = settings.CELERY_BEAT_SCHEDULE

JOBS = sorted(SCHEDULE)


def service_of(task):
    """The services module the task's module calls, and the function's name (the job's).

    A task module imports its area's services module (``from transitions.services import exit
    as services``) and calls ``services.<job name>``."""
    modules = [
        module
        for module in vars(sys.modules[task.run.__module__]).values()
        if inspect.ismodule(module)
        and ".services" in module.__name__
        and callable(getattr(module, task.name, None))
    ]
    assert len(modules) == 1, f"{task.run.__module__} imports no service called {task.name}"
    return modules[0], task.name


def test_the_schedule_is_the_settings_beat_schedule():
    assert SCHEDULE is stu_case.schedule.BEAT_SCHEDULE
    assert len(SCHEDULE) == 22


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
def test_the_task_module_has_the_service_of_its_name(name):
    module, function = service_of(periodic_tasks()[name])
    assert module.__name__.split(".")[0] == periodic_tasks()[name].run.__module__.split(".")[0]


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
