from django.core.management.base import BaseCommand

from students.services.absence_checks import absence_detect_rising


class Command(BaseCommand):
    help = (
        "Find stigende fravær i alle åbne STU-forløb, rejs og løs flag (det samme som det "
        "periodiske job detect-rising-absence). Kan køres flere gange uden dubletter."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enrolment", type=int, action="append", help="Kun dette forløb (kan gentages)."
        )

    def handle(self, *args, **options):
        result = absence_detect_rising(enrolment_ids=options.get("enrolment"))
        self.stdout.write(
            f"{result.evaluated} forløb vurderet: {result.raised} flag rejst, "
            f"{result.resolved} flag løst."
        )
