"""Transitions tasks, one module per area (imported here so Django/Celery discover them)."""

from . import exit, internships, lifecycle, meetings, pathway  # noqa: F401
