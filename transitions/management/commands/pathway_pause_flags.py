from django.core.management.base import BaseCommand

from transitions.services import pathway as services


class Command(BaseCommand):
    help = (
        "Sæt forløb på pause, når en forhåndsgodkendt pause begynder; flag pauser uden planlagt aktivitet og pauser, hvor datoen for tilbagevenden er "
        "overskredet; løs flagene, når det er rettet (det samme som det periodiske job)."
    )

    def handle(self, *args, **options):
        run = services.pause_flags_check()
        self.stdout.write(
            f"Pauser begyndt: {run.started}. Pauseflag: {run.raised} rejst, {run.resolved} løst."
        )
