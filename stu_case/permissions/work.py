"""The caseworker's day: my work, handing a caseload over, and substitutes.

A substitute's access is a rule evaluated at request time from the substitution's dates
(``students.Substitution``), never a stored grant: it starts on the first day and ends by
itself the day after the last, with no job to revoke it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from stu_case.accounts import roles

from .actions import Action, rule
from .core import has_role, in_municipal_team, is_active_user, model, works_for_municipality


def work_owners_scope(user, day=None) -> QuerySet:
    """The ids of the users whose work ``user`` sees on ``day`` (today), as a subquery (no
    query of its own): the user, and every caseworker of the user's municipality the user is
    a substitute for that day."""
    User = get_user_model()
    if not is_active_user(user) or not works_for_municipality(user):
        return User.objects.none().values("pk")
    covered = (
        model("students", "Substitution")
        .objects.current(day or timezone.localdate())
        .filter(substitute=user, absent__municipality_id=user.municipality_id)
        .values("absent_id")
    )
    return User.objects.filter(Q(pk=user.pk) | Q(pk__in=covered)).values("pk")


def work_owners_for(user, day=None) -> list[int]:
    """``work_owners_scope`` as a list, the user first. One query, cached on the user for the
    request."""
    day = day or timezone.localdate()
    cache = getattr(user, "_stu_work_owners", None)
    if cache is not None and cache[0] == day:
        return cache[1]
    others = sorted(pk for pk in work_owners_scope(user, day).values_list("pk", flat=True))
    owners = [user.pk, *(pk for pk in others if pk != user.pk)] if others else []
    user._stu_work_owners = (day, owners)
    return owners


@rule(Action.USE_MY_WORK)
def _use_my_work(user, _obj=None) -> bool:
    """My work, its calendar subscription and notification choices: everyone working for a
    municipality (the team and the visitation committee); institution staff have the portal."""
    return works_for_municipality(user)


@rule(Action.VIEW_WORK_OF)
def _view_work_of(user, colleague) -> bool:
    """See a colleague's deadlines on my work: the colleague themself, or their substitute
    while today is inside the substitution's period (same municipality)."""
    return colleague is not None and colleague.pk in work_owners_for(user)


@rule(Action.HAND_OVER_CASELOAD)
def _hand_over(user, _obj=None) -> bool:
    """Hand young people from one contact person to another: the manager (leder) of the
    municipality's team."""
    return in_municipal_team(user) and has_role(user, roles.LEDER)


@rule(Action.NAME_SUBSTITUTE)
def _name_substitute(user, _obj=None) -> bool:
    """Name a substitute for one's own caseload: the editors (``roles.EDITOR_ROLES``), who
    can be contact persons."""
    return in_municipal_team(user) and has_role(user, *roles.EDITOR_ROLES)
