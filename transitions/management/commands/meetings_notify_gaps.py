from django.core.management.base import BaseCommand

from transitions.services import meetings as services


class Command(BaseCommand):
    help = (
        "Giv teamet besked, når der ikke er planlagt et statusmøde i den kommende periode "
        "(det samme som det periodiske job meetings-gaps-notify)."
    )

    def handle(self, *args, **options):
        count = services.status_meeting_gaps_notify()
        self.stdout.write(f"{count} kommune(r) har fået besked om manglende statusmøde.")
