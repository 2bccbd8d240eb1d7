from __future__ import annotations

from stu_case import hooks, permissions
from stu_case.permissions import Action


def navigation(request):
    """The role-dependent main menu, the links higher apps add to it (``hooks.nav_links``,
    e.g. "my work" with its count) and the user's unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from stu_case.notifications.selectors import unread_count

    return {
        "nav_roles": permissions.roles_of(user),
        "nav_is_staff_user": permissions.in_municipal_team(user),
        "nav_is_institution_user": permissions.is_institution_staff(user),
        "nav_unread": unread_count(user=user),
        "nav_catalogue": permissions.can(user, Action.VIEW_CATALOGUE),
        "nav_links": [
            link for link in (x.resolve(request) for x in hooks.nav_links.items()) if link
        ],
    }
