from stu_case.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Sæt forløb på pause, når en forhåndsgodkendt pause begynder; flag pauser uden planlagt "
        "aktivitet og pauser, hvor datoen for tilbagevenden er overskredet; løs flagene, når det "
        "er rettet (det periodiske job af samme navn)."
    )
    message = "Pauser begyndt: {started}. Pauseflag: {raised} rejst, {resolved} løst."
