"""One world for a whole test module, built once, in a transaction rolled back at its end.

Building the cast per test costs most of a module's time when it only reads; instead a
module-scoped fixture opens one transaction, builds, and every test runs in a savepoint inside.

pytest-django runs transactional tests before the tests that ask for no database, and a
transactional test leaves the database flushed (``serialized_rollback`` restores the migrated
rows only when the *next* transactional test starts). A module fixture that runs after one
would find no permissions and no role groups, so it restores them first, from the same
serialized copy Django restores them from.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connections, transaction
from django.test import override_settings


def _restore_migrated_rows() -> None:
    from django.contrib.auth.models import Permission

    connection = connections["default"]
    if Permission.objects.exists():
        return
    contents = getattr(connection, "_test_serialized_contents", None)
    assert contents, "the test database has no serialized copy of its migrated rows"
    connection.creation.deserialize_db_from_string(contents)


@contextmanager
def module_transaction(django_db_blocker):
    """Unblock the database, make sure the migrated rows are there, and yield inside a
    transaction that is rolled back at the end (fast password hashing meanwhile)."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        _restore_migrated_rows()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
