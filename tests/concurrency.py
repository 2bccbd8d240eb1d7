"""Run the same work in several threads at once, for tests of jobs that must be safe to run
concurrently (each thread has its own database connection, closed when it is done)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_together(work: Callable[[], object], times: int) -> list:
    """Start ``work`` in ``times`` threads released at the same moment; their results.

    Any exception in a thread fails the caller's test with the exceptions listed.
    """
    barrier = threading.Barrier(times)
    results: list = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results
