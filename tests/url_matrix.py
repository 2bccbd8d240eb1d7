"""The URL matrix: who may open which URL.

Every named URL of our apps has at least one ``Entry`` in a ``tests.<app>.url_matrix`` module
(``ENTRIES = [...]``). ``tests/test_url_matrix.py`` fails when a URL has no entry, and walks
every entry for anonymous users and for every member of the cast:

- anonymous → redirect to the login page (unless the entry says otherwise, which only the
  names in ``PUBLIC_NAMES`` may);
- ``allowed`` → one of ``allowed_status``;
- ``denied`` → one of ``denied_status``; the roles in ``not_found`` must get exactly 404
  (an outsider must not even learn that the person exists), those in ``forbidden`` exactly 403.

``allowed`` and ``denied`` together must name the whole cast, so adding a role to the cast
makes every entry say what that role may do.

``kwargs`` and ``data`` are called with the lazy ``Cast`` once per request, so a builder may
create what the URL needs (a fresh relative to delete, an open flag, a plan revision …).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# The fixed cast (fixture names from tests/conftest.py), apart from the anonymous visitor.
EDITORS = ("uu_user", "jobcenter_user", "forvaltning_user")
TEAM = (*EDITORS, "leder_user")
INSTITUTION = "institution_user"
# Outsiders must get 404 on person pages: another municipality, another institution.
OUTSIDERS = ("outsider", "other_institution_user")
ROLES: tuple[str, ...] = (
    *TEAM,
    "visitation_user",
    INSTITUTION,
    *OUTSIDERS,
    "admin_user",
)
ANONYMOUS = "anonymous"

# The only URL names an anonymous visitor may open without being sent to the login page. The
# calendar subscription's address is its own credential (a secret token; 404 without one).
PUBLIC_NAMES = frozenset({"login", "health", "set_language", "work:calendar_feed"})

# The apps whose ``tests.<app>.url_matrix`` modules are collected (missing modules are fine).
MATRIX_APPS = ("students", "institutions", "visitation", "transitions", "stu_case")


class Cast:
    """The cast of a test, resolved lazily from pytest fixtures (``cast.uu_user`` …).

    Only the fixtures an entry touches are created. ``cast.user(role)`` gives a cast member by
    role name; ``cast.extra`` is a scratch dict for builders that share objects.
    """

    def __init__(self, request):
        self._request = request
        self.extra: dict[str, Any] = {}

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._request.getfixturevalue(name)

    def user(self, role: str):
        return None if role == ANONYMOUS else self._request.getfixturevalue(role)


def no_kwargs(cast: Cast) -> dict:
    return {}


@dataclass(frozen=True)
class Entry:
    """One URL and what each member of the cast gets from it."""

    name: str
    kwargs: Callable[[Cast], dict] = no_kwargs
    allowed: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    method: str = "get"
    data: Callable[[Cast], dict] | None = None
    allowed_status: tuple[int, ...] = (200,)
    denied_status: tuple[int, ...] = (404, 403)
    # "login": anonymous visitors are redirected to the login page; a tuple: their statuses.
    anonymous: str | tuple[int, ...] = "login"
    # Roles (a subset of ``denied``) that must get exactly 404, never 403: they must not learn
    # that the object exists.
    not_found: tuple[str, ...] = ()
    # Roles (a subset of ``denied``) that must get exactly 403: they see the object but may not
    # do this with it.
    forbidden: tuple[str, ...] = ()
    # Distinguishes several entries for one URL name in test ids.
    label: str = ""

    @property
    def id(self) -> str:
        base = self.name if self.method == "get" else f"{self.name}[{self.method}]"
        return f"{base}<{self.label}>" if self.label else base

    def problems(self) -> list[str]:
        """Inconsistencies in the entry itself (checked by the matrix test)."""
        out = []
        allowed, denied = set(self.allowed), set(self.denied)
        if allowed & denied:
            out.append(f"{self.id}: both allowed and denied: {sorted(allowed & denied)}")
        unknown = (allowed | denied | set(self.not_found)) - set(ROLES)
        if unknown:
            out.append(f"{self.id}: unknown roles {sorted(unknown)}")
        missing = set(ROLES) - allowed - denied
        if missing:
            out.append(f"{self.id}: says nothing about {sorted(missing)}")
        for attr in ("not_found", "forbidden"):
            if set(getattr(self, attr)) - denied:
                out.append(f"{self.id}: {attr} roles must be denied: {getattr(self, attr)}")
        if set(self.not_found) & set(self.forbidden):
            out.append(f"{self.id}: a role cannot be both not_found and forbidden")
        if self.anonymous != "login" and self.name not in PUBLIC_NAMES:
            out.append(f"{self.id}: open to anonymous visitors but not in PUBLIC_NAMES")
        if self.method not in ("get", "post"):
            out.append(f"{self.id}: unsupported method {self.method}")
        return out


def everyone_but(*roles: str) -> tuple[str, ...]:
    return tuple(r for r in ROLES if r not in roles)


def collect_entries(apps: Iterable[str] = MATRIX_APPS) -> list[Entry]:
    """``ENTRIES`` of every ``tests.<app>.url_matrix`` module that exists."""
    entries: list[Entry] = []
    for app in apps:
        module_name = f"tests.{app}.url_matrix"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name in (module_name, f"tests.{app}"):
                continue
            raise
        entries.extend(module.ENTRIES)
    return entries


def url_names(resolver=None) -> dict[str, str]:
    """Every named URL pattern as ``{"namespace:name": route}``, walking includes."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, str] = {}

    def walk(patterns, namespace: str, prefix: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace
                child_ns = f"{namespace}{ns}:" if ns else namespace
                walk(p.url_patterns, child_ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                key = f"{namespace}{p.name}" if p.name else f"<unnamed {route}>"
                found.setdefault(key, route)

    walk((resolver or get_resolver()).url_patterns, "", "")
    return found
