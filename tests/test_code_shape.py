"""The shape of the application code: no module over 800 lines, no function over 80, and
no dead code (vulture, further down).

A long function is read, reviewed and tested as one piece; past a screenful it hides the
steps it is made of. The limits hold for every ``.py`` file of the apps except migrations
(generated) and the demo data builders (the ``demo`` packages and modules and ``seed_demo``),
which are long lists of data rather than logic.
"""

from __future__ import annotations

import ast
import keyword
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("stu_case", "institutions", "students", "visitation", "transitions")
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80


def _is_demo(relative: Path) -> bool:
    parts = relative.parts
    return "demo" in parts or relative.name in ("demo.py", "seed_demo.py")


def application_modules() -> list[Path]:
    """Every application module, relative to the repository root."""
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or _is_demo(relative):
                continue
            found.append(relative)
    return found


def _functions(tree: ast.AST, prefix: str = ""):
    """``(qualified name, lines)`` of every function and method, nested ones included.
    The lines run from ``def`` to the last line of the body (decorators not counted)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{node.name}"
            yield name, node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def oversized() -> dict[str, str]:
    """``file`` or ``file::function`` → what is too long."""
    found = {}
    for relative in application_modules():
        source = (ROOT / relative).read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found[relative.as_posix()] = f"{lines} lines (module limit {MAX_MODULE_LINES})"
        for name, length in _functions(ast.parse(source, filename=str(relative))):
            if length > MAX_FUNCTION_LINES:
                found[f"{relative.as_posix()}::{name}"] = (
                    f"{length} lines (function limit {MAX_FUNCTION_LINES})"
                )
    return found


def test_the_walk_finds_the_application_code():
    modules = {p.as_posix() for p in application_modules()}
    assert "students/services/absence.py" in modules
    assert "transitions/views/pathway.py" in modules
    assert not any("/migrations/" in m or "/demo/" in m for m in modules)
    assert "students/management/commands/seed_demo.py" not in modules


def test_no_module_or_function_is_too_long():
    too_long = oversized()
    assert not too_long, "split these into well-named pieces:\n" + "\n".join(
        f"  {key}: {why}" for key, why in sorted(too_long.items())
    )


# ---------------------------------------------------------------- dead code (vulture)
# Code nothing calls is read, reviewed and kept working for nothing. vulture finds names that
# are defined and never used; Django and Celery use many names that no Python code mentions,
# and those are declared here, by kind, so that what vulture still reports is really dead.
VULTURE_CONFIDENCE = 60
TEMPLATE_DIRS = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
WHITELIST = ROOT / "tests" / "vulture_whitelist.py"

# Decorators that hand the function or class to Django or Celery, which call it.
VULTURE_IGNORE_DECORATORS = [
    "@admin.register",
    "@admin.action",
    "@admin.display",
    "@shared_task",
    "@register.filter",
    "@register.simple_tag",
    "@receiver",
    "@rule",  # stu_case.permissions: registers the function as the rule of its Action
]

# Names Django calls or reads by convention (vulture takes fnmatch patterns).
VULTURE_IGNORE_NAMES = [
    # Model and form Meta options.
    "verbose_name",
    "verbose_name_plural",
    "ordering",
    "constraints",
    "indexes",
    "triggers",
    "unique_together",
    "default_permissions",
    "get_latest_by",
    "widgets",
    "help_texts",
    "error_messages",
    # ModelAdmin, inline and admin site options.
    "list_*",
    "lookups",  # SimpleListFilter: the filter's choices
    "parameter_name",  # SimpleListFilter: its query-string key
    "search_fields",
    "raw_id_fields",
    "readonly_fields",
    "autocomplete_fields",
    "filter_horizontal",
    "filter_vertical",
    "date_hierarchy",
    "inlines",
    "show_full_result_count",
    "can_delete",
    "formfield_overrides",
    "site_header",
    "site_title",
    "index_title",
    # Upload handlers: Django's request parser calls them for every multipart request.
    "handle_raw_input",
    "receive_data_chunk",
    "file_complete",
    # Admin, form and form field hooks.
    "has_*_permission",
    "get_queryset",
    "get_readonly_fields",
    "save_model",
    "save_related",
    "formfield_for_*",
    "clean_*",
    "label_from_instance",
    "prepare_value",
    "empty_label",
    # Management commands and app configs (apps are installed by package name).
    "Command",
    "help",
    "requires_system_checks",
    "add_arguments",
    "handle",
    "*Config",
    "ready",
    # Middleware hooks and URLconf names.
    "process_request",
    "process_view",
    "process_response",
    "process_exception",
    "app_name",
    "urlpatterns",
    # Migrations (scanned too: a function only a migration uses is not dead).
    "Migration",
    "dependencies",
    "operations",
    "schema_editor",
]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+")


def template_names() -> set[str]:
    """Identifiers inside ``{{ }}`` and ``{% %}`` of the templates: attributes, properties
    and methods that only a template reads, filters and tags."""
    names = set()
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html") if directory.is_dir() else ():
            for code in _TEMPLATE_CODE.findall(path.read_text(encoding="utf-8")):
                names.update(_IDENTIFIER.findall(code))
    return names


def django_names() -> set[str]:
    """Names Django reads by name: the models' fields (the schema: the ORM, forms, admin and
    migrations read them), the settings, and the last parts of the dotted paths in the
    settings (middleware, context processors, tasks, backends)."""
    from django.apps import apps
    from django.conf import settings

    names = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            names.add(f.name)
            names.update(filter(None, [getattr(f, "attname", None)]))

    def strings(value):
        if type(value) is str:  # not lazy objects that pass for strings
            yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from strings(k)
                yield from strings(v)
        elif isinstance(value, list | tuple | set):
            for v in value:
                yield from strings(v)

    for name in dir(settings):
        if name.isupper():
            names.add(name)
            for text in strings(getattr(settings, name)):
                if _DOTTED.fullmatch(text):
                    names.update(text.split("."))
    return names


def declared_names() -> set[str]:
    """The class attributes of forms (their declared fields, which the form renders and
    validates), of choices (the stored values, offered by forms and the admin) and of
    dataclasses (their fields, read as a whole: ``asdict`` in the jobs' results, templates)."""
    names = set()
    for relative in _vulture_modules():
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
            decorators = [ast.unparse(d).split("(")[0] for d in node.decorator_list]
            if not (
                any(b.endswith(("Form", "Choices")) for b in bases)
                or any(d.rsplit(".", 1)[-1] == "dataclass" for d in decorators)
            ):
                continue
            for statement in node.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _vulture_modules() -> list[Path]:
    return [
        path.relative_to(ROOT)
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    ]


_VULTURE_LINE = re.compile(r"^(?P<file>[^:]+):\d+: unused \w+ '(?P<name>[^']+)'")


def test_no_dead_code(tmp_path):
    used = template_names() | django_names() | declared_names()
    used = {n for n in used if not keyword.iskeyword(n)}
    generated = tmp_path / "django_whitelist.py"
    generated.write_text("".join(f"{name}\n" for name in sorted(used)), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vulture",
            *APPS,
            str(WHITELIST),
            str(generated),
            "--min-confidence",
            str(VULTURE_CONFIDENCE),
            "--ignore-names",
            ",".join(VULTURE_IGNORE_NAMES),
            "--ignore-decorators",
            ",".join(VULTURE_IGNORE_DECORATORS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 3), result.stdout + result.stderr  # 3: dead code found
    reported = {}
    for line in result.stdout.splitlines():
        match = _VULTURE_LINE.match(line)
        assert match, line
        reported[f"{match['file']}:{match['name']}"] = line
    dead = [line for _key, line in sorted(reported.items())]
    assert not dead, (
        "vulture finds code nothing uses: delete it, or if Django or Celery uses it by a "
        "convention, declare that convention in this module (or the name in "
        "tests/vulture_whitelist.py, with the reason):\n" + "\n".join(dead)
    )
