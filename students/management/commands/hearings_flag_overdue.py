from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Flag partshøringer, hvis svarfrist er udløbet uden svar og uden afgørelse (det "
        "periodiske job af samme navn)."
    )
    message = "{overdue} partshøringer over fristen; {raised} flag rejst, {resolved} løst."
