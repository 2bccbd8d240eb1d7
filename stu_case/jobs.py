"""Periodic jobs: one name for the beat entry, the Celery task, the service and the command.

A periodic job called ``status_requests_send`` is

- the service ``<app>.services[.<area>].status_requests_send`` that does the work,
- the Celery task ``status_requests_send`` in ``<app>.tasks[.<area>]``, declared with ``@job``
  (the task is registered under the function's name and calls the service of the same name),
- the beat entry ``"status_requests_send"`` in ``stu_case/schedule.py``, and
- the management command ``manage.py status_requests_send``: a module
  ``<app>/management/commands/status_requests_send.py`` whose ``Command`` subclasses
  :class:`JobCommand`. Without Redis there is no beat, and the command is how the job runs.

``tests/stu_case/test_schedule.py`` walks the schedule and fails when one of the four is missing
or named differently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from celery import current_app, shared_task
from django.core.management.base import BaseCommand


def job(func: Callable) -> Any:
    """Declare a periodic job's Celery task, registered under the function's own name.

    ``periodic_job`` marks it, so a test can tell that every periodic task has a beat entry.
    Jobs are safe to run twice, so a message is acknowledged only when the work is done.
    """
    return shared_task(name=func.__name__, acks_late=True, periodic_job=True)(func)


def periodic_tasks() -> dict[str, Any]:
    """Every task declared with :func:`job`, by name (imports every app's tasks first)."""
    current_app.loader.import_default_modules()
    return {
        name: task
        for name, task in current_app.tasks.items()
        if getattr(task, "periodic_job", False)
    }


class JobCommand(BaseCommand):
    """``manage.py <job>``: run the periodic job's task in this process and print the result.

    The command's module name is the job's name, so a subclass only sets ``help`` and
    ``message``: the result is formatted into ``message`` by key when the task returns a dict,
    by position when it returns a list or tuple, and as the one value otherwise. Override
    :meth:`task_kwargs` (with ``add_arguments``) to pass options to the task.
    """

    message = "{}"

    @property
    def job_name(self) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]

    def task(self) -> Any:
        return periodic_tasks()[self.job_name]

    def task_kwargs(self, options: dict) -> dict:
        return {}

    def report(self, result: Any) -> str:
        if isinstance(result, dict):
            return self.message.format(**result)
        if isinstance(result, list | tuple):
            return self.message.format(*result)
        return self.message.format(result)

    def handle(self, *args, **options):
        result = self.task()(**self.task_kwargs(options))
        self.stdout.write(self.report(result))
