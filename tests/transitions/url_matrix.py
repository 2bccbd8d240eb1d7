"""URL matrix entries for ``transitions:*`` (see tests/url_matrix.py), one module per area."""

from __future__ import annotations

from tests.transitions import (
    url_matrix_exit,
    url_matrix_internships,
    url_matrix_lifecycle,
    url_matrix_meetings,
    url_matrix_pathway,
)
from tests.url_matrix import TEAM, Cast, Entry, everyone_but


def pk(cast: Cast) -> dict:
    return {"pk": cast.person.pk}


ENTRIES = [
    Entry(
        "transitions:person",
        pk,
        allowed=TEAM,
        denied=everyone_but(*TEAM),
        not_found=everyone_but(*TEAM),
    ),
    *url_matrix_meetings.ENTRIES,
    *url_matrix_pathway.ENTRIES,
    *url_matrix_lifecycle.ENTRIES,
    *url_matrix_exit.ENTRIES,
    *url_matrix_internships.ENTRIES,
]
