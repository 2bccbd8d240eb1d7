"""The admin's pages for the accessibility test and the screenshots, with the rows they show
(``from .admin_pages import admin_superuser_pk``): one world for the module, built once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import admin_rows
from tests import cast as cast_members
from tests.module_world import module_transaction


@pytest.fixture(scope="module")
def admin_superuser_pk(django_db_setup, django_db_blocker, shared_live_server):
    """A row of every registered model (``tests/admin_rows.py``) in a transaction around the
    module, rolled back at its end; the superuser's id."""
    with module_transaction(django_db_blocker):
        cast = cast_members.build_all()
        admin_rows.build_rows(cast)
        yield cast["admin_user"].pk


def admin_path(view: str, target=None) -> str:
    """``index``; ``app_index`` of an app label; ``changelist``/``add``/``change`` of a model
    (``change`` of its first row)."""
    if view == "index":
        return reverse("admin:index")
    if view == "app_index":
        return reverse("admin:app_list", args=[target])
    opts = target._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view == "change":
        return reverse(name, args=[admin_rows.row_of(target).pk])
    return reverse(name)
