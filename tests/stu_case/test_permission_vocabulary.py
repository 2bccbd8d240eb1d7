"""One permission vocabulary: every action is declared once with one rule, and asked one way.

The source checks read the application code (not the tests, not migrations) so that the old
dialects cannot creep back: no string actions, no per-domain ``can_*``, no per-model
``get_*_or_404``, no role set spelled out outside ``stu_case.accounts.roles``, and users with a
role found through ``User.objects.with_role``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.permissions import RULES, Action
from stu_case.permissions.actions import rule

ROOT = Path(__file__).resolve().parents[2]
APPS = ("stu_case", "institutions", "students", "visitation", "transitions")
ROLES_MODULE = ROOT / "stu_case" / "accounts" / "roles.py"
ACCOUNTS = ROOT / "stu_case" / "accounts"
PERMISSIONS = ROOT / "stu_case" / "permissions"

# The dialects that ``can(user, Action.X, obj)`` and ``get_or_404`` replaced.
OLD_NAMES = frozenset(
    {
        "can_visitation",
        "can_transitions",
        "can_status_meeting",
        "can_internships",
        "can_create_person",
        "can_view_catalogue",
        "can_manage_meetings",
        "can_record_decision",
        "can_exit_statistics",
        "can_manage_internship_places",
        "get_young_person_or_404",
        "get_catalogue_institution_or_404",
        "get_portal_institution_or_404",
        "get_status_meeting_or_404",
        "get_portal_status_request_or_404",
        "get_internship_place_or_404",
        "is_municipal_staff",
        "is_municipal_user",
        "TEAM_ROLES",
        "EDITOR_ROLES",
        "TRANSITIONS_EDITORS",
        "STATUS_MEETING_MANAGERS",
    }
)
SINGLE_ROLE_NAMES = frozenset(
    name for name in dir(roles) if name.isupper() and getattr(roles, name) in roles.ALL_ROLES
)


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno}"


# ---------------------------------------------------------------- the declarations
def test_every_action_has_exactly_one_rule():
    assert set(RULES) == set(Action), "actions without a rule: " + ", ".join(
        a.name for a in set(Action) - set(RULES)
    )


def test_a_second_rule_for_an_action_is_refused():
    before = RULES[Action.EDIT_PLAN]
    with pytest.raises(RuntimeError, match="already has a rule"):
        rule(Action.EDIT_PLAN)(lambda user, obj: True)
    assert RULES[Action.EDIT_PLAN] is before


def test_only_actions_get_rules():
    with pytest.raises(TypeError):
        rule("edit_plan")(lambda user, obj: True)


def test_every_rule_says_who_may_do_it():
    undocumented = sorted(a.name for a, func in RULES.items() if not (func.__doc__ or "").strip())
    assert not undocumented, f"rules without a docstring: {undocumented}"


def test_a_misspelt_action_fails_where_it_is_written():
    with pytest.raises(AttributeError):
        Action.EDIT_PLANN  # noqa: B018


def test_a_bare_string_is_not_an_action():
    # The visitation and transitions actions were strings such as "edit" or "manage": only the
    # members of ``Action`` are accepted now, whatever the string.
    for word in ("view", "edit_plan", "edit", "manage", "take_part", "sign_off", "fly"):
        with pytest.raises(TypeError):
            permissions.can(None, word)


# ---------------------------------------------------------------- the callers
def test_no_code_uses_the_old_dialects():
    found = []
    for path, tree in _modules():
        if path.is_relative_to(PERMISSIONS):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in OLD_NAMES
                and isinstance(node.value, ast.Name)
                and node.value.id == "permissions"
            ):
                found.append(f"{_where(path, node)} permissions.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "stu_case.permissions":
                found += [
                    f"{_where(path, node)} import {a.name}"
                    for a in node.names
                    if a.name in OLD_NAMES
                ]
    assert not found, "use permissions.can(user, Action.X, obj) / get_or_404:\n" + "\n".join(found)


def test_no_code_asks_can_with_a_string():
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name != "can" or len(node.args) < 2:
                continue
            action = node.args[1]
            if isinstance(action, ast.Constant | ast.JoinedStr):
                found.append(f"{_where(path, node)} can(…, {ast.unparse(action)})")
    assert not found, "pass Action.X, not a string:\n" + "\n".join(found)


def test_no_role_set_is_spelled_out_outside_the_roles_module():
    def is_role(node) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in roles.ALL_ROLES
        return (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "roles"
            and node.attr in SINGLE_ROLE_NAMES
        )

    found = []
    for path, tree in _modules():
        if path == ROLES_MODULE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                # A collection of roles (a list of user names that happen to include some is not).
                items = node.elts
                spelled_out = len(items) >= 2 and all(is_role(item) for item in items)
            elif isinstance(node, ast.Call):
                # e.g. has_role(user, roles.UU, roles.FORVALTNING)
                spelled_out = sum(1 for item in node.args if is_role(item)) >= 2
            else:
                continue
            if spelled_out:
                found.append(f"{_where(path, node)} {ast.unparse(node)[:80]}")
    assert not found, "name the role set in stu_case/accounts/roles.py:\n" + "\n".join(found)


def test_users_with_a_role_come_from_the_user_queryset():
    found = []
    for path, tree in _modules():
        if path.is_relative_to(ACCOUNTS):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and (node.arg or "").startswith("groups__"):
                found.append(f"{_where(path, node)} {node.arg}=")
    assert not found, (
        "use User.objects.active().in_municipality(m).with_role(*roles.X):\n" + "\n".join(found)
    )
