from django.core.management.base import BaseCommand

from transitions.services import exit as services


class Command(BaseCommand):
    help = (
        "Opret opfølgninger 3 og 12 måneder efter STU og påmind kontaktpersonen, når de "
        "forfalder (det samme som det periodiske job exit-create-follow-ups)."
    )

    def handle(self, *args, **options):
        created, reminded = services.follow_ups_create()
        self.stdout.write(f"{created} opfølgninger oprettet, {reminded} påmindelser sendt.")
