"""What of a young person's case text a reader outside the municipal team sees: decided here,
field by field, and nowhere else.

Institution staff open the person page, the plan print and the plan's revisions of their own
current students. Those pages also carry text the municipal team wrote for itself: a flag's
details and acknowledgement quote status-meeting actions and housing notes, an interrupted
enrolment's reason, the professional justification of a plan revision (often the committee's
own words), and goals about health (requirement 5 in SECURITY.md: no health or social fields to
institution users). A reader who may not see the sensitive part of the case
(``Action.VIEW_SENSITIVE``) gets these fields blanked and those goals left out.

Every other field on those pages is shown to institution staff on purpose: it is the shared
plan they teach by. ``tests/students/test_disclosure.py`` checks each field named here, on
every page that shows it, for both kinds of reader.
"""

from __future__ import annotations

from collections.abc import Iterable

from .actions import Action, can

# Team-only text fields, by model (``app_label.modelname``).
TEAM_ONLY_FIELDS: dict[str, tuple[str, ...]] = {
    "students.flag": ("details", "acknowledgement", "resolution"),
    "students.enrolment": ("end_reason",),
    "students.planrevision": ("justification",),
}

# Goal areas that are health or social information (``students.GoalArea`` values).
TEAM_ONLY_GOAL_AREAS: frozenset[str] = frozenset({"health"})


def sees_team_text(user, person) -> bool:
    """May ``user`` read the team-only text of ``person``'s case?"""
    return can(user, Action.VIEW_SENSITIVE, person)


def _refuse_save(*args, **kwargs):
    raise RuntimeError("A redacted object is for display only and is never saved.")


def redacted(user, person, objects: Iterable) -> list:
    """``objects`` as ``user`` may see them: for a reader outside the team, the team-only fields
    are blanked in memory (the objects can then no longer be saved)."""
    objects = list(objects)
    if sees_team_text(user, person):
        return objects
    for obj in objects:
        for field in TEAM_ONLY_FIELDS.get(obj._meta.label_lower, ()):
            setattr(obj, field, "")
        obj.save = _refuse_save
    return objects


def hidden_goal_areas(user, person) -> frozenset[str]:
    """The goal areas ``user`` may not see in ``person``'s plan (none for the team)."""
    return frozenset() if sees_team_text(user, person) else TEAM_ONLY_GOAL_AREAS


def visible_snapshot_goals(user, person, goals: Iterable[dict]) -> list[dict]:
    """A plan revision's frozen goals (dicts with an ``area``) that ``user`` may see."""
    hidden = hidden_goal_areas(user, person)
    return [g for g in goals if g.get("area") not in hidden]
