"""Every URL, every member of the cast: a new URL cannot ship unchecked.

The entries live in ``tests/<app>/url_matrix.py``; the framework in ``tests/url_matrix.py``.
The Django admin is covered by the smoke test at the end instead.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from tests import cast as cast_members
from tests.module_world import module_transaction
from tests.url_matrix import (
    ANONYMOUS,
    PUBLIC_NAMES,
    ROLES,
    Cast,
    Entry,
    collect_entries,
    url_names,
)

ENTRIES = collect_entries()

# Covered elsewhere: the admin (smoke test below) and Django's language switch (a form post
# that only sets a cookie).
NOT_IN_MATRIX = frozenset({"set_language"})


def _ours(name: str) -> bool:
    return not name.startswith("admin:") and name not in NOT_IN_MATRIX


def test_every_url_name_is_in_the_matrix():
    routes = url_names()
    unnamed = sorted(k for k in routes if k.startswith("<unnamed") and "admin/" not in routes[k])
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    covered = {e.name for e in ENTRIES}
    missing = sorted(n for n in routes if _ours(n) and not n.startswith("<") and n not in covered)
    assert not missing, "These URLs have no entry in any tests/<app>/url_matrix.py: " + ", ".join(
        f"{n} ({routes[n]})" for n in missing
    )


def test_matrix_entries_are_consistent():
    routes = url_names()
    problems = [p for e in ENTRIES for p in e.problems()]
    problems += [f"{e.id}: no such URL name" for e in ENTRIES if e.name not in routes]
    ids = [e.id for e in ENTRIES]
    problems += [f"{i}: duplicate entry (give it a label)" for i in set(ids) if ids.count(i) > 1]
    assert not problems, "\n".join(problems)


def test_only_the_allowlist_is_public():
    public = {e.name for e in ENTRIES if e.anonymous != "login"}
    assert public <= PUBLIC_NAMES


def _request(client: Client, entry: Entry, cast: Cast):
    url = reverse(entry.name, kwargs=entry.kwargs(cast))
    data = entry.data(cast) if entry.data else {}
    if entry.method == "post":
        return url, client.post(url, data)
    return url, client.get(url, data)


@pytest.fixture
def cast(request, db):
    return Cast(request)


# ---------------------------------------------------------------- one cast for the module
# About 1,300 requests only read the cast (a builder may add what its URL needs, undone after
# the test). Building the base cast once, in a transaction around the module with a savepoint
# per test, instead of once per request, takes most of the time out of the matrix.
@pytest.fixture(scope="module")
def _module_cast(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield {name: (type(obj), obj.pk) for name, obj in cast_members.build_all().items()}


@pytest.fixture(autouse=True)
def _module_cast_first(request):
    """Open the module's transaction before a database test opens its own (autouse fixtures
    come first). Tests without the database don't build it: pytest-django runs them after the
    transactional tests, which leave the database flushed."""
    if "db" in request.fixturenames:
        request.getfixturevalue("_module_cast")


def _from_module_cast(name: str):
    """The fixture ``name`` for this module: a fresh instance of the module's cast member."""

    @pytest.fixture(name=name)
    def member(_module_cast, db):
        model, pk = _module_cast[name]
        return model._default_manager.get(pk=pk)

    return member


for _member in cast_members.MEMBERS:
    globals()[f"_cast_{_member.__name__}"] = _from_module_cast(_member.__name__)


@pytest.mark.parametrize(
    ("entry", "role"),
    [pytest.param(e, r, id=f"{e.id}-{r}") for e in ENTRIES for r in (ANONYMOUS, *ROLES)],
)
def test_url_matrix(entry: Entry, role: str, cast: Cast, client_for):
    user = cast.user(role)
    client = Client() if user is None else client_for(user)
    url, response = _request(client, entry, cast)
    status = response.status_code
    where = f"{entry.method.upper()} {url} as {role}"
    if role == ANONYMOUS:
        if entry.anonymous == "login":
            assert status == 302, f"{where}: {status}, expected a redirect to the login page"
            assert response["Location"].split("?")[0] == reverse("login"), where
        else:
            assert status in entry.anonymous, f"{where}: {status}, expected {entry.anonymous}"
    elif role in entry.allowed:
        assert status in entry.allowed_status, f"{where}: {status}, expected {entry.allowed_status}"
    else:
        assert role in entry.denied, f"{entry.id} says nothing about {role}"
        if role in entry.not_found:
            assert status == 404, f"{where}: {status}, must be 404 (must not learn it exists)"
        elif role in entry.forbidden:
            assert status == 403, f"{where}: {status}, expected 403"
        else:
            assert status in entry.denied_status, (
                f"{where}: {status}, expected {entry.denied_status}"
            )


# ---------------------------------------------------------------- the admin
def _admin_pages():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield pytest.param(model, model_admin, id=f"{opts.app_label}.{opts.model_name}")


@pytest.mark.parametrize(("model", "model_admin"), list(_admin_pages()))
def test_admin_smoke(model, model_admin, admin_user, uu_user, client_for):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")

    staff = client_for(admin_user)
    assert staff.get(changelist).status_code == 200, changelist
    request = RequestFactory().get(add)
    request.user = admin_user
    expected_add = 200 if model_admin.has_add_permission(request) else 403
    assert staff.get(add).status_code == expected_add, add

    # Non-staff users go to the admin's login page, anonymous visitors to the site's.
    login_pages = (reverse("admin:login"), reverse("login"))
    for client in (client_for(uu_user), Client()):
        for url in (changelist, add):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].split("?")[0] in login_pages, url
