from django.conf import settings
from django.core.management.base import BaseCommand

from stu_case.audit.services import access_log_purge_expired


class Command(BaseCommand):
    help = (
        "Slet adgangslog-rækker ældre end opbevaringsperioden (STU_ACCESS_LOG_RETENTION_DAYS) "
        "(det samme som det periodiske job purge-expired-access-log)."
    )

    def handle(self, *args, **options):
        deleted = access_log_purge_expired()
        days = settings.ACCESS_LOG_RETENTION_DAYS
        self.stdout.write(f"{deleted} rækker ældre end {days} dage slettet fra adgangsloggen.")
