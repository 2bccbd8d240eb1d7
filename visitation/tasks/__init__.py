"""Visitation tasks, one module per area (imported here so Django/Celery discover them)."""

from . import committee, decisions  # noqa: F401
