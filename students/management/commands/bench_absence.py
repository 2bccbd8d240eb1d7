"""``manage.py bench_absence``: time the rising-absence job on a realistic volume.

Builds N open enrolments (default 10,000) with a year of monthly reports each (default 12)
inside one transaction, times ``absence_detect_rising`` (twice: the first run raises flags
and notifies, the second finds nothing new) and ``absence_check_missing_reports``, and then
rolls everything back, so the database is left as it was. ``make bench`` runs it.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pgtrigger
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from institutions.models import Institution
from stu_case.accounts.models import Municipality, User
from stu_case.calendar import month_start_after
from students.models import AbsenceReport, Enrolment, YoungPerson
from students.models import cpr as cprlib
from students.services import absence_checks as absence_check_services


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mål tiden for jobbet, der finder stigende fravær, på 10.000 forløb × 12 måneder."

    def add_arguments(self, parser):
        parser.add_argument("--enrolments", type=int, default=10_000)
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument(
            "--rising-share",
            type=float,
            default=0.05,
            help="Andel af forløbene med stigende fravær i seneste måned (standard 0,05).",
        )

    def handle(self, *args, **options):
        n, months, share = options["enrolments"], options["months"], options["rising_share"]
        try:
            with transaction.atomic():
                self.run(n, months, share)
                raise Rollback
        except Rollback:
            self.stdout.write("Alle benchmarkdata er rullet tilbage.")

    def step(self, label: str, started: float) -> float:
        now = time.perf_counter()
        self.stdout.write(f"  {label}: {now - started:.2f} s")
        return now

    def run(self, n: int, months: int, share: float) -> None:
        today = timezone.localdate()
        self.stdout.write(f"Bygger {n} forløb × {months} månedlige indberetninger …")
        t = time.perf_counter()
        institution, reporter = self.build_enrolments(n, months, today)
        t = self.step(f"{n} unge og forløb", t)
        count = self.insert_reports(institution, reporter, months, share, today)
        self.step(f"{count} indberetninger", t)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.time_jobs(today)

    def build_enrolments(self, n: int, months: int, today: date):
        """``n`` young people, each with an open enrolment at one institution; the institution
        and the user who reports for it."""
        municipality = Municipality.objects.create(name="Benchmark Kommune", code="999")
        institution = Institution.objects.create(
            name="Benchmark STU", cvr="99999992", kind="stu_school"
        )
        reporter = User.objects.create(username="benchmark-reporter")
        contact = User.objects.create(
            username="benchmark-uu", municipality=municipality, email="uu@bench.example"
        )
        start = month_start_after(today, -(months + 1))
        people = []
        for i in range(n):
            born = date(2004, 1, 1) + timedelta(days=i % 1500)
            p = YoungPerson(
                municipality=municipality,
                first_name="Bench",
                last_name=f"Mark {i}",
                birth_date=born,
                cpr=f"{born:%d%m%y}4{i % 1000:03d}",
                cpr_hash=cprlib.keyed_hash(f"bench-{i}"),
                contact_person=contact,
                status="enrolled",
            )
            people.append(p)
        YoungPerson.objects.bulk_create(people, batch_size=2000)
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    person=p,
                    institution=institution,
                    start_date=start,
                    planned_end_date=start + timedelta(days=3 * 365),
                    clarification_end_date=start + timedelta(weeks=12),
                )
                for p in people
            ],
            batch_size=2000,
        )
        return institution, reporter

    def insert_reports(self, institution, reporter, months: int, share: float, today: date) -> int:
        """The reports in one set-based INSERT … SELECT (building them is not what we measure);
        every ``rising_every``-th enrolment jumps to 30 % absence in the latest month."""
        rising_every = max(1, round(1 / share)) if share > 0 else 0
        with pgtrigger.ignore("students.AbsenceReport:insert_insert"), connection.cursor() as c:
            first = month_start_after(today, -months)
            c.execute(
                f"""
                INSERT INTO {AbsenceReport._meta.db_table}
                    (enrolment_id, period_start, period_end, planned_hours, absent_legal,
                     absent_illegal, note, submitted_by_id, submitted_at)
                SELECT e.id,
                       (%s::date + make_interval(months => g))::date,
                       (%s::date + make_interval(months => g + 1))::date - 1,
                       70,
                       CASE WHEN %s > 0 AND e.id %% %s = 0 AND g = %s - 1
                            THEN 21 ELSE (e.id + g) %% 5 END,
                       0, '', %s, now()
                FROM {Enrolment._meta.db_table} e, generate_series(0, %s - 1) g
                WHERE e.institution_id = %s
                """,  # noqa: S608 - table names from the models, values as parameters
                [
                    first,
                    first,
                    rising_every,
                    max(rising_every, 1),
                    months,
                    reporter.pk,
                    months,
                    institution.pk,
                ],
            )
            return c.rowcount

    def time_jobs(self, today: date) -> None:
        t = time.perf_counter()
        rates = absence_check_services.latest_rates(enrolment_ids=None, window=4)
        t = self.step(f"SQL-forespørgslen alene ({len(rates)} forløb)", t)
        first = absence_check_services.absence_detect_rising()
        t = self.step(
            f"absence_detect_rising, 1. kørsel ({first.evaluated} forløb vurderet, "
            f"{first.raised} flag rejst og meddelt)",
            t,
        )
        second = absence_check_services.absence_detect_rising()
        t = self.step(f"absence_detect_rising, 2. kørsel ({second.raised} nye flag: idempotent)", t)
        missing = absence_check_services.absence_check_missing_reports(today=today)
        self.step(f"absence_check_missing_reports ({missing.missing} manglende indberetninger)", t)
