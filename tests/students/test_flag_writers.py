"""Only the flag service writes ``Flag`` rows.

Every app raises and resolves flags through ``students.services.flags``; a module that created,
updated or deleted flags itself would skip the rules kept there (one open flag per person and
kind, who or what resolved it, notify once). The check reads the source of every application
module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("stu_case", "institutions", "students", "visitation", "transitions")
FLAG_SERVICE = ROOT / "students" / "services" / "flags.py"
WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "update",
    "bulk_update",
    "delete",
    "save",
}
FLAG_ROOTS = {"Flag", "flag"}  # the model, and what one flag is usually called
RELATED = "flags"  # a person's flags (``person.flags``)
QUERYSET = {
    "objects", "all", "open", "filter", "exclude", "select_related", "prefetch_related",
    "select_for_update", "order_by", "distinct", "only", "defer", "using", "get", "first",
    "last", "earliest", "latest", "iterator",
}  # fmt: skip


def _is_flags(node: ast.expr, names: set[str]) -> bool:
    """Whether ``node`` is flags: the model or a flag name, or a queryset chain built on them."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Attribute):
            if node.attr == RELATED:
                return True
            if node.attr not in QUERYSET:
                return False
            node = node.value
        else:
            return isinstance(node, ast.Name) and node.id in names


def _flag_names(tree: ast.AST) -> set[str]:
    """FLAG_ROOTS and every name the module binds to flags (``stale = Flag.objects...``,
    ``for f in person.flags.all()``)."""
    bindings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            bindings += [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and node.value is not None:
            bindings.append((node.target, node.value))
        elif isinstance(node, ast.For | ast.comprehension):
            bindings.append((node.target, node.iter))
    names = set(FLAG_ROOTS)
    while more := {
        target.id
        for target, value in bindings
        if isinstance(target, ast.Name) and target.id not in names and _is_flags(value, names)
    }:
        names |= more
    return names


def flag_writes(source: str) -> list[tuple[int, str]]:
    """``(line, call)`` for every place the source creates, changes or deletes flags."""
    tree = ast.parse(source)
    names = _flag_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "Flag":
            found.append((node.lineno, "Flag(...)"))
        elif (
            isinstance(func, ast.Attribute) and func.attr in WRITES and _is_flags(func.value, names)
        ):
            found.append((node.lineno, ast.unparse(func)))
    return sorted(found)


def application_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and path != FLAG_SERVICE:
                yield path


def test_only_the_flag_service_writes_flags():
    offenders = {
        str(path.relative_to(ROOT)): writes
        for path in application_modules()
        if (writes := flag_writes(path.read_text()))
    }
    assert not offenders, "raise and resolve flags through students.services.flags"


@pytest.mark.parametrize(
    "source",
    [
        "Flag.objects.create(person=p, kind=k)",
        "Flag.objects.filter(kind=k, resolved_at__isnull=True).update(resolved_at=now)",
        "Flag.objects.open().exclude(person_id__in=ids).update(resolution='x')",
        "Flag.objects.bulk_create(rows, ignore_conflicts=True)",
        "person.flags.all().delete()",
        "flag.save(update_fields=['resolved_at'])",
        "rows = [Flag(person_id=1, kind=k)]",
        "stale = Flag.objects.filter(kind=k)\nstale = stale.filter(x=1)\nstale.update(resolved_at=now)",
        "for f in person.flags.all():\n    f.delete()",
    ],
)
def test_the_check_sees_a_flag_write(source):
    assert flag_writes(source)


@pytest.mark.parametrize(
    "source",
    [
        "Enrolment.objects.filter(pk=1).update(status='x')",
        "Flag.objects.open().filter(kind=k).count()",
        "person = flag.person\nperson.save()",
        "by_person = {f.person_id: f for f in flags}\nby_person.update(more)",
    ],
)
def test_the_check_leaves_other_writes_alone(source):
    assert not flag_writes(source)


def test_the_flag_service_is_where_the_check_looks():
    assert FLAG_SERVICE.exists()
    assert flag_writes(FLAG_SERVICE.read_text())  # it writes flags: the exemption is live
