"""The demo municipality, app by app, in the order the data depends on: accounts, institutions
and their catalogue, young people, absence, visitation, transitions."""

from __future__ import annotations

from datetime import date
from random import Random

from . import accounts, institutions
from .absence import seed_absence
from .students import Students
from .transitions import seed_transitions
from .visitation import seed_visitation


def build_demo(*, password: str, today: date, rng: Random) -> list[str]:
    """Build the demo; returns the summary lines ``seed_demo`` prints."""
    municipality = accounts.make_municipality()
    users = accounts.make_municipal_users(municipality=municipality, password=password)
    places = institutions.make_institutions(rng)
    logins = institutions.make_staff_logins(institutions=places, password=password)
    summary = institutions.seed_catalogue(
        municipality=municipality, institutions=places, today=today, reviewer=users["leder"]
    )

    students = Students(
        rng, today=today, municipality=municipality, users=users, institutions=places, staff=logins
    )
    students.make_young_people()
    students.make_revisions()
    students.make_flags()
    people = students.people

    summary += seed_absence(
        municipality=municipality,
        staff_by_institution=institutions.reporting_staff(rng, institutions=places, logins=logins),
        today=today,
        rng=rng,
        contact_user=users["uu"],
    )
    context = {
        "municipality": municipality,
        "users": users,
        "institutions": places,
        "people": people,
        "rng": rng,
    }
    summary += seed_visitation(**context)
    summary += seed_transitions(**context)

    return [
        *students.summary(),
        f"{len(places)} institutioner: " + ", ".join(i.name for i in places),
        *summary,
    ]
