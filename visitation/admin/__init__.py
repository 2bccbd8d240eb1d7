"""Visitation admin, one module per area (imported here so Django discovers them).

Administrators maintain the committee, its members, the access period and appeal guidance.
Case data (recommendations, decisions, letters) is shown read-only: it is written through the
case pages and services, so the rules and the audit trail hold.
"""

from . import committee, decisions, recommendations  # noqa: F401
