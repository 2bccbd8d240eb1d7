from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Fjern udvalgets adgang til afgjorte sager, når fristen efter afgørelsen er udløbet "
        "(det periodiske job af samme navn)."
    )
    message = "Udvalgsadgange fjernet: {}."
