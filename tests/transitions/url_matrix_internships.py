"""URL matrix entries: transitions internships. Collected by url_matrix.py.

The cast's ``enrolled_person`` is actively enrolled at ``institution`` (not in the final year),
so ``institution_user`` works with them and the municipality's team sees the places
``institution`` shares with the jobcenter's network.
"""

from __future__ import annotations

from tests.transitions.factories_internships import InternshipFactory, InternshipPlaceFactory
from tests.url_matrix import INSTITUTION, TEAM, Cast, Entry, everyone_but

OTHERS = ("visitation_user", "outsider", "other_institution_user", "admin_user")
PERSON_EDITORS = ("uu_user", "forvaltning_user", INSTITUTION)
READ_ONLY = ("jobcenter_user", "leder_user")  # jobcenter: not in the final year


def _place(cast: Cast):
    if "place" not in cast.extra:
        cast.enrolled_person  # noqa: B018 - the municipality works with the institution
        cast.extra["place"] = InternshipPlaceFactory(
            institution=cast.institution, shared_with_jobcenter=True
        )
    return cast.extra["place"]


def place_pk(cast: Cast) -> dict:
    return {"pk": _place(cast).pk}


def person_pk(cast: Cast) -> dict:
    return {"pk": cast.enrolled_person.pk}


def internship_kwargs(cast: Cast) -> dict:
    internship = InternshipFactory(person=cast.enrolled_person, place=_place(cast))
    return {"pk": cast.enrolled_person.pk, "internship_pk": internship.pk}


ENTRIES = [
    Entry(
        "transitions:internship_overview",
        allowed=(*TEAM, INSTITUTION, "other_institution_user", "outsider"),
        denied=("visitation_user", "admin_user"),
        forbidden=("visitation_user", "admin_user"),
    ),
    Entry(
        "transitions:internship_place_list",
        allowed=everyone_but("visitation_user"),
        denied=("visitation_user",),
        forbidden=("visitation_user",),
    ),
    Entry(
        "transitions:internship_place_create",
        allowed=(INSTITUTION, "other_institution_user"),
        denied=everyone_but(INSTITUTION, "other_institution_user"),
        forbidden=everyone_but(INSTITUTION, "other_institution_user"),
    ),
    Entry(
        "transitions:internship_place_detail",
        place_pk,
        allowed=(*TEAM, INSTITUTION, "admin_user"),
        denied=("visitation_user", "outsider", "other_institution_user"),
        not_found=("visitation_user", "outsider", "other_institution_user"),
    ),
    Entry(
        "transitions:internship_place_edit",
        place_pk,
        allowed=(INSTITUTION,),
        denied=everyone_but(INSTITUTION),
        forbidden=(*TEAM, "admin_user"),
        not_found=("visitation_user", "outsider", "other_institution_user"),
    ),
    Entry(
        "transitions:internship_person",
        person_pk,
        allowed=(*TEAM, INSTITUTION),
        denied=OTHERS,
        not_found=OTHERS,
    ),
    Entry(
        "transitions:internship_match",
        person_pk,
        allowed=(*TEAM, INSTITUTION),
        denied=OTHERS,
        not_found=OTHERS,
    ),
    *[
        Entry(
            name,
            kwargs,
            allowed=PERSON_EDITORS,
            denied=(*READ_ONLY, *OTHERS),
            forbidden=READ_ONLY,
            not_found=OTHERS,
        )
        for name, kwargs in (
            ("transitions:internship_profile", person_pk),
            ("transitions:internship_create", person_pk),
            ("transitions:internship_edit", internship_kwargs),
            ("transitions:internship_evaluate", internship_kwargs),
        )
    ],
]
