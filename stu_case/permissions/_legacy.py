"""Temporary aliases of the old API, for ``students`` and ``visitation`` until their callers
use ``can(user, Action.X, obj)`` and ``get_or_404``. Delete this module then."""

from __future__ import annotations

from . import actions
from .actions import Action
from .core import VIEW, get_or_404
from .institutions import portal_institutions_for
from .people import young_people_for

_PERSON_ACTIONS = {
    "view": Action.VIEW_PERSON,
    "view_sensitive": Action.VIEW_SENSITIVE,
    "reveal_cpr": Action.REVEAL_CPR,
    "view_history": Action.VIEW_HISTORY,
    "view_relatives": Action.VIEW_RELATIVES,
    "edit_person": Action.EDIT_PERSON,
    "edit_plan": Action.EDIT_PLAN,
    "edit_relatives": Action.EDIT_RELATIVES,
    "edit_social_notes": Action.EDIT_SOCIAL_NOTES,
    "acknowledge_flag": Action.ACKNOWLEDGE_FLAG,
}
_VISITATION_ACTIONS = {
    "view": Action.VIEW_VISITATION,
    "edit_clarification": Action.EDIT_CLARIFICATION,
    "recommend": Action.RECOMMEND,
    "sign_off": Action.SIGN_OFF,
    "register_appeal": Action.REGISTER_APPEAL,
}


def can(user, action, obj=None, *, final_year=None) -> bool:
    if isinstance(action, str):
        if action not in _PERSON_ACTIONS:
            raise TypeError(f"permissions.can takes an Action, not {action!r}")
        action = _PERSON_ACTIONS[action]
    return actions.can(user, action, obj, final_year=final_year)


def can_visitation(user, action: str, person) -> bool:
    if action not in _VISITATION_ACTIONS:
        raise ValueError(f"unknown visitation action {action!r}")
    return actions.can(user, _VISITATION_ACTIONS[action], person)


def can_create_person(user) -> bool:
    return actions.can(user, Action.CREATE_PERSON)


def can_manage_meetings(user, committee) -> bool:
    return actions.can(user, Action.MANAGE_COMMITTEE_MEETINGS, committee)


def can_record_decision(user, agenda_item) -> bool:
    return actions.can(user, Action.RECORD_DECISION, agenda_item)


def get_young_person_or_404(user, pk, perm: str = VIEW, queryset=None):
    return get_or_404(young_people_for(user, perm), pk, queryset=queryset)


def get_portal_institution_or_404(user, pk):
    return get_or_404(portal_institutions_for(user), pk)
