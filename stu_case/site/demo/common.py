"""What every demo builder shares: fixed Danish names and addresses, valid CPR and CVR numbers,
and young people and enrolments made through the students services.

Everything random takes the ``random.Random`` that ``seed_demo`` seeds, so a demo built twice
on the same day is the same. Made-up data only: the names are common Danish names, the
addresses real street names without real people behind them.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from random import Random

from stdnum.dk import cpr as stdnum_cpr
from stdnum.dk import cvr as stdnum_cvr

from institutions.models import Institution, InternshipPlace
from stu_case.calendar import add_years
from students.models import YoungPerson
from students.models import cpr as cprlib
from students.services import enrolments as enrolment_services
from students.services import people as people_services

FEMALE_NAMES = (
    "Anna", "Emma", "Ida", "Freja", "Laura", "Sofie", "Clara", "Mathilde", "Maja", "Julie",
    "Caroline", "Sara", "Emilie", "Josefine", "Nanna", "Signe", "Louise", "Katrine", "Amalie",
    "Cecilie", "Line", "Camilla", "Mette", "Hanne", "Susanne", "Lene", "Pia", "Tina",
)  # fmt: skip
MALE_NAMES = (
    "Lucas", "Oliver", "William", "Noah", "Emil", "Victor", "Magnus", "Frederik", "Mikkel",
    "Mathias", "Rasmus", "Jonas", "Sebastian", "Tobias", "Kasper", "Simon", "Mads", "Christian",
    "Nikolaj", "Alexander", "Martin", "Thomas", "Peter", "Søren", "Henrik", "Jens", "Lars",
)  # fmt: skip
LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Frederiksen", "Lund", "Holm", "Schmidt", "Eriksen", "Kristiansen", "Simonsen",
    "Clausen", "Svendsen", "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard",
)  # fmt: skip
STREETS = (
    "Vestergade", "Nørregade", "Søndergade", "Østergade", "Dæmningen", "Kirketorvet",
    "Horsensvej", "Fredericiavej", "Boulevarden", "Grønnedalen", "Vardevej", "Skolegade",
    "Enghavevej", "Bredgade", "Jellingvej", "Vindinggade", "Strandgade", "Ribe Landevej",
    "Kiddesvej", "Fabriksvej", "Nyboesgade", "Toldbodgade", "Havnegade", "Møllegade",
)  # fmt: skip
TOWNS = (
    ("7100", "Vejle"), ("7100", "Vejle"), ("7100", "Vejle"), ("7120", "Vejle Øst"),
    ("7080", "Børkop"), ("7300", "Jelling"), ("6040", "Egtved"), ("7160", "Tørring"),
    ("7173", "Vonge"), ("8763", "Rask Mølle"), ("7182", "Bredsten"), ("7183", "Randbøl"),
    ("7140", "Stouby"), ("7130", "Juelsminde"),
)  # fmt: skip

SCHOOLS = (
    "Specialklasserne på Rosenholmskolen",
    "Heldagsskolen",
    "10. klassecenter",
    "Kollerup Friskole",
    "Ungdomsskolens heltidsundervisning",
    "Kirkebakkeskolen, specialcenter",
)
# Most young people live with their parents; the choice is weighted by repetition.
HOUSING = ("parents", "parents", "parents", "supported", "botilbud", "foster", "own")


def email_local_part(*names: str) -> str:
    """``Søren Ærø`` → ``soeren.aeroe`` (e-mail addresses are ASCII here)."""
    text = ".".join(n.strip().lower().replace(" ", ".") for n in names if n.strip())
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text if c.isalnum() or c in ".-") or "ukendt"


def first_name(rng: Random, *, female: bool | None = None) -> str:
    if female is None:
        female = rng.random() < 0.5
    return rng.choice(FEMALE_NAMES if female else MALE_NAMES)


def last_name(rng: Random) -> str:
    return rng.choice(LAST_NAMES)


def phone(rng: Random) -> str:
    """A Danish mobile number, ``2x xx xx xx``."""
    return (
        f"{rng.randint(20, 29)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    )


def street_address(rng: Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randint(1, 120)}"


def full_address(rng: Random) -> str:
    postal_code, town = rng.choice(TOWNS)
    return f"{street_address(rng)}, {postal_code} {town}"


def birth_date(rng: Random, *, min_age: int, max_age: int, today: date) -> date:
    """A birth date giving an age between ``min_age`` and ``max_age`` (inclusive) ``today``."""
    youngest = add_years(today, -min_age)
    oldest = add_years(today, -(max_age + 1)) + timedelta(days=1)
    return oldest + timedelta(days=rng.randint(0, (youngest - oldest).days))


def new_cpr(rng: Random, born: date) -> str:
    """A valid CPR number for ``born`` that no young person in the database has."""
    first_digits = cprlib.serial_first_digits(born)
    prefix = born.strftime("%d%m%y")
    for _attempt in range(1000):
        number = f"{prefix}{rng.choice(first_digits)}{rng.randint(0, 999):03d}"
        if stdnum_cpr.get_birth_date(number) != born:
            continue
        if not YoungPerson.objects.filter(cpr_hash=cprlib.keyed_hash(number)).exists():
            return number
    raise RuntimeError(f"ran out of CPR serial numbers for {born}")


CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def new_cvr(rng: Random) -> str:
    """A valid CVR number no institution or internship place in the database has: the
    weights 2,7,6,5,4,3,2,1 sum to 0 modulo 11."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        remainder = sum(w * d for w, d in zip(CVR_WEIGHTS[:7], digits, strict=True)) % 11
        check = (-remainder) % 11
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(check)
        assert stdnum_cvr.is_valid(number)
        if not (
            Institution.objects.filter(cvr=number).exists()
            or InternshipPlace.objects.filter(cvr=number).exists()
        ):
            return number


def young_person(
    rng: Random,
    *,
    municipality,
    born: date,
    created_by,
    contact_person=None,
    status: str = "candidate",
    **extra,
):
    """A young person with made-up name and contact details, created through the service
    (the plan and the municipal team's access come with it)."""
    first, last = first_name(rng), last_name(rng)
    fields = {
        "email": f"{email_local_part(first, last)}@mail.example",
        "phone": phone(rng),
        "address": full_address(rng),
        "school": rng.choice(SCHOOLS),
        "housing_situation": rng.choice(HOUSING),
    }
    fields.update(extra)
    return people_services.young_person_create(
        municipality=municipality,
        cpr=new_cpr(rng, born),
        first_name=first,
        last_name=last,
        created_by=created_by or contact_person,
        contact_person=contact_person,
        status=status,
        **fields,
    )


def enrolment(*, person, institution, start_date: date):
    """An STU-forløb started through the service (the institution's staff gain access)."""
    return enrolment_services.enrolment_start(
        person=person, institution=institution, start_date=start_date
    )
