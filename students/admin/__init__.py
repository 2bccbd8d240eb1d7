"""Students admin, one module per area (imported here so Django discovers them): people,
plans, enrolments, flags, absence, caseload (changes of contact person), journal, documents,
letters."""

from . import (  # noqa: F401
    absence,
    caseload,
    documents,
    enrolments,
    flags,
    journal,
    letters,
    people,
    plans,
)
