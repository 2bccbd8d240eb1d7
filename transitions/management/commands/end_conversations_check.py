from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = "Flag manglende eller for sene afslutningssamtaler (det periodiske job af samme navn)."
    message = "{} nye flag for manglende afslutningssamtale."
