from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Sæt planlagte praktikker i gang på startdatoen, og påmind én gang om afsluttede "
        "praktikker uden evaluering (det periodiske job af samme navn)."
    )
    message = "{started} praktikker sat i gang, {reminded} påmindelser om evaluering sendt."
