from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Påmind institutioner om manglende fraværsindberetninger efter fristen og rejs flag "
        "efter henstandsperioden (det periodiske job af samme navn)."
    )
    message = (
        "{missing} manglende indberetninger: {reminders} påmindelser sendt, "
        "{raised} flag rejst, {resolved} flag løst."
    )
