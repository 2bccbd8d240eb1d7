"""Students tasks, one module per area (imported here so Django/Celery discover them): plans,
absence."""

from . import absence, plans  # noqa: F401
