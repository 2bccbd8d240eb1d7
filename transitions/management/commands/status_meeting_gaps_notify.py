from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Giv teamet besked, når der ikke er planlagt et statusmøde i den kommende periode "
        "(det periodiske job af samme navn)."
    )
    message = "{} kommune(r) har fået besked om manglende statusmøde."
