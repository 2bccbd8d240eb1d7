"""URL matrix entries: the enrolment's life. Collected by url_matrix.py.

Pages are about ``enrolled_person``: UU and forvaltning may register the events; the jobcenter
and the manager get 403; everyone outside the municipal team (the visitation committee,
institution staff, outsiders, the administrator) gets 404.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from stu_case.calendar import add_years
from tests.transitions.factories_lifecycle import enrolled
from tests.transitions.url_matrix_pathway import _entry, pk
from tests.url_matrix import Cast


def fresh_enrolled(cast: Cast) -> dict:
    """A new enrolled young person for every request (a POST that ends the enrolment)."""
    today = timezone.localdate()
    young = enrolled(
        cast.municipality,
        cast.uu_user,
        cast.institution,
        born=add_years(today, -19),
        start=today - timedelta(days=200),
    )
    return {"pk": young.pk}


def complete_post(cast: Cast) -> dict:
    return {"completed_on": timezone.localdate().isoformat(), "note": ""}


def planned_end_post(cast: Cast) -> dict:
    """One day later than the current planned end, so every allowed POST is a real move."""
    current = cast.enrolled_person.enrolments.current().planned_end_date
    return {"planned_end_date": (current + timedelta(days=1)).isoformat(), "reason": "Mere tid."}


ENTRIES = [
    _entry("transitions:lifecycle_complete", pk),
    _entry(
        "transitions:lifecycle_complete",
        fresh_enrolled,
        method="post",
        data=complete_post,
        allowed_status=(302,),
    ),
    _entry("transitions:lifecycle_transfer", pk),
    _entry("transitions:lifecycle_planned_end", pk),
    _entry(
        "transitions:lifecycle_planned_end",
        pk,
        method="post",
        data=planned_end_post,
        allowed_status=(302,),
    ),
    _entry("transitions:lifecycle_clarification", pk),
    _entry("transitions:lifecycle_education", pk),
]
