"""``manage.py visitation_daily``: the periodic visitation jobs, without Celery.

Withdraws the committee's access to decided cases once the period after the decision has run
out, and marks decided young people as enrolled when their STU has started. Safe to run twice.
"""

from django.core.management.base import BaseCommand

from visitation.services import committee as committee_services
from visitation.services import decisions as decision_services


class Command(BaseCommand):
    help = "Fjern udvalgets adgang efter fristen, og markér startede STU-forløb."

    def handle(self, *args, **options):
        revoked = committee_services.committee_access_revoke_expired()
        started = decision_services.people_started()
        self.stdout.write(
            f"Udvalgsadgange fjernet: {revoked}. Unge markeret som i STU-forløb: {started}."
        )
