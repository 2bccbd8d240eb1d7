from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Aktivér sidste år af STU: flag, jobcentret som aktiv deltager og opgaver i "
        "udslusningen (det periodiske job af samme navn)."
    )
    message = "Sidste år aktiveret for {} unge."
