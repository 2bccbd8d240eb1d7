"""``manage.py bench_pages``: the key pages under gunicorn against a bare Django view.

Self-contained (``make bench`` runs it): creates and migrates its own database (``--db``,
default ``stu_bench``, on the same server as the app's), seeds it once (``seed_bench``: the
demo plus a large municipality), collects the static files and starts gunicorn with the
production-like environment given in ``--env`` (the Makefile's ``DEPLOY_ENV``), logs the
demo users in through the login form, and drives each page with ``wrk`` for ``--seconds``.
Prints req/s, p50, p95 and the ratio to the bare view per page.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.management.base import BaseCommand, CommandError

from stu_case import runtime
from stu_case.site.bench import runner

PORT = 8765


class Command(BaseCommand):
    help = "Mål de vigtigste sider under gunicorn mod en bar Django-visning (req/s, p50, p95)."

    def add_arguments(self, parser):
        parser.add_argument("--db", default="stu_bench")
        parser.add_argument("--env", default="", help="Produktionslignende miljø: K=V K=V …")
        parser.add_argument("--seconds", type=int, default=8)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--only", default="", help="Kun sider hvis navn indeholder dette.")
        parser.add_argument("--print-url", action="store_true", help="Skriv databasens URL.")

    def handle(self, *args, **options):
        env = {**os.environ, "DATABASE_URL": self.database_url(options["db"])}
        if options["print_url"]:
            self.stdout.write(env["DATABASE_URL"])
            return
        self.manage(env, "migrate", "--noinput", "-v0")
        # The last line: seeding may print more (the console e-mail backend writes to stdout).
        targets = json.loads(self.manage(env, "seed_bench", "--targets").strip().splitlines()[-1])
        production = {
            **env,
            **dict(item.split("=", 1) for item in shlex.split(options["env"])),
            "DJANGO_SETTINGS_MODULE": "stu_case.site.bench.settings",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_DEBUG": "false",
        }
        self.manage(production, "collectstatic", "--noinput", "-v0")
        server = runner.Server(
            python=sys.executable, env=production, port=PORT, workers=options["workers"]
        )
        try:
            self.run_pages(server, targets, options)
        finally:
            server.stop()

    def run_pages(self, server, targets, options) -> None:
        password = os.environ.get("DEMO_PASSWORD", "demo")
        cookies = {u: server.login(u, password) for u in {t["user"] for t in targets}}
        drive = {"seconds": options["seconds"], "connections": options["connections"]}
        self.stdout.write(f"wrk -t2 -c{options['connections']} -d{options['seconds']}s per side")
        bare = runner.drive(
            server, name="bare Django view", path="/bench/bare/", cookie="", **drive
        )
        results = []
        for target in targets:
            if options["only"] and options["only"] not in target["name"]:
                continue
            cookie = cookies[target["user"]]
            result = runner.drive(
                server, cookie=cookie, name=target["name"], path=target["path"], **drive
            )
            if result is None:
                self.stderr.write(f"{target['name']}: {target['path']} svarede ikke 200")
                continue
            results.append(result)
            self.stdout.write(f"  {result.name}: {result.rps:.1f} req/s")
        for line in runner.table(results, bare):
            self.stdout.write(line)

    @staticmethod
    def database_url(name: str) -> str:
        config = environ.Env.db_url_config(runtime.resolve_database_url())
        kwargs = runtime.connect_kwargs({**config, "NAME": name})
        runtime.ensure_database(kwargs)
        return urlunsplit(urlsplit(runtime.resolve_database_url())._replace(path=f"/{name}"))

    def manage(self, env: dict, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(args)}:\n{done.stderr[-3000:]}")
        if done.stderr.strip():
            self.stderr.write(done.stderr.strip())
        return done.stdout
