"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence, letters."""

from . import absence, enrolments, flags, letters, people, plans  # noqa: F401
