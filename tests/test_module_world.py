"""A module's world is built on the migrated rows even after a transactional test flushed them.

pytest-django runs the transactional test first (its flush empties every table; the next
transactional test would restore them) and the test without a database last, so the module
fixture runs on a flushed database, as the admin's accessibility walk did on one CI worker.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from tests.module_world import module_transaction


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_flushes_the_database_when_it_ends():
    assert Permission.objects.exists()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield {"permissions": Permission.objects.count(), "groups": Group.objects.count()}


def test_the_module_world_has_the_permissions_and_role_groups(world):
    assert world["permissions"] > 0
    assert world["groups"] > 0
