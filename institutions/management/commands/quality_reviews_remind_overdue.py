from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Påmind kommunernes ledere om kvalitetsopfølgninger, der er overskredet "
        "(det periodiske job af samme navn)."
    )
    message = "Påmindelser om {} overskredne kvalitetsopfølgninger sendt."
