from django.core.management.base import BaseCommand

from transitions.services import exit as services


class Command(BaseCommand):
    help = (
        "Flag manglende eller for sene afslutningssamtaler (det samme som det periodiske job "
        "exit-check-end-conversations)."
    )

    def handle(self, *args, **options):
        count = services.end_conversations_check()
        self.stdout.write(f"{count} nye flag for manglende afslutningssamtale.")
