from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Send de breve, der stadig står i kø (fx fordi Redis var nede), og flag breve, der ikke "
        "kunne sendes (det periodiske job af samme navn)."
    )
    message = "{sent} sendt, {failed} fejlet; {raised} flag rejst, {resolved} løst."
