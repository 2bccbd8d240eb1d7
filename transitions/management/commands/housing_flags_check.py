from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Flag unge, der skal flytte, men hvor flytningen ikke er planlagt et halvt år før STU "
        "slutter; løs flagene, når det er rettet (det periodiske job af samme navn)."
    )
    message = "Boligflag: {raised} rejst, {resolved} løst."
