from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Flag forløb 6 og 3 måneder før femårsfristen eller 25-årsdagen, når den planlagte "
        "slutdato ligger efter fristen; løs flagene, når det er rettet (det periodiske job af "
        "samme navn)."
    )
    message = "Fristflag: {raised} rejst, {resolved} løst."
