"""``manage.py seed_bench``: the benchmark database for ``make bench``.

On an empty (migrated) database: the demo (``seed_demo``) plus a large municipality built in
bulk (``stu_case.site.bench.scale``). On a database that has it already, nothing is built.
Prints the pages to drive as one JSON line (``--targets``), for the bench runner.
"""

from __future__ import annotations

import json
import time

import pghistory
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from stu_case.site.bench.scale import build_scale
from stu_case.site.bench.targets import bench_targets
from stu_case.site.demo import accounts


class Command(BaseCommand):
    help = "Byg benchmarkdatabasen: demoen plus en stor kommune (2.000 unge, 800 i gang)."

    def add_arguments(self, parser):
        parser.add_argument("--targets", action="store_true", help="Skriv siderne som JSON.")

    def handle(self, *args, **options):
        if not accounts.demo_exists():
            started = time.monotonic()
            call_command("seed_demo", stdout=self.stderr)
            with transaction.atomic(), pghistory.context(command="seed_bench"):
                summary = build_scale(today=timezone.localdate())
            self.stderr.write(f"{summary} ({time.monotonic() - started:.1f} s)")
        if options["targets"]:
            with transaction.atomic(), pghistory.context(command="seed_bench"):
                self.stdout.write(json.dumps(bench_targets()))
