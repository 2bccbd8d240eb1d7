"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence, journal, documents."""

from . import absence, documents, enrolments, flags, journal, people, plans  # noqa: F401
