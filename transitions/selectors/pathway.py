"""selectors: pathway (issue 4)."""

from __future__ import annotations


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    """
    return {}


def pause_status_for(*, person_ids) -> dict[int, str]:
    """Short Danish pause status per person (for the status-meeting agenda), e.g.
    "Pause til 01.03.2027 – praktik i Netto". Persons without a pause are left out.
    Must run a constant number of queries whatever the number of persons."""
    return {}
