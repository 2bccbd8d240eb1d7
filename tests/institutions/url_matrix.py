"""URL matrix entries for the catalogue (``institutions:*``) — see tests/url_matrix.py.

The catalogue is for everyone who works for a municipality (incl. the visitation committee
and another municipality: institutions are shared) and administrators; institution staff see
only their own institution.
"""

from __future__ import annotations

from tests.url_matrix import ROLES, Cast, Entry, everyone_but


def institution_pk(cast: Cast) -> dict:
    return {"pk": cast.institution.pk}


ENTRIES = [
    # ------------------------------------------------------------ the catalogue
    Entry("institutions:catalogue", allowed=ROLES),
    Entry(
        "institutions:detail",
        kwargs=institution_pk,
        allowed=everyone_but("other_institution_user"),
        denied=("other_institution_user",),
        not_found=("other_institution_user",),
    ),
]
