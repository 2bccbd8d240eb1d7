from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Ryk institutioner, der ikke har besvaret en statusanmodning "
        "(det periodiske job af samme navn)."
    )
    message = "{} påmindelse(r) sendt."
