"""Students tasks, one module per area (imported here so Django/Celery discover them): flags,
absence."""

from . import absence, flags  # noqa: F401
