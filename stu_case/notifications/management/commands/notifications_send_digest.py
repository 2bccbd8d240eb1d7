from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Send den daglige samlede e-mail til brugere, der har valgt den for en type beskeder "
        "(det periodiske job af samme navn)."
    )
    message = "{mails} samlede e-mails sendt til {users} brugere."
