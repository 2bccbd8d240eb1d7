"""Students tasks, one module per area (imported here so Django/Celery discover them): plans,
absence, letters."""

from . import absence, letters, plans  # noqa: F401
