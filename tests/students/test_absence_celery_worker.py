"""A real Celery worker against the real Redis: a submitted report raises the flag.

Runs a worker in a thread (``celery.contrib.testing.worker.start_worker``) on a separate Redis
database, submits a report through the portal's service (committed, so the on-commit hook
publishes the task), and waits for the flag the worker raises. Skipped only when Redis is not
reachable and ``CI`` is not ``true``; in CI a missing Redis fails the test.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from students import flags as student_flags
from students.models import Flag
from students.services import absence as absence_services
from tests.institutions.helpers import enrol, long_ago, months_back, report, use_broker

# Not the application's database 0, and one per parallel test worker (gw0 → 12, gw1 → 13, …),
# so two workers never consume or purge each other's tasks.
REDIS_DB = 12 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 4


def redis_answers(url: str, timeout: float = 0.5) -> bool:
    """True when a Redis server at ``url`` answers PING."""
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=timeout).ping())
    except Exception:  # noqa: BLE001 - any failure means "no usable Redis"
        return False


def _test_broker_url() -> str | None:
    base = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{REDIS_DB}", "", ""))


@pytest.fixture
def broker_url():
    url = _test_broker_url()
    if not redis_answers(url):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but Redis does not answer at {url}")
        pytest.skip(f"Redis does not answer at {url}")
    return url


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_raises_the_flag_from_a_submitted_report(
    broker_url, municipality, institution, institution_user, uu_user
):
    from celery.contrib.testing.worker import start_worker

    e = enrol(municipality=municipality, institution=institution, start=long_ago(), contact=uu_user)
    for n in (4, 3, 2):
        report(e, months_back(n), legal="3")

    with use_broker(broker_url) as app:
        app.control.purge()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            absence_services.absence_reports_submit(
                user=institution_user,
                institution=institution,
                period=months_back(1),
                rows=[
                    absence_services.ReportRow(
                        key="a",
                        enrolment_id=e.pk,
                        planned_hours=Decimal(70),
                        absent_legal=Decimal(21),
                        absent_illegal=Decimal(0),
                    )
                ],
            )
            # Autocommit (transactional test): the on-commit hook has published the task.
            deadline = time.monotonic() + 20
            flag = None
            while time.monotonic() < deadline and flag is None:
                flag = (
                    Flag.objects.open()
                    .filter(person=e.person, kind=student_flags.RISING_ABSENCE)
                    .first()
                )
                time.sleep(0.2)
    assert flag is not None, "the worker did not raise the flag within 20 s"
    assert flag.data["enrolment"] == e.pk and "30 %" in flag.details
