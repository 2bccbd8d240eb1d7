"""Drive the key pages under gunicorn with production-like settings and print the table.

Each page is opened by its user (logged in through the real login form) with ``wrk`` for a
fixed time, one page after the other, after the bare view; a page that does not answer 200 is
reported and not timed. The ratio is the page's p50 over the bare view's p50 in the same run
(and the bare view's req/s over the page's), so the machine's speed cancels out.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "stu.example.dk"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %.0f %.0f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int


class Server:
    """gunicorn on 127.0.0.1:``port`` with ``env``; stopped by ``stop()``."""

    def __init__(self, *, python: str, env: dict, port: int, workers: int):
        self.port = port
        gunicorn = str(Path(python).with_name("gunicorn"))
        self.proc = subprocess.Popen(  # noqa: S603 - our own executable and arguments
            [gunicorn, "stu_case.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
            env=env,
        )
        for _ in range(100):
            try:
                self.request("GET", "/login/")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def request(self, method: str, path: str, *, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        base = {"Host": HOST, "X-Forwarded-Proto": "https"}
        conn.request(method, path, body=body, headers={**base, **(headers or {})})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return response, text

    def login(self, username: str, password: str) -> str:
        """The session cookie of ``username``, logged in through the login form."""
        response, text = self.request("GET", "/login/")
        csrf = _cookie(response, "csrftoken")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        body = f"username={username}&password={password}&csrfmiddlewaretoken={token}"
        response, _text = self.request(
            "POST",
            "/login/",
            body=body,
            headers={
                "Cookie": f"csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
            },
        )
        session = _cookie(response, "sessionid")
        if response.status != 302 or not session:
            raise RuntimeError(f"login as {username} failed ({response.status})")
        return f"sessionid={session}"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _cookie(response, name: str) -> str:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return ""


def drive(server: Server, *, name: str, path: str, cookie: str, seconds: int, connections: int):
    """``wrk`` against ``path`` for ``seconds``; None when the page does not answer 200."""
    headers = {"Cookie": cookie} if cookie else {}
    response, _text = server.request("GET", path, headers=headers)
    if response.status != 200:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    for _ in range(3):  # warm: the workers' first request loads templates and translations
        server.request("GET", path, headers=headers)
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "20s"]
    args += ["-s", script.name]
    args += ["-H", f"Host: {HOST}", "-H", "X-Forwarded-Proto: https"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [*args, f"http://127.0.0.1:{server.port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(script.name).unlink()
    requests, duration_us, p50, p95, errors = map(
        int, re.search(r"BENCH (.*)", out).group(1).split()
    )
    return Result(name, requests / (duration_us / 1e6), p50 / 1000, p95 / 1000, errors)


def table(results: list[Result], bare: Result) -> list[str]:
    lines = [
        f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} {'× bare p50':>10} "
        f"{'bare/page req/s':>15}",
    ]
    for r in [bare, *results]:
        lines.append(
            f"{r.name:34} {r.rps:8.1f} {r.p50_ms:8.1f} {r.p95_ms:8.1f} {r.errors:6d} "
            f"{r.p50_ms / bare.p50_ms:10.1f} {bare.rps / r.rps:15.1f}"
        )
    return lines
