from django.core.management.base import BaseCommand

from transitions.services import exit as services


class Command(BaseCommand):
    help = (
        "Aktivér sidste år af STU: flag, jobcentret som aktiv deltager og opgaver i "
        "udslusningen (det samme som det periodiske job exit-activate-final-year)."
    )

    def handle(self, *args, **options):
        count = services.final_year_activate()
        self.stdout.write(f"Sidste år aktiveret for {count} unge.")
