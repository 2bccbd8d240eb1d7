"""The Nu Html Checker (vnu) for the HTML the server sends, in every browser test.

- vnu comes from the npm package ``vnu-jar`` (a dev dependency, installed by ``make install``)
  and runs on the system's Java (``make test`` installs Debian's ``default-jre-headless`` when
  it can). Without Java or the jar the pages go unchecked with a warning, except in CI
  (``CI=true``), where the browser tests fail.
- One long-lived checker per test worker: vnu's HTTP service on a free local port
  (``VnuService``), started when the worker opens its first browser context. It needs some
  seconds to load its schemas; the first page waits for it in the background.
- ``PageChecks`` collects, for one test, the body of every main document the browser receives
  (the HTML as sent, not the DOM after scripts: htmx swaps are fragments and not checked here)
  and hands each to the checker as it arrives. After the test body, ``assert_valid`` fails the
  test with each page's URL and its errors (line, column, message); warnings and info are
  printed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STARTUP_TIMEOUT_S = 180  # loading the schemas takes 10-30 s on a busy machine
CHECK_TIMEOUT_S = 60


def find_java() -> str | None:
    """``STU_JAVA`` or the ``java`` on the PATH."""
    return os.environ.get("STU_JAVA") or shutil.which("java")


def missing_requirement() -> str | None:
    """Why vnu cannot run here, or None when it can."""
    if find_java() is None:
        return "java is missing (make test installs default-jre-headless as root)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (make install: npm installs vnu-jar)"
    return None


@dataclass(frozen=True)
class HtmlMessage:
    """One finding of the checker: kind is ``error``, ``warning`` or ``info``."""

    kind: str
    line: int | None
    column: int | None
    message: str
    extract: str = ""

    @classmethod
    def from_vnu(cls, raw: dict) -> HtmlMessage:
        kind = raw.get("type", "error")
        if kind == "info":
            kind = "warning" if raw.get("subType") == "warning" else "info"
        elif kind != "error":  # "non-document-error": the checker could not read the input
            kind = "error"
        return cls(
            kind=kind,
            line=raw.get("lastLine", raw.get("firstLine")),
            column=raw.get("firstColumn", raw.get("lastColumn")),
            message=raw.get("message", "").strip(),
            extract=raw.get("extract", "").replace("\n", "↵"),
        )

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}" if self.line else "document"
        text = f"{where}: {self.message}"
        if self.extract:
            text += f"\n        {self.extract.strip()}"
        return text


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VnuService:
    """vnu's HTTP service (``nu.validator.servlet.Main``) for one test worker."""

    def __init__(self, *, java: str, jar: Path = VNU_JAR, log_path: Path | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._log_path = log_path
        log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
        self._process = subprocess.Popen(
            [
                java,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if log is not subprocess.DEVNULL:
            log.close()
        self._ready = False
        self._lock = threading.Lock()

    def wait_until_ready(self, timeout: float = STARTUP_TIMEOUT_S) -> None:
        with self._lock:
            if self._ready:
                return
            deadline = time.monotonic() + timeout
            while True:
                if self._process.poll() is not None:
                    raise RuntimeError(
                        f"vnu stopped (exit {self._process.returncode}) before it answered"
                        f"{self._log_hint()}"
                    )
                try:
                    with urllib.request.urlopen(self.url, timeout=5) as response:  # noqa: S310
                        response.read()
                    self._ready = True
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"vnu did not answer on {self.url} within {timeout:.0f} s"
                            f"{self._log_hint()}"
                        ) from None
                    time.sleep(0.25)

    def check(self, html: bytes | str) -> list[HtmlMessage]:
        """Every finding for one HTML document (UTF-8)."""
        self.wait_until_ready()
        body = html.encode() if isinstance(html, str) else html
        request = urllib.request.Request(  # noqa: S310 (our own local service)
            f"{self.url}?out=json",
            data=body,
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=CHECK_TIMEOUT_S) as response:  # noqa: S310
            answer = json.load(response)
        return [HtmlMessage.from_vnu(raw) for raw in answer.get("messages", [])]

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _log_hint(self) -> str:
        return f" (see {self._log_path})" if self._log_path else ""


class PageChecks:
    """The documents one test received, each checked in the background as it arrives.

    ``service`` None (no Java here, outside CI) collects nothing.
    """

    def __init__(self, service: VnuService | None, executor: ThreadPoolExecutor | None):
        self._service = service
        self._executor = executor
        self._checks: list[tuple[str, Future]] = []
        self._reading: dict[int, tuple[str, object]] = {}  # page, response: body being read
        self._unread: list[str] = []

    @property
    def pages(self) -> list[str]:
        return [page for page, _ in self._checks]

    def add(self, page: str, html: bytes | str) -> None:
        """Check ``html``; ``page`` names it in the report (method, URL, status)."""
        if self._service is None or self._executor is None:
            return
        self._checks.append((page, self._executor.submit(self._service.check, html)))

    def on_response(self, response) -> None:
        """Playwright ``response`` handler: main documents with an HTML body.

        Redirects have no body; htmx requests and other fetches are not documents. The body
        is read here, before the page can navigate away from it (then it is gone). Playwright
        runs this handler alongside the test, so the read may still be under way when the
        test ends: ``settle`` waits for it.
        """
        request = response.request
        if request.resource_type != "document":
            return
        if 300 <= response.status < 400:
            return
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/html"):
            return
        page = f"{request.method} {response.url} ({response.status})"
        self._reading[id(response)] = (page, response)
        try:
            body = response.body()
        except Exception as exc:
            self._unread.append(f"{page}\n    the HTML could not be read from the browser: {exc}")
        else:
            self.add(page, body)
        finally:
            self._reading.pop(id(response), None)

    def settle(self, timeout: float = CHECK_TIMEOUT_S) -> None:
        """Wait for the bodies the handler is still reading.

        Asking the browser for the same body lets Playwright deliver the handler's answer
        first, which it sent earlier on the same connection.
        """
        deadline = time.monotonic() + timeout
        while self._reading and time.monotonic() < deadline:
            _, response = next(iter(self._reading.values()))
            with contextlib.suppress(Exception):
                response.body()
            if id(response) in self._reading:
                time.sleep(0.05)

    def forget(self) -> None:
        """Drop what was collected (for the checker's own tests)."""
        for _, future in self._checks:
            with contextlib.suppress(Exception):
                future.result()
        self._checks.clear()
        self._unread.clear()

    def report(self) -> tuple[list[str], list[str]]:
        """(failures, notes): per page, its errors; its warnings and info."""
        self.settle()
        failures, notes = list(self._unread), []
        failures.extend(
            f"{page}\n    the HTML was still being read" for page, _ in self._reading.values()
        )
        for page, future in self._checks:
            try:
                messages = future.result()
            except Exception as exc:
                failures.append(f"{page}\n    the HTML could not be checked: {exc}")
                continue
            errors = [m for m in messages if m.kind == "error"]
            others = [m for m in messages if m.kind != "error"]
            if errors:
                failures.append(
                    f"{page}: {len(errors)} error(s)\n" + "\n".join(f"    {m}" for m in errors)
                )
            if others:
                notes.append(f"{page}\n" + "\n".join(f"    [{m.kind}] {m}" for m in others))
        return failures, notes

    def assert_valid(self) -> None:
        """Fail naming each page with HTML errors; print warnings and info."""
        failures, notes = self.report()
        if notes:
            print("\nNu Html Checker warnings/info:\n" + "\n".join(notes))
        assert not failures, "Invalid HTML (Nu Html Checker):\n" + "\n".join(failures)
