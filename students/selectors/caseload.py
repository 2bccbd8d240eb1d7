"""Reads for the handover page and the substitutes page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from stu_case import permissions
from stu_case.accounts import roles
from students.models import Substitution, YoungPerson


def contact_person_candidates(municipality) -> QuerySet:
    """Who may be a young person's contact person (or a substitute): the municipality's active
    editors."""
    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality)
        .with_role(*roles.EDITOR_ROLES)
    )


def handover_from_choices(*, user) -> QuerySet:
    """Contact persons of the leader's municipality who have young people, with the count."""
    visible = permissions.young_people_for(user).values("pk")
    return (
        get_user_model()
        .objects.filter(municipality_id=user.municipality_id)
        .annotate(n_people=Count("caseload", filter=Q(caseload__in=visible)))
        .filter(n_people__gt=0)
        .order_by("first_name", "last_name", "pk")
    )


def handover_people(*, user, from_user) -> QuerySet[YoungPerson]:
    """``from_user``'s young people the leader sees, for the checkboxes (one query)."""
    return (
        permissions.young_people_for(user)
        .filter(contact_person=from_user)
        .only("pk", "first_name", "last_name", "status", "contact_person_since")
        .order_by("last_name", "first_name", "pk")
    )


def substitutions_of(*, user) -> QuerySet[Substitution]:
    """The user's substitutions, given and taken, not cancelled, latest first."""
    return (
        Substitution.objects.filter(Q(absent=user) | Q(substitute=user), cancelled_at__isnull=True)
        .select_related("absent", "substitute")
        .order_by("-starts_on", "-pk")
    )
