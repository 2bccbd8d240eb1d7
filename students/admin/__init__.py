"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence, caseload (changes of contact person), journal, documents."""

from . import absence, caseload, documents, enrolments, flags, journal, people, plans  # noqa: F401
