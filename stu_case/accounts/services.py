"""Team and institution memberships follow a user's municipality, roles and institutions."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from stu_case import permissions

from . import roles
from .models import Municipality, User


@transaction.atomic
def user_sync_memberships(*, user: User) -> None:
    """Put the user in exactly the team and institution groups their data says.

    Municipal staff with a team role belong to their municipality's team group; institution
    staff belong to the staff group of each institution they are a member of. Called by the
    admin after saving a user or a membership, and by the demo-data command.
    """
    from django.apps import apps

    Institution = apps.get_model("institutions", "Institution")
    role_names = set(user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True))
    wanted: set[int] = set()
    if user.municipality_id and role_names & set(roles.TEAM_ROLES):
        wanted.add(user.municipality.team_group_id)
    if roles.INSTITUTION in role_names:
        wanted |= set(
            Institution.objects.filter(memberships__user=user).values_list(
                "staff_group_id", flat=True
            )
        )
    managed = set(Municipality.objects.values_list("team_group_id", flat=True)) | set(
        Institution.objects.values_list("staff_group_id", flat=True)
    )
    current = set(user.groups.filter(pk__in=managed).values_list("pk", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(pk__in=current - wanted))
    if wanted - current:
        user.groups.add(*Group.objects.filter(pk__in=wanted - current))
    permissions.forget_cached_perms(user)


def user_set_roles(*, user: User, role_names: list[str]) -> None:
    unknown = set(role_names) - set(roles.ALL_ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    role_groups = Group.objects.filter(name__in=roles.ALL_ROLES)
    user.groups.remove(*role_groups.exclude(name__in=role_names))
    user.groups.add(*role_groups.filter(name__in=role_names))
    user_sync_memberships(user=user)
