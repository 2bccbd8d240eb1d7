"""Transitions admin, one module per area (imported here so Django/Celery discover them)."""

from . import exit, internships, meetings, pathway  # noqa: F401
