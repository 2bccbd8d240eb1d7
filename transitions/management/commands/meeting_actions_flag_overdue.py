from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Rejs flag for overskredne opgaver fra statusmøder og løs dem, når de er udført "
        "(det periodiske job af samme navn)."
    )
    message = "{raised} flag rejst, {resolved} løst, {notified} påmindelser."
