"""One migrated template database, cloned for every test worker.

Migrating the schema costs about 30 s of CPU. With pytest-xdist every worker would pay it, and
``make test-dates`` pays it again for every moment. Instead the first process to arrive builds a
template database (``stu_tpl_<key>``) under a PostgreSQL advisory lock, and every worker gets
its own copy with ``CREATE DATABASE … TEMPLATE`` (about a second).

The key is a hash of the application's Python code (migrations, models, and the code data
migrations may import), the settings and the installed packages' versions, so any change that
could change the migrated database builds a new template and drops the old ones. Set
``STU_TEST_TEMPLATE=0`` to migrate each test database directly instead.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connections

APPS = ("stu_case", "students", "institutions", "visitation", "transitions")
TEMPLATE_PREFIX = "stu_tpl_"
LOCK_ID = 0x5354_5543  # "STUC": serialises building and cloning across processes


def template_key() -> str:
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            digest.update(path.relative_to(base).as_posix().encode())
            digest.update(path.read_bytes())
    for dist in sorted(metadata.distributions(), key=lambda d: (d.metadata["Name"] or "").lower()):
        digest.update(f"{dist.metadata['Name']}=={dist.version}\n".encode())
    return digest.hexdigest()[:16]


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


@contextmanager
def test_database(*, verbosity: int = 0):
    """The default database as a fresh copy of the migrated template, dropped afterwards."""
    connection = connections["default"]
    creation = connection.creation
    if os.environ.get("STU_TEST_TEMPLATE", "1") == "0":
        old_name = creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=True)
        yield
        creation.destroy_test_db(old_name, verbosity=verbosity)
        return

    old_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()
    template = f"{TEMPLATE_PREFIX}{template_key()}"
    quote = connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
        try:
            if not _exists(cursor, template):
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [f"{TEMPLATE_PREFIX}%"],
                )
                for (stale,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                test_settings = connection.settings_dict["TEST"]
                own_name = test_settings.get("NAME")
                test_settings["NAME"] = template
                try:
                    creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
                finally:
                    test_settings["NAME"] = own_name
                    connection.close()
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
    settings.DATABASES["default"]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.close()
    # What serialized_rollback restores after a transactional test's flush.
    connection._test_serialized_contents = creation.serialize_db_to_string()
    try:
        yield
    finally:
        creation.destroy_test_db(old_name, verbosity=verbosity)
