from django.core.management.base import BaseCommand

from transitions.services import meetings as services


class Command(BaseCommand):
    help = (
        "Ryk institutioner, der ikke har besvaret en statusanmodning "
        "(det samme som det periodiske job meetings-status-requests-remind)."
    )

    def handle(self, *args, **options):
        count = services.status_requests_remind()
        self.stdout.write(f"{count} påmindelse(r) sendt.")
