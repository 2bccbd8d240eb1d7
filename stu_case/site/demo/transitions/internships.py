"""Demo data: internships.

About ten internship places at the two demo institutions with staff (some shared with the
jobcenter's network), internship profiles for a handful of enrolled students, and progressions
from an interest-based first internship to a potential workplace after STU.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from institutions import services as institution_services
from institutions.models import Accommodation as A
from institutions.models import Trade as T
from transitions.models.internships import InternshipPurpose, InternshipStage, InternshipStatus
from transitions.services import internships as services

from ..common import email_local_part, new_cvr

# (institution index, company, city, postal code, contact, trades, accommodations, capacity,
#  shared with the jobcenter's network)
PLACES = (
    (0, "Kantinen på Vejle Rådhus", "Vejle", "7100", "Birgitte Holm", [T.KITCHEN], [A.SHORT_DAYS, A.MENTOR, A.ROUTINES], 2, True),
    (0, "Café Fjordblik", "Vejle", "7100", "Jonas Kragh", [T.CAFE, T.KITCHEN], [A.SHORT_DAYS, A.BREAKS], 1, True),
    (0, "Dyreklinikken Nørreskov", "Vejle", "7100", "Anne Bech", [T.ANIMALS], [A.QUIET, A.SMALL_TEAM], 1, False),
    (0, "Grønt Vejle – Park og Vej", "Vejle", "7100", "Kim Lauritsen", [T.GARDENING], [A.MENTOR, A.ROUTINES, A.TRANSPORT], 3, True),
    (0, "Super Brugsen Søndermarken", "Vejle", "7100", "Pia Kjær", [T.RETAIL, T.WAREHOUSE], [A.SHORT_DAYS, A.VISUAL], 2, True),
    (0, "Bilværkstedet Hedensted", "Hedensted", "8722", "Mads Olesen", [T.VEHICLES, T.WORKSHOP], [A.MENTOR, A.SMALL_TEAM], 1, False),
    (1, "Lagerhotellet Vejle Nord", "Vejle", "7100", "Henrik Dam", [T.WAREHOUSE], [A.PHYSICAL, A.ROUTINES, A.QUIET], 2, True),
    (1, "Børnehuset Mælkebøtten", "Vejle", "7100", "Louise Friis", [T.CHILDCARE], [A.MENTOR, A.SHORT_DAYS], 1, False),
    (1, "Plejecenter Sofiegården", "Vejle", "7100", "Rikke Sand", [T.CARE, T.CLEANING], [A.MENTOR, A.ROUTINES, A.BREAKS], 2, True),
    (1, "Genbrugsværkstedet", "Vejle", "7100", "Ole Skov", [T.WORKSHOP, T.CREATIVE], [A.QUIET, A.PHYSICAL, A.VISUAL], 2, False),
    (1, "Vejle Kommunes Materielgård", "Vejle", "7100", "Søren Winther", [T.CONSTRUCTION, T.VEHICLES], [A.MENTOR, A.TRANSPORT], 1, True),
)  # fmt: skip

# Internship profiles: (trades, accommodations, in the young person's words)
PROFILES = (
    ([T.KITCHEN, T.CAFE], [A.SHORT_DAYS, A.MENTOR], "Jeg kan godt lide at lave mad og vil gerne møde mange mennesker."),
    ([T.ANIMALS, T.GARDENING], [A.QUIET, A.SMALL_TEAM], "Jeg vil helst være udenfor og passe dyr."),
    ([T.WAREHOUSE, T.RETAIL], [A.ROUTINES, A.VISUAL], "Jeg kan lide orden og at vide, hvad jeg skal."),
    ([T.VEHICLES, T.WORKSHOP], [A.MENTOR], "Knallerter og biler – jeg vil gerne skrue."),
    ([T.CARE, T.CHILDCARE], [A.SHORT_DAYS, A.BREAKS], "Jeg vil gerne hjælpe andre."),
    ([T.GARDENING], [A.MENTOR, A.TRANSPORT], "Noget med planter, tæt på bussen."),
)  # fmt: skip


def _place(places, name):
    return next(p for p in places if p.company_name == name)


def seed(*, municipality, users, institutions, people, rng) -> list[str]:
    today = timezone.localdate()
    uu = users.get("uu")
    places = []
    for index, company, city, postal, contact, trades, needs, capacity, shared in PLACES:
        if index >= len(institutions):
            continue
        places.append(
            institution_services.internship_place_save(
                institution=institutions[index],
                data={
                    "company_name": company,
                    "cvr": new_cvr(rng),
                    "address": f"{company.split()[0]}vej {rng.randint(1, 80)}",
                    "postal_code": postal,
                    "city": city,
                    "contact_name": contact,
                    "contact_phone": f"75 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    "contact_email": f"{email_local_part(*contact.split())}@praktik.example",
                    "trades": [str(t) for t in trades],
                    "accommodations": [str(a) for a in needs],
                    "description": "Faste opgaver med en fast kontaktperson. "
                    "Eleven følges af institutionens praktikkonsulent.",
                    "capacity": capacity,
                    "is_active": True,
                    "shared_with_jobcenter": shared,
                },
            )
        )
    if not places:
        return []

    enrolled = [
        p
        for p in people.get("enrolled", [])
        if p.enrolments.filter(status="active", institution__in=institutions[:2]).exists()
    ]
    students = enrolled[: len(PROFILES)]
    for person, (trades, needs, words) in zip(students, PROFILES, strict=False):
        services.internship_profile_save(
            person=person,
            data={
                "trades": [str(t) for t in trades],
                "accommodations": [str(a) for a in needs],
                "interests": words,
            },
            user=uu,
        )

    def internship(person, place, *, stage, purpose, start, weeks, status, goals, evaluation=None):
        data = {
            "place": None if isinstance(place, str) else place,
            "company_name": place if isinstance(place, str) else "",
            "purpose": purpose,
            "stage": stage,
            "start_date": start,
            "end_date": start + timedelta(weeks=weeks),
            "hours_per_week": rng.choice([8, 12, 15, 20]),
            "goals": goals,
            "status": InternshipStatus.ONGOING if status == "completed" else status,
        }
        item = services.internship_create(person=person, data=data, user=uu)
        if evaluation:
            services.internship_evaluate(
                internship=item,
                evaluation=evaluation[0],
                learned=evaluation[1],
                next_step=evaluation[2],
                completed=status == "completed",
                user=uu,
                today=item.end_date,
            )
        return item

    count = 0
    stories = [
        # 1: cooking — stage 1 completed, stage 2 ongoing in the town hall canteen.
        [
            {
                "place": _place(places, "Café Fjordblik"),
                "stage": InternshipStage.INTEREST,
                "purpose": InternshipPurpose.FORMATION,
                "start": today - timedelta(days=180),
                "weeks": 4,
                "status": "completed",
                "goals": "Prøve en arbejdsdag i et café-køkken og møde til tiden.",
                "evaluation": (
                    "Mødte stabilt og var glad for at lave mad; blev træt efter fire timer.",
                    "At følge en opskrift og bede om hjælp.",
                    "Erhvervsrettet praktik i et større køkken med mentor.",
                ),
            },
            {
                "place": _place(places, "Kantinen på Vejle Rådhus"),
                "stage": InternshipStage.VOCATIONAL,
                "purpose": InternshipPurpose.CLARIFICATION,
                "start": today - timedelta(days=14),
                "weeks": 8,
                "status": InternshipStatus.ONGOING,
                "goals": "Klare faste opgaver i kantinen tre dage om ugen; afklare arbejdstempo.",
            },
        ],
        # 2: animals — first internship ongoing at the vet.
        [
            {
                "place": _place(places, "Dyreklinikken Nørreskov"),
                "stage": InternshipStage.INTEREST,
                "purpose": InternshipPurpose.FORMATION,
                "start": today - timedelta(days=7),
                "weeks": 6,
                "status": InternshipStatus.ONGOING,
                "goals": "Passe dyr i stalden og lære klinikkens rutiner.",
            },
        ],
        # 3: warehouse — two completed, final stage planned as a potential workplace.
        [
            {
                "place": _place(places, "Super Brugsen Søndermarken"),
                "stage": InternshipStage.INTEREST,
                "purpose": InternshipPurpose.FORMATION,
                "start": today - timedelta(days=400),
                "weeks": 4,
                "status": "completed",
                "goals": "Fylde varer op efter en billedplan.",
                "evaluation": (
                    "Trivedes med faste rutiner; kassen var for travl.",
                    "At arbejde efter en plan.",
                    "Lager i stedet for butik.",
                ),
            },
            {
                "place": _place(places, "Lagerhotellet Vejle Nord"),
                "stage": InternshipStage.VOCATIONAL,
                "purpose": InternshipPurpose.CLARIFICATION,
                "start": today - timedelta(days=200),
                "weeks": 8,
                "status": "completed",
                "goals": "Plukke ordrer med scanner og stå for en fast zone.",
                "evaluation": (
                    "Arbejdede selvstændigt i sin zone; behov for faste pauser.",
                    "Truckcertifikat (teori) og scanner.",
                    "Praktik med henblik på fleksjob efter STU.",
                ),
            },
            {
                "place": _place(places, "Lagerhotellet Vejle Nord"),
                "stage": InternshipStage.WORKPLACE,
                "purpose": InternshipPurpose.CLARIFICATION,
                "start": today + timedelta(days=30),
                "weeks": 12,
                "status": InternshipStatus.PLANNED,
                "goals": "Afklare et muligt fleksjob på lageret sammen med jobcentret.",
            },
        ],
        # 4: vehicles — a free-text workplace, cancelled, then a new one planned.
        [
            {
                "place": "Knallertværkstedet i Bredballe",
                "stage": InternshipStage.INTEREST,
                "purpose": InternshipPurpose.FORMATION,
                "start": today - timedelta(days=90),
                "weeks": 4,
                "status": InternshipStatus.CANCELLED,
                "goals": "Skrue på knallerter to dage om ugen.",
            },
            {
                "place": _place(places, "Bilværkstedet Hedensted"),
                "stage": InternshipStage.INTEREST,
                "purpose": InternshipPurpose.FORMATION,
                "start": today + timedelta(days=21),
                "weeks": 6,
                "status": InternshipStatus.PLANNED,
                "goals": "Prøve værkstedsarbejde med en fast mentor.",
            },
        ],
    ]
    for person, story in zip(students, stories, strict=False):
        for step in story:
            internship(person, **step)
            count += 1
    shared = sum(1 for p in places if p.shared_with_jobcenter)
    return [
        f"Praktik: {len(places)} praktiksteder ({shared} delt med jobcentret), "
        f"{len(students)} praktikprofiler, {count} praktikker"
    ]
