from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Markér unge med en afgørelse som i STU-forløb, når forløbet er begyndt "
        "(det periodiske job af samme navn)."
    )
    message = "Unge markeret som i STU-forløb: {}."
