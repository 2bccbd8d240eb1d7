"""Playwright in Debian's chromium against pytest-django's live server.

- No browser download: chromium is launched from ``/usr/bin/chromium``. When it is missing the
  browser tests are skipped, except in CI (``CI=true``), where they fail.
- Two ways to serve the pages (``site_url``):
  - by default a live server whose request threads share the test's own database connection,
    one request at a time (``shared_live_server``). The test runs inside a transaction that is
    rolled back, like any ``db`` test: no flush of every table and no reload of the migrated
    rows per test. Right for looking at pages, including error states that save nothing.
  - a flow that must see real commits (``transaction.on_commit`` hooks, e.g. a submitted report
    whose flag a task raises) asks for pytest-django's ``live_server`` and
    ``django_db_serialized_rollback`` (``pytest.mark.usefixtures``): transactional, and the
    migrated rows (the role groups) are restored after the flush.
- Playwright's sync API keeps an asyncio event loop running in the main thread (in a
  greenlet). Django's async-safety check must be told that our ORM calls there are fine
  (``DJANGO_ALLOW_ASYNC_UNSAFE``), and the database connections must stay per thread (see
  ``_pin_db_connections_to_threads``).

- Every main document the browser receives in a test is checked with the Nu Html Checker
  (``vnu.py``): a page with HTML errors fails the test that opened it.

``site_pages`` is the catalogue of pages (and their error states) that the accessibility test
and the screenshot script walk.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from students import flags as student_flags

from . import vnu

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("STU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
NARROW_VIEWPORT = {"width": 390, "height": 844}  # a phone
TIMEOUT_MS = 10_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _pin_db_connections_to_threads() -> None:
    """Keep one database connection per thread while Playwright's loop is running.

    Django keeps connections in an asgiref ``Local(thread_critical=True)``, which switches to
    context-variable storage whenever ``asyncio.get_running_loop()`` answers. With Playwright's
    loop running, the test code would get a fresh connection without the test database's
    serialized contents (so ``serialized_rollback`` silently stops restoring the role groups)
    and would leave connections open at the end of the session. Using the plain thread-local
    storage underneath gives the classic behaviour: one connection per thread, the same one the
    test database was set up with.
    """
    from django.db import connections

    storage = getattr(connections._connections, "_storage", None)
    if isinstance(storage, threading.local):
        connections._connections = storage


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if _in_ci():
            pytest.fail(f"browser tests must run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    _pin_db_connections_to_threads()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _OneRequestAtATime(StaticFilesHandler):
    """The requests share one database connection, so they must not overlap."""

    _lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            return super().__call__(environ, start_response)


@pytest.fixture(scope="session")
def shared_live_server(browser, django_db_setup, django_db_blocker):
    """A live server on the test thread's own database connection (see the module notes).

    Django hands a connection to the server's request threads with ``connections_override``
    (as it does for in-memory SQLite). Those threads close their connections after each
    request; closing would end the test's transaction, so only the test thread may close it.
    """
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        connection = connections["default"]
    owner = threading.get_ident()
    real_close = connection.close

    def close_from_the_test_thread_only():
        if threading.get_ident() == owner:
            real_close()

    connection.close = close_from_the_test_thread_only
    connection.inc_thread_sharing()
    thread = LiveServerThread(
        "127.0.0.1", _OneRequestAtATime, connections_override={"default": connection}
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    connection.dec_thread_sharing()
    connection.close = real_close


@pytest.fixture
def site_url(request) -> str:
    """The server's address: transactional ``live_server`` when the test asked for it, else
    the shared-connection server inside the test's rolled-back transaction."""
    if "live_server" in request.fixturenames:
        return request.getfixturevalue("live_server").url
    request.getfixturevalue("db")
    return request.getfixturevalue("shared_live_server")


# For a flow that must see real commits (module ``pytestmark`` or a test decorator).
COMMITTED = pytest.mark.usefixtures("live_server", "django_db_serialized_rollback")


_STATIC: dict[str, dict] = {}


def _serve_static_from_memory(route):
    """Static files (DKFDS, fonts, htmx …) come from the server once per worker, then from
    memory: every test opens a fresh browser context with an empty cache, and they would
    otherwise be served again, one by one, for every page a test opens."""
    url = route.request.url
    cached = _STATIC.get(url)
    if cached is None:
        response = route.fetch()
        cached = {"status": response.status, "headers": response.headers, "body": response.body()}
        if response.status == 200:
            _STATIC[url] = cached
    route.fulfill(**cached)


@pytest.fixture(scope="session")
def html_checker(tmp_path_factory):
    """The worker's Nu Html Checker (started here, ready some seconds later), or None when
    Java or vnu.jar is missing outside CI."""
    missing = vnu.missing_requirement()
    if missing is not None:
        if _in_ci():
            pytest.fail(f"the HTML of the browser pages must be checked in CI: {missing}")
        warnings.warn(f"HTML not checked with vnu: {missing}", stacklevel=1)
        yield None
        return
    service = vnu.VnuService(
        java=vnu.find_java(), log_path=tmp_path_factory.mktemp("vnu") / "vnu.log"
    )
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vnu")
    yield service, executor
    executor.shutdown(wait=True, cancel_futures=True)
    service.close()


@pytest.fixture
def html_checks(html_checker) -> vnu.PageChecks:
    """This test's documents; checked after the test body (``pytest_runtest_call`` below)."""
    return vnu.PageChecks(*(html_checker or (None, None)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a browser test's body: fail it if a page it opened has HTML errors."""
    result = yield
    checks = item.funcargs.get("html_checks")
    if isinstance(checks, vnu.PageChecks):
        checks.assert_valid()
    return result


@pytest.fixture
def new_context(html_checker, browser, site_url, html_checks):
    """``new_context(user=None, bypass_csp=False, viewport=VIEWPORT)`` → a browser context.

    With a user, the context carries a session cookie for them (no login form needed). Every
    HTML document it receives goes to ``html_checks``.
    """
    contexts = []

    def make(user=None, *, bypass_csp: bool = False, viewport: dict | None = None):
        context = browser.new_context(
            base_url=site_url,
            bypass_csp=bypass_csp,
            locale="da-DK",
            timezone_id="Europe/Copenhagen",
            viewport=viewport or VIEWPORT,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(f"{site_url}{settings.STATIC_URL}**", _serve_static_from_memory)
        context.on("response", html_checks.on_response)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": site_url,
                    }
                ]
            )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def console_collector(page) -> list[str]:
    """Console errors and uncaught page errors, collected while the page lives."""
    errors: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return errors


# ---------------------------------------------------------------- the page catalogue
@dataclass
class SitePage:
    """A page to check: who looks, where, and what they do there first (e.g. submit badly)."""

    name: str
    user: object | None
    path: str
    action: Callable | None = None
    status: int = 200


def _submit(selector: str = "main form[method=post] button[type=submit]"):
    def act(page):
        with page.expect_navigation():
            page.locator(selector).first.click()

    return act


def _bad_login(page):
    page.fill("#id_username", "uu")
    page.fill("#id_password", "forkert-kode")
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _search(page):
    page.fill("#id_q", "Sofie")
    with page.expect_response(lambda r: "q=Sofie" in r.url):
        page.click("form.filters button[type=submit]")
    page.wait_for_selector("#caseload-results table")


def _cpr_miss(page):
    page.fill("#id_cpr", "010101-0000")  # well formed, but nobody's
    with page.expect_navigation():
        page.click("form.cpr-lookup button[type=submit]")


def _plan_without_reason(page):
    page.fill("#id_activities", "Værkstedsundervisning tre dage om ugen og praktik om fredagen.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _reveal_cpr(page):
    page.click("#overview button[type=submit]")
    page.wait_for_selector("#cpr-value .muted")


@pytest.fixture
def demo(
    municipality,
    institution,
    uu_user,
    jobcenter_user,
    forvaltning_user,
    institution_user,
    enrolled_person,
    person,
):
    """A believable case: goals from several agencies, notes, relatives, a flag, a revision."""
    from stu_case.notifications.models import Notification
    from students.models import Agency, Relation, Severity
    from students.services import people as people_services
    from students.services import plans as plan_services
    from tests import factories

    sofie = enrolled_person
    people_services.young_person_set_social_notes(
        person=sofie, social_notes="Bor i bofællesskab med bostøtte 8 timer om ugen."
    )
    for agency, author in (
        (Agency.UU, uu_user),
        (Agency.JOBCENTER, jobcenter_user),
        (Agency.FORVALTNING, forvaltning_user),
        (Agency.YOUNG_PERSON, uu_user),
    ):
        goal = factories.PlanGoalFactory(plan=sofie.plan, owning_agency=agency, created_by=author)
        factories.GoalProgressNoteFactory(goal=goal, author=author)
    factories.RelativeFactory(person=sofie, relation=Relation.MOTHER, name="Hanne Nielsen")
    factories.MentorAssignmentFactory(person=sofie)
    factories.FlagFactory(
        person=sofie,
        kind=student_flags.OTHER,
        severity=Severity.WARNING,
        details="Fraværet er steget de sidste fire uger.",
    )
    sofie.plan.refresh_from_db()
    plan_services.plan_update(
        plan=sofie.plan,
        expected_version=sofie.plan.version,
        data={
            "activities": "Værkstedsundervisning (køkken) tre dage om ugen, praktik om fredagen.",
            "young_person_words": "Jeg vil gerne arbejde i et køkken.",
        },
        revision=plan_services.RevisionInfo(
            reason="Opstartsmøde", young_person_took_part=True, institution_took_part=True
        ),
        user=uu_user,
    )
    adult = factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=uu_user,
        first_name="Jonas",
        last_name="Holm",
        born=factories.random_birth_date(min_age=19, max_age=21),
    )
    factories.RelativeFactory(person=adult, relation=Relation.FATHER, name="Erik Holm")
    Notification.objects.create(
        recipient=uu_user,
        title="Nyt flag: stigende fravær for Sofie Nielsen",
        body="Fraværet er steget de sidste fire uger.",
        url=reverse("students:detail", args=[sofie.pk]),
    )
    goal = sofie.plan.goals.order_by("pk").first()
    flag = sofie.flags.get()
    return {
        "sofie": sofie,
        "mikkel": person,
        "adult": adult,
        "goal": goal,
        "flag": flag,
        "uu": uu_user,
        "institution_user": institution_user,
        "due": timezone.localdate() + timedelta(days=200),
    }


@pytest.fixture
def site_pages(demo) -> list[SitePage]:
    uu, inst = demo["uu"], demo["institution_user"]
    pk = demo["sofie"].pk

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("login", None, u("login")),
        SitePage("login_error", None, u("login"), _bad_login),
        SitePage("list", uu, u("students:list")),
        SitePage("list_search", uu, u("students:list"), _search),
        SitePage("list_cpr_miss", uu, u("students:list"), _cpr_miss),
        SitePage("person_create", uu, u("students:create")),
        SitePage("person_create_error", uu, u("students:create"), _submit()),
        SitePage("person_uu", uu, u("students:detail", pk)),
        SitePage("person_uu_cpr_revealed", uu, u("students:detail", pk), _reveal_cpr),
        SitePage("person_institution", inst, u("students:detail", pk)),
        SitePage("person_adult_no_consent", uu, u("students:detail", demo["adult"].pk)),
        SitePage("person_edit", uu, u("students:edit", pk)),
        SitePage("plan_form", uu, u("students:plan_edit", pk)),
        SitePage("plan_form_error", uu, u("students:plan_edit", pk), _plan_without_reason),
        SitePage("plan_form_adult", uu, u("students:plan_edit", demo["adult"].pk)),
        SitePage("goal_form", uu, u("students:goal_create", pk)),
        SitePage("goal_form_error", uu, u("students:goal_create", pk), _submit()),
        SitePage("goal_note", uu, u("students:goal_note", pk, demo["goal"].pk)),
        SitePage("relative_form", uu, u("students:relative_create", pk)),
        SitePage("relative_form_error", uu, u("students:relative_create", pk), _submit()),
        SitePage("consent_form", uu, u("students:consent", demo["adult"].pk)),
        SitePage("mentor_form", uu, u("students:mentor_create", pk)),
        SitePage("transfer_form", uu, u("students:transfer", pk)),
        SitePage("transfer_form_error", uu, u("students:transfer", pk), _submit()),
        SitePage("flag_form", uu, u("students:flag_acknowledge", pk, demo["flag"].pk)),
        SitePage("history", uu, u("students:history", pk)),
        SitePage("plan_print", uu, u("students:plan_print", pk)),
        SitePage("plan_revision", uu, u("students:plan_revision", pk, 1)),
        SitePage("inbox", uu, u("notifications:inbox")),
        SitePage("not_found", uu, "/unge/999999/", status=404),
    ]


def open_site_page(
    new_context, spec: SitePage, *, bypass_csp: bool = False, viewport: dict | None = None
):
    """Open ``spec`` in a fresh context, do its action; return the page."""
    page = new_context(spec.user, bypass_csp=bypass_csp, viewport=viewport).new_page()
    response = page.goto(spec.path)
    assert response is not None and response.status == spec.status, (
        f"{spec.name}: {spec.path} answered {response and response.status}"
    )
    if spec.action is not None:
        spec.action(page)
    page.wait_for_load_state("load")
    return page
