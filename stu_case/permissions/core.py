"""Who a user is (roles, team, institution), the object-permission cache, and ``get_or_404``.

Object access lives in django-guardian's direct-FK tables for ``YoungPerson``; the codenames
are below. ``roles_of`` and ``has_person_perm`` cache on the user object for the request;
``forget_cached_perms`` clears both after a role, membership or grant changes.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404

from stu_case.accounts import roles

VIEW = "view_youngperson"
VIEW_SENSITIVE = "view_sensitive_youngperson"
CHANGE = "change_youngperson"


def model(app_label: str, name: str):
    """A model of a higher app, looked up by name: the platform never imports the apps."""
    return apps.get_model(app_label, name)


def is_active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# ---------------------------------------------------------------- roles
def roles_of(user) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_stu_roles", None)
    if cached is None:
        cached = frozenset(
            user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)
        )
        user._stu_roles = cached
    return cached


def has_role(user, *names: str) -> bool:
    return bool(roles_of(user) & set(names))


def in_municipal_team(user) -> bool:
    """A member of a municipality's team (``roles.TEAM_ROLES``): sees its whole caseload.

    The visitation committee is not in the team (see ``works_for_municipality``).
    """
    return bool(getattr(user, "municipality_id", None)) and has_role(user, *roles.TEAM_ROLES)


def works_for_municipality(user) -> bool:
    """Anyone with a municipal role (``roles.MUNICIPAL_ROLES``): the team and the visitation
    committee. This is who sees the whole catalogue and the municipal pages without a case."""
    return bool(getattr(user, "municipality_id", None)) and has_role(user, *roles.MUNICIPAL_ROLES)


def is_institution_staff(user) -> bool:
    return has_role(user, roles.INSTITUTION)


def is_institution_staff_only(user) -> bool:
    """Institution staff without a municipal team role: they see only their own students."""
    return is_institution_staff(user) and not in_municipal_team(user)


# ---------------------------------------------------------------- object permissions on people
def has_person_perm(user, person, perm: str) -> bool:
    """Object check for one person (after a fetch, e.g. to show sensitive fields). Cached."""
    from .people import young_people_for

    cache = getattr(user, "_stu_person_perms", None)
    if cache is None:
        cache = user._stu_person_perms = {}
    key = (person.pk, perm)
    if key not in cache:
        cache[key] = young_people_for(user, perm).filter(pk=person.pk).exists()
    return cache[key]


def forget_cached_perms(user) -> None:
    for attr in ("_stu_roles", "_stu_person_perms", "_stu_internship_inst", "_stu_work_owners"):
        if hasattr(user, attr):
            delattr(user, attr)


# ---------------------------------------------------------------- fetch one object or 404
def get_or_404(scope: QuerySet, pk, *, queryset: QuerySet | None = None):
    """The object ``pk`` from ``scope`` (a user's scoped queryset, e.g. ``young_people_for(user)``),
    else 404: an outsider learns nothing, not even that the object exists.

    ``queryset`` shapes the fetch (``select_related``, annotations); it is still restricted to
    ``scope``, so passing one can never widen access. A malformed ``pk`` is a 404 too.
    """
    qs = scope if queryset is None else queryset.filter(pk__in=scope.values("pk"))
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
