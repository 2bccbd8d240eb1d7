"""The fixed cast shared by every test module.

``municipality`` with its staff (uu, jobcenter, forvaltning, leder, visitation), an outsider
from ``other_municipality``, staff at ``institution`` and ``other_institution``, a superuser,
and two young people: ``person`` (contact: ``uu_user``) and ``enrolled_person`` (enrolled at
``institution``). ``client_for(user)`` gives a logged-in test client.

The date the suite runs on is a parameter: ``--today 2028-02-29`` (or ``STU_TEST_TODAY``) moves
the clock of every test (and of the live server) to that day in Europe/Copenhagen, ticking from
there, so date bugs show on any day we choose instead of on the day they bite. A test whose
outcome depends on one particular day pins it with ``@pytest.mark.time_machine(...)``.
Factory data is seeded per test from the test's id, so a failure comes back on a rerun.
"""

from __future__ import annotations

import os
import zlib
from datetime import datetime, time
from zoneinfo import ZoneInfo

import factory.random
import pytest
import time_machine
from django.test import Client

from tests import cast

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DEFAULT_TRAVEL_TIME = time(10, 0)


def parse_today(value: str) -> datetime:
    """``2028-02-29`` (10:00) or ``2027-03-28T00:30`` → that moment in Europe/Copenhagen."""
    try:
        if "T" in value or " " in value:
            moment = datetime.fromisoformat(value.replace(" ", "T"))
        else:
            moment = datetime.combine(datetime.fromisoformat(value).date(), DEFAULT_TRAVEL_TIME)
    except ValueError as exc:
        raise pytest.UsageError(f"--today {value!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=COPENHAGEN)
    return moment


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        default=os.environ.get("STU_TEST_TODAY") or None,
        help="run the suite as if it were this day (YYYY-MM-DD, 10:00) or moment "
        "(YYYY-MM-DDTHH:MM) in Europe/Copenhagen; default: the real today (env STU_TEST_TODAY)",
    )


def pytest_configure(config):
    value = config.getoption("--today")
    if value:
        traveller = time_machine.travel(parse_today(value), tick=True)
        traveller.start()
        config._stu_travel = traveller


def pytest_unconfigure(config):
    traveller = getattr(config, "_stu_travel", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    now = datetime.now(COPENHAGEN)
    moved = " (moved with --today)" if config.getoption("--today") else ""
    return f"suite date: {now:%Y-%m-%d %H:%M %Z}{moved}"


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """Each worker's database is a copy of one migrated template (``tests/dbtemplate.py``)."""
    from tests.dbtemplate import test_database

    with django_db_blocker.unblock(), test_database(verbosity=request.config.option.verbose):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Tests need no durable commits: don't wait for the WAL flush (PostgreSQL session setting)."""
    from django.conf import settings

    options = settings.DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in Danish: a request with the English cookie activates English for the
    thread, and without this the next test in the same worker would run in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reproducible_factories(request):
    """The same test builds the same data on every run, whatever ran before it."""
    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the migrated rows (permissions, role groups) it flushes.

    Without ``serialized_rollback`` a transactional test leaves an empty database behind for
    the next one (and sees one left by a browser test), so e.g. guardian finds no permissions.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "live_server" in fixtures and "django_db_serialized_rollback" not in fixtures:
            raise pytest.UsageError(
                f"{item.nodeid}: a test on pytest-django's live_server is transactional; "
                "also use django_db_serialized_rollback (tests.browser.conftest.COMMITTED)"
            )
        marker = item.get_closest_marker("django_db")
        if not marker or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        if "django_db_serialized_rollback" in getattr(item, "fixturenames", ()):
            continue
        raise pytest.UsageError(
            f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, "
            "serialized_rollback=True) so the migrated rows survive the flush"
        )


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing ``demo-pass-123`` with PBKDF2 for every user would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def celery_eager(settings):
    """Run Celery tasks in-process for unit tests (no broker needed)."""
    from stu_case.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path_factory):
    """Letters rendered in a test are stored in a directory of the test's own."""
    settings.STU_PRIVATE_STORAGE_ROOT = tmp_path_factory.mktemp("private")
    return settings.STU_PRIVATE_STORAGE_ROOT


# ---------------------------------------------------------------- the cast (tests/cast.py)
@pytest.fixture
def municipality(db):
    return cast.municipality()


@pytest.fixture
def other_municipality(db):
    return cast.other_municipality()


@pytest.fixture
def institution(db):
    return cast.institution()


@pytest.fixture
def other_institution(db):
    return cast.other_institution()


@pytest.fixture
def uu_user(municipality):
    return cast.uu_user(municipality)


@pytest.fixture
def jobcenter_user(municipality):
    return cast.jobcenter_user(municipality)


@pytest.fixture
def forvaltning_user(municipality):
    return cast.forvaltning_user(municipality)


@pytest.fixture
def leder_user(municipality):
    return cast.leder_user(municipality)


@pytest.fixture
def visitation_user(municipality):
    return cast.visitation_user(municipality)


@pytest.fixture
def institution_user(institution):
    return cast.institution_user(institution)


@pytest.fixture
def other_institution_user(other_institution):
    return cast.other_institution_user(other_institution)


@pytest.fixture
def outsider(other_municipality):
    """A UU counsellor in another municipality: sees nothing of ``municipality``."""
    return cast.outsider(other_municipality)


@pytest.fixture
def admin_user(db):
    return cast.admin_user()


@pytest.fixture
def person(municipality, uu_user):
    return cast.person(municipality, uu_user)


@pytest.fixture
def enrolled_person(municipality, uu_user, institution):
    return cast.enrolled_person(municipality, uu_user, institution)


# ---------------------------------------------------------------- clients
@pytest.fixture
def client_for(db):
    """``client_for(user)`` → a django test Client logged in as ``user``."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# ---------------------------------------------------------------- PDFs
@pytest.fixture
def pdf_url_fetchers(monkeypatch) -> list:
    """The class name of the URL fetcher handed to WeasyPrint for every PDF rendered in the
    test: ``["DenyAllURLFetcher"]`` proves a document went through ``stu_case.pdf``."""
    from weasyprint import HTML

    seen = []
    original = HTML.__init__

    def spy(self, *args, **kwargs):
        seen.append(type(kwargs.get("url_fetcher")).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "__init__", spy)
    return seen


# ---------------------------------------------------------------- documents
def _documents_in(settings, folder) -> dict:
    return {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }


@pytest.fixture(scope="session", autouse=True)
def _session_document_storage(tmp_path_factory):
    """Documents stored by module- and session-wide data go to a temporary folder, never to
    var/ (function-scoped tests get a fresh folder of their own below)."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(STORAGES=_documents_in(settings, tmp_path_factory.mktemp("docs"))):
        yield


@pytest.fixture(autouse=True)
def _document_storage(settings, tmp_path_factory):
    """Uploaded documents go to a fresh temporary folder in every test."""
    settings.STORAGES = _documents_in(settings, tmp_path_factory.mktemp("documents"))
