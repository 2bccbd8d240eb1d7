"""``manage.py serve_dev``: the one command behind ``make run``.

Makes sure the database exists, migrates, loads the demo municipality when there
are no young people yet, starts a Celery worker and beat when Redis is there, and
then serves the app with ``runserver`` in the foreground.  The worker and beat are
stopped when the server stops (Ctrl-C, SIGTERM or an error).
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from stu_case import runtime
from students.models import YoungPerson

DEMO_USERNAMES = (
    "uu",
    "jobcenter",
    "forvaltning",
    "visitation",
    "leder",
    "institution",
    "institution2",
    "admin",
)


class Command(BaseCommand):
    help = (
        "Development server: create the database if needed, migrate, seed demo data when "
        "empty, start Celery worker + beat when Redis is available, then runserver."
    )
    requires_system_checks: list = []  # runserver runs them

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default="127.0.0.1:8000",
            help="Address and port for runserver (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-seed", action="store_true", help="Do not load demo data, even when empty."
        )
        parser.add_argument(
            "--no-celery", action="store_true", help="Do not start a Celery worker and beat."
        )
        parser.add_argument("--noreload", action="store_true", help="Pass --noreload to runserver.")

    def handle(self, *args, **options):
        self._children: list[tuple[str, subprocess.Popen]] = []
        self.ensure_database()
        self.stdout.write(self.style.MIGRATE_HEADING("Migrating the database"))
        call_command("migrate", interactive=False, verbosity=1)
        if not options["no_seed"]:
            self.seed_if_empty()

        atexit.register(self.stop_children)
        previous = {
            sig: signal.signal(sig, self._raise_exit) for sig in (signal.SIGTERM, signal.SIGHUP)
        }
        try:
            if options["no_celery"]:
                self.stdout.write("Celery worker and beat not started (--no-celery).")
            elif settings.REDIS_URL:
                self.start_celery()
            else:
                self.stdout.write(
                    "No Redis (REDIS_URL unset and nothing on 127.0.0.1:6379): Celery tasks run "
                    "in-process; periodic jobs run from their management commands."
                )
            self.print_login_hint(options["addrport"])
            code = self.run_server(options["addrport"], options["noreload"])
        except KeyboardInterrupt:
            code = 0
        finally:
            self.stop_children()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code:
            raise CommandError(f"runserver exited with status {code}")

    # -- database ---------------------------------------------------------------------

    def ensure_database(self) -> None:
        """Create the configured database when it is missing and the server is local."""
        import psycopg2

        kwargs = runtime.connect_kwargs(settings.DATABASES["default"])
        name = kwargs["dbname"]
        host = str(kwargs.get("host", "")) or "local socket"
        where = host + (f":{kwargs['port']}" if "port" in kwargs else "")
        if not runtime.is_local(kwargs):
            self.stdout.write(f"Database {name!r} on {where} (not local: not created here).")
            return
        try:
            created = runtime.ensure_database(kwargs)
        except psycopg2.OperationalError as exc:
            raise CommandError(f"Cannot reach PostgreSQL at {where}: {exc}") from exc
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created database {name!r} on {where}."))
        else:
            self.stdout.write(f"Database {name!r} on {where}.")

    def seed_if_empty(self) -> None:
        if YoungPerson.objects.exists():
            self.stdout.write("Demo data: the database already has young people; not seeding.")
            return
        self.stdout.write(self.style.MIGRATE_HEADING("No young people yet: running seed_demo"))
        call_command("seed_demo")

    # -- celery -----------------------------------------------------------------------

    def start_celery(self) -> None:
        var = Path(settings.BASE_DIR) / "var"
        var.mkdir(parents=True, exist_ok=True)
        celery = [sys.executable, "-m", "celery", "-A", "stu_case"]
        commands = {
            "worker": [*celery, "worker", "-l", "info", "--concurrency", "1"],
            "beat": [*celery, "beat", "-l", "info", "-s", str(var / "celerybeat-schedule")],
        }
        for name, cmd in commands.items():
            proc = subprocess.Popen(cmd, cwd=settings.BASE_DIR)  # noqa: S603 - fixed argv
            self._children.append((name, proc))
            self.stdout.write(
                f"Started Celery {name} (pid {proc.pid}) against {settings.REDIS_URL}"
            )

    def stop_children(self) -> None:
        children, self._children = getattr(self, "_children", []), []
        for _name, proc in children:
            if proc.poll() is None:
                proc.terminate()
        for name, proc in children:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.stderr.write(f"Celery {name} did not stop in 15 s; killing it.")
                proc.kill()
                proc.wait()

    @staticmethod
    def _raise_exit(signum, _frame):
        raise SystemExit(128 + signum)

    # -- server -----------------------------------------------------------------------

    def print_login_hint(self, addrport: str) -> None:
        host, _, port = addrport.rpartition(":")
        url = f"http://{host or '127.0.0.1'}:{port}/"
        password = "the value of DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else "demo"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"STU Case is starting on {url}"))
        self.stdout.write(
            f"Demo users: {', '.join(DEMO_USERNAMES)}; password: {password}. Stop with Ctrl-C."
        )
        self.stdout.write("")

    def run_server(self, addrport: str, noreload: bool) -> int:
        cmd = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "runserver", addrport]
        if noreload:
            cmd.append("--noreload")
        server = subprocess.Popen(cmd, cwd=settings.BASE_DIR)  # noqa: S603 - fixed argv
        self._children.insert(0, ("runserver", server))
        return server.wait()
