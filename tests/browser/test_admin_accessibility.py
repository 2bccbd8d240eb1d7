"""The Django admin passes axe like every other page: every page shape, logged in as a superuser.

The shapes come from the admin's registry: the index, each app's index, and for every registered
model its list, its add form (where the admin offers one) and one row's change view (the rows
come from ``tests/admin_rows.py``). The world is built once for the module.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests import admin_rows
from tests import cast as cast_members

from .axe import assert_accessible

pytestmark = pytest.mark.browser

REGISTRY = admin.site._registry
APP_LABELS = sorted({m._meta.app_label for m in REGISTRY})


def _offers_add(model) -> bool:
    """Whether the admin has an add form for a superuser (known without a database)."""
    request = RequestFactory().get("/admin/")
    request.user = SimpleNamespace(is_active=True, is_superuser=True, has_perm=lambda perm: True)
    return REGISTRY[model].has_add_permission(request)


def _shapes():
    yield pytest.param("index", None, id="index")
    for label in APP_LABELS:
        yield pytest.param("app_index", label, id=f"app-{label}")
    for model in REGISTRY:
        opts = model._meta
        views = ("changelist", "add", "change") if _offers_add(model) else ("changelist", "change")
        for view in views:
            yield pytest.param(view, model, id=f"{opts.app_label}.{opts.model_name}-{view}")


@pytest.fixture(scope="module")
def _module_rows(django_db_setup, django_db_blocker, shared_live_server):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            cast = cast_members.build_all()
            admin_rows.build_rows(cast)
            yield cast["admin_user"].pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _path(view: str, target) -> str | None:
    if view == "index":
        return reverse("admin:index")
    if view == "app_index":
        return reverse("admin:app_list", args=[target])
    opts = target._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view == "change":
        return reverse(name, args=[admin_rows.row_of(target).pk])
    return reverse(name)


@pytest.mark.parametrize(("view", "target"), list(_shapes()))
def test_admin_page_has_no_serious_accessibility_violations(
    view, target, _module_rows, new_context
):
    from stu_case.accounts.models import User

    superuser = User.objects.get(pk=_module_rows)
    path = _path(view, target)
    page = new_context(superuser, bypass_csp=True).new_page()
    page.set_default_navigation_timeout(30_000)  # the change history's list is slow to build
    response = page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )
    page.wait_for_load_state("load")
    assert_accessible(page, name=f"admin {view} {target or ''}", path=path)
