"""selectors: internships (issue 4)."""

from __future__ import annotations


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    """
    return {}


def internship_status_for(*, person_ids) -> dict[int, str]:
    """Short Danish current/next internship per person (for the status-meeting agenda).
    Persons without one are left out. Constant number of queries."""
    return {}
