"""selectors: exit (issue 4)."""

from __future__ import annotations


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    """
    return {}


def exit_status_for(*, person_ids) -> dict[int, str]:
    """Short Danish final-year/exit status per person (for the status-meeting agenda), e.g.
    "Sidste år – afslutningssamtale 12.05.2027, forventet: job med løntilskud".
    Persons with nothing to say are left out. Constant number of queries."""
    return {}
