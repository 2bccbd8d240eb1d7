from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Opret opfølgninger 3 og 12 måneder efter STU og påmind kontaktpersonen, når de "
        "forfalder (det periodiske job af samme navn)."
    )
    message = "{} opfølgninger oprettet, {} påmindelser sendt."
