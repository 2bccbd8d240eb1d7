"""The Django admin passes axe like every other page: every page shape, logged in as a superuser.

The shapes come from the admin's registry: the index, each app's index, and for every registered
model its list, its add form (where the admin offers one) and one row's change view (the rows
come from ``tests/admin_rows.py``; ``admin_pages.py`` builds them once for the module).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import RequestFactory

from .admin_pages import admin_path, admin_superuser_pk  # noqa: F401 - fixture
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


@pytest.mark.parametrize(("view", "target"), list(_shapes()))
def test_admin_page_has_no_serious_accessibility_violations(
    view,
    target,
    admin_superuser_pk,  # noqa: F811
    new_context,
):
    from stu_case.accounts.models import User

    superuser = User.objects.get(pk=admin_superuser_pk)
    path = admin_path(view, target)
    page = new_context(superuser, bypass_csp=True).new_page()
    page.set_default_navigation_timeout(30_000)  # the change history's list is slow to build
    response = page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )
    page.wait_for_load_state("load")
    what = target._meta.label if hasattr(target, "_meta") else target or ""
    assert_accessible(page, name=f"admin {view} {what}", path=path)
