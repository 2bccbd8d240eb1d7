from django.conf import settings

from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Slet adgangslog-rækker ældre end opbevaringsperioden (STU_ACCESS_LOG_RETENTION_DAYS) "
        "(det periodiske job af samme navn)."
    )

    def report(self, result: int) -> str:
        days = settings.ACCESS_LOG_RETENTION_DAYS
        return f"{result} rækker ældre end {days} dage slettet fra adgangsloggen."
