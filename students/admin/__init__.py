"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence, caseload (changes of contact person)."""

from . import absence, caseload, enrolments, flags, people, plans  # noqa: F401
