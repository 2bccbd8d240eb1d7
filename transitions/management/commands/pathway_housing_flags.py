from django.core.management.base import BaseCommand

from transitions.services import pathway as services


class Command(BaseCommand):
    help = (
        "Flag unge, der skal flytte, men hvor flytningen ikke er planlagt et halvt år før STU "
        "slutter; løs flagene, når det er rettet (det samme som det periodiske job)."
    )

    def handle(self, *args, **options):
        run = services.housing_flags_check()
        self.stdout.write(f"Boligflag: {run.raised} rejst, {run.resolved} løst.")
