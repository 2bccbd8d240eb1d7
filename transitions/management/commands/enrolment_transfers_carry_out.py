from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Gennemfør de planlagte institutionsskift, hvis dato er kommet: det gamle forløb "
        "slutter, det nye begynder, og adgangen flytter (det periodiske job af samme navn)."
    )
    message = "Institutionsskift gennemført: {done}. Bortfaldet: {lapsed}."
