"""``manage.py seed_demo`` runs where the test extras are not installed (the Docker image).

The command runs in a child process whose imports of the test package and of the test extras
(factory-boy, Faker, pytest, …) fail as if they were not installed, against this test's
database; then it runs again and changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from stu_case.accounts.models import Municipality, User
from students.models import YoungPerson

# Top-level modules of the test package and of pyproject's ``test`` extras.
BLOCKED = ("tests", "factory", "faker", "pytest", "_pytest", "playwright", "time_machine", "pypdf")

CHILD = """
import importlib.abc, runpy, sys

BLOCKED = set(sys.argv[1].split(","))


class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (test extra)", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
sys.argv = ["manage.py", "seed_demo"]
runpy.run_path("manage.py", run_name="__main__")
"""


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(db.get("HOST") or "", safe="")  # a socket directory becomes %2F...
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{db['NAME']}"


def _seed_demo() -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "STU_DEMO_MODE": "true",
        "DEMO_PASSWORD": "demo",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    return subprocess.run(
        [sys.executable, "-c", CHILD, ",".join(BLOCKED)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _young_people() -> int:
    return YoungPerson.objects.filter(municipality__name="Vejle Kommune").count()


def test_the_blocker_really_blocks():
    """The child's import blocker refuses what the Docker image lacks."""
    probe = CHILD.replace('sys.argv = ["manage.py", "seed_demo"]', "import factory")
    done = subprocess.run(
        [sys.executable, "-c", probe, ",".join(BLOCKED)],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "No module named 'factory' (test extra)" in done.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_demo_runs_without_the_test_extras():
    first = _seed_demo()
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Demodata for Vejle Kommune oprettet" in first.stdout
    assert Municipality.objects.filter(name="Vejle Kommune").exists()
    assert _young_people() == 58  # 44 in the pipeline, 14 more from the transitions demo
    # (hashed by the child's hasher, which this test process does not load: usable is enough)
    assert User.objects.get(username="institution2").has_usable_password()

    again = _seed_demo()
    assert again.returncode == 0, again.stderr[-3000:]
    assert "findes allerede" in again.stdout
    assert _young_people() == 58
