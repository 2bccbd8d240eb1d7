from django.core.management.base import BaseCommand

from transitions.services import internships as services


class Command(BaseCommand):
    help = (
        "Sæt planlagte praktikker i gang på startdatoen, og påmind én gang om afsluttede "
        "praktikker uden evaluering (det samme som det periodiske job "
        "transitions-internships-daily)."
    )

    def handle(self, *args, **options):
        result = services.internships_daily()
        self.stdout.write(
            f"{result['started']} praktikker sat i gang, "
            f"{result['reminded']} påmindelser om evaluering sendt."
        )
