from django.core.management.base import BaseCommand

from transitions.services import meetings as services


class Command(BaseCommand):
    help = (
        "Rejs flag for overskredne opgaver fra statusmøder og løs dem, når de er udført "
        "(det samme som det periodiske job meetings-actions-flag-overdue)."
    )

    def handle(self, *args, **options):
        result = services.meeting_actions_flag_overdue()
        self.stdout.write(
            f"{result.raised} flag rejst, {result.resolved} løst, {result.notified} påmindelser."
        )
