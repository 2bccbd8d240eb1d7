"""``manage.py seed_demo``: one believable municipality to click through, with a login per role.

Built through the apps' services (``stu_case/site/demo/``), so demo data obeys the same rules
as real data, and without the test package, so it runs in the Docker image. Runs only when
``settings.DEMO_MODE`` is on. If the demo municipality already exists it does nothing (drop
and re-migrate the database to start over).
"""

from __future__ import annotations

import os
import random
import time

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from stu_case.site.demo import accounts
from stu_case.site.demo.build import build_demo

# The demo is the same every time it is built on the same day.
SEED = 630


class Command(BaseCommand):
    help = "Byg en troværdig demo-kommune med unge, planer, forløb og ét demo-login pr. rolle."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_MODE", False):
            raise CommandError(
                "seed_demo kører kun i demo-tilstand (settings.DEMO_MODE er slået fra, "
                "sæt STU_DEMO_MODE=true). Demodata hører ikke hjemme i en produktionsdatabase."
            )
        if accounts.demo_exists():
            self.stdout.write(
                f"{accounts.MUNICIPALITY_NAME} findes allerede: demodata er indlæst, intet "
                "ændret. Start forfra ved at slette og migrere databasen igen."
            )
            return

        password = os.environ.get("DEMO_PASSWORD", "demo")
        started = time.monotonic()
        with transaction.atomic(), pghistory.context(command="seed_demo"):
            summary = build_demo(
                password=password, today=timezone.localdate(), rng=random.Random(SEED)
            )
        elapsed = time.monotonic() - started

        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata for {accounts.MUNICIPALITY_NAME} oprettet ({elapsed:.1f} s)."
            )
        )
        for line in summary:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {password}):")
        for username, description in accounts.LOGINS:
            self.stdout.write(f"  {username:<12} {description}")
