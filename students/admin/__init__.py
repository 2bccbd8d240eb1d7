"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence."""

from . import absence, enrolments, flags, people, plans  # noqa: F401
