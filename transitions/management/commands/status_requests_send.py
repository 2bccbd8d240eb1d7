from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Send statusanmodninger til institutionerne før kommende statusmøder og giv teamet "
        "besked (det periodiske job af samme navn)."
    )
    message = "{requests_created} statusanmodning(er) sendt; {team_notified} besked(er) til teamet."
