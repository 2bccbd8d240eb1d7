"""Visitation reads: the young person whose visitation case a page shows."""

from __future__ import annotations

from stu_case import permissions
from students.models import YoungPerson


def person_case(*, user, pk) -> YoungPerson:
    """The person for the visitation page (404 unless the user may see the case material)."""
    qs = YoungPerson.objects.select_related("contact_person", "municipality", "plan")
    return permissions.get_young_person_or_404(
        user, pk, perm=permissions.VIEW_SENSITIVE, queryset=qs
    )
