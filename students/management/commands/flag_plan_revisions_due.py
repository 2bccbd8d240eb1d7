from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Flag planer, der skal revideres inden for 30 dage, og løs flagene, når planen er "
        "revideret (det periodiske job af samme navn)."
    )
    message = "{} flag rejst for planer, der skal revideres."
