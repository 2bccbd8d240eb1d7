"""No query string (which can hold a name or a CPR number) reaches a request log: neither the
development server's nor gunicorn's access log (``stu_case.logs``)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

from stu_case.logs import MaskQueryStrings, mask_query

CPR = "0101011234"


def test_mask_query_keeps_the_path_and_drops_the_query():
    line = f'"GET /unge/?q={CPR}&side=2 HTTP/1.1" 200 512'
    assert mask_query(line) == '"GET /unge/?… HTTP/1.1" 200 512'
    assert mask_query('"GET /unge/12/ HTTP/1.1" 200 512') == '"GET /unge/12/ HTTP/1.1" 200 512'


def test_the_development_servers_request_lines_are_masked():
    # Our handlers on the logger (pytest adds its own capturing ones while testing).
    ours = [
        h
        for h in logging.getLogger("django.server").handlers
        if not type(h).__module__.startswith("_pytest")
    ]
    (handler,) = ours
    assert any(isinstance(f, MaskQueryStrings) for f in handler.filters)
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /unge/?q={CPR} HTTP/1.1", "200", "512"),
        None,
    )
    assert handler.filter(record)
    written = handler.format(record)
    assert "/unge/?…" in written
    assert CPR not in written


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorns_access_log_shows_no_query_string_nor_referer(tmp_path):
    port = _free_port()
    log = tmp_path / "access.log"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "stu_case.wsgi:application",
            "-c",
            "python:stu_case.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
        ],
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_DEBUG": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/unge/?q={CPR}",
            headers={"Referer": f"http://127.0.0.1:{port}/unge/?q=ref{CPR}"},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own test server
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        deadline = time.monotonic() + 10
        while "/unge/" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "gunicorn wrote no access-log line"
            time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    written = log.read_text()
    assert '"GET /unge/ HTTP/1.1"' in written
    assert CPR not in written
