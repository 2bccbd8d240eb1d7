from django.core.management.base import BaseCommand

from transitions.services import meetings as services


class Command(BaseCommand):
    help = (
        "Send statusanmodninger til institutionerne før kommende statusmøder og giv teamet "
        "besked (det samme som det periodiske job meetings-status-requests-send)."
    )

    def handle(self, *args, **options):
        result = services.status_requests_send()
        self.stdout.write(
            f"{result.requests_created} statusanmodning(er) sendt; "
            f"{result.team_notified} besked(er) til teamet."
        )
