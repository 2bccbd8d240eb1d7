from django.core.management.base import BaseCommand

from students.services.absence_checks import absence_check_missing_reports


class Command(BaseCommand):
    help = (
        "Påmind institutioner om manglende fraværsindberetninger efter fristen og rejs flag "
        "efter henstandsperioden (det samme som det periodiske job check-missing-absence-reports)."
    )

    def handle(self, *args, **options):
        result = absence_check_missing_reports()
        self.stdout.write(
            f"{result.missing} manglende indberetninger: {result.reminders} påmindelser sendt, "
            f"{result.raised} flag rejst, {result.resolved} flag løst."
        )
