"""Demo institutions: the six providers around Vejle with their staff logins, and the
catalogue (target groups, what each institution offers, the municipality's quality standards
and follow-up, and quality agreements — one of them a framework agreement from a public tender
shared with two neighbouring municipalities).

Built through the services, so the demo obeys the same rules as real data.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from institutions import services
from institutions.models import (
    AgreementKind,
    Institution,
    InstitutionKind,
    InstitutionMembership,
    QualityArea,
    ReportingFrequency,
    ReviewResult,
    TargetGroup,
)
from stu_case.accounts.models import Municipality
from stu_case.accounts.services import user_sync_memberships

from . import common
from .accounts import make_user

# (name, kind, city, postal code, address)
INSTITUTIONS = (
    ("STU Vejle", InstitutionKind.STU_SCHOOL, "Vejle", "7100", "Vestergade 42"),
    ("Vejle Produktionsskole", InstitutionKind.PRODUCTION_SCHOOL, "Vejle", "7100", "Havnevej 8"),
    ("Egtved Efterskole", InstitutionKind.EFTERSKOLE, "Egtved", "6040", "Skolebakken 3"),
    (
        "Bo- og Uddannelsesstedet Grejsdalen",
        InstitutionKind.RESIDENTIAL,
        "Vejle",
        "7100",
        "Grejsdalsvej 120",
    ),
    ("Værkstedet Tørring ApS", InstitutionKind.PRIVATE, "Tørring", "7160", "Industrivej 11"),
    ("Jelling Højskole", InstitutionKind.FOLK_HIGH_SCHOOL, "Jelling", "7300", "Kongevej 17"),
)
# How the enrolled students are spread over the institutions above (weights).
INSTITUTION_WEIGHTS = (8, 6, 2, 2, 3, 1)

# The demo logins at the first two institutions: (username, first, last, index, title)
STAFF_LOGINS = (
    ("institution", "Lars", "Skov", 0, "Kontaktlærer"),
    ("institution2", "Hanne", "Bak", 1, "Praktikkonsulent"),
)


def make_institutions(rng) -> list[Institution]:
    return [
        services.institution_create(
            name=name,
            kind=kind,
            cvr=common.new_cvr(rng),
            city=city,
            postal_code=postal_code,
            address=address,
            phone=f"75 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            email=f"kontakt@{common.email_local_part(name).replace('.', '')}.example",
        )
        for name, kind, city, postal_code, address in INSTITUTIONS
    ]


def add_staff(*, user, institution, role_title: str) -> InstitutionMembership:
    """Membership of an institution, then the user's staff groups follow (as in the admin)."""
    membership = InstitutionMembership(user=user, institution=institution, role_title=role_title)
    membership.full_clean()
    membership.save()
    user_sync_memberships(user=user)
    return membership


def make_staff_logins(*, institutions: list[Institution], password: str) -> dict:
    """The demo logins ``institution`` and ``institution2``: institution id → user."""
    staff = {}
    for username, first, last, index, title in STAFF_LOGINS:
        user = make_user(
            username=username,
            first_name=first,
            last_name=last,
            job_title=title,
            email=f"{username}@skole.example",
            password=password,
            roles=["institution"],
        )
        add_staff(user=user, institution=institutions[index], role_title=title)
        staff[institutions[index].pk] = user
    return staff


def reporting_staff(rng, *, institutions: list[Institution], logins: dict) -> dict:
    """A member of staff per institution to submit its absence reports: the demo logins for
    the first two institutions, a staff member without a login for the others."""
    staff = dict(logins)
    for institution in institutions:
        if institution.pk in staff:
            continue
        user = make_user(
            username=f"personale-{institution.pk}",
            first_name=common.first_name(rng),
            last_name=common.last_name(rng),
            job_title="Kontaktlærer",
            email=f"personale-{institution.pk}@skole.example",
            password=None,
            roles=["institution"],
        )
        add_staff(user=user, institution=institution, role_title="Kontaktlærer")
        staff[institution.pk] = user
    return staff


TARGET_GROUPS = (
    ("Autismespektrum", "Unge med autisme, der har brug for forudsigelighed og små hold."),
    ("Generelle indlæringsvanskeligheder", "Unge, der lærer bedst gennem praktisk arbejde."),
    ("Udviklingshæmning", "Unge med udviklingshæmning, der har brug for tæt voksenstøtte."),
    ("Psykiske vanskeligheder", "Fx angst, depression eller skolevægring."),
    ("ADHD og opmærksomhedsforstyrrelser", ""),
    ("Fysiske og multiple funktionsnedsættelser", ""),
)

# name → (target groups, capacity, list price, contact, website, what it offers)
OFFERS = {
    "STU Vejle": (
        ("Autismespektrum", "Generelle indlæringsvanskeligheder", "Psykiske vanskeligheder"),
        60,
        Decimal("415000"),
        "Pia Mortensen, afdelingsleder",
        "https://stu-vejle.example",
        "Værksteder i køkken/kantine, træ og metal, grøn service og IT. Dansk og matematik "
        "knyttet til værkstederne; små hold med faste voksne. Egen praktikkonsulent, der "
        "finder praktikpladser sammen med jobcentret.",
    ),
    "Vejle Produktionsskole": (
        ("Generelle indlæringsvanskeligheder", "ADHD og opmærksomhedsforstyrrelser"),
        35,
        Decimal("325000"),
        "Kim Lauridsen, STU-koordinator",
        "https://vejle-produktionsskole.example",
        "Produktion på rigtige ordrer: lager og logistik, auto, byg og anlæg. Arbejdsrettet "
        "træning med kolleger i produktionsskolens værksteder; truckcertifikat muligt.",
    ),
    "Egtved Efterskole": (
        ("Udviklingshæmning", "Autismespektrum"),
        16,
        Decimal("465000"),
        "Marianne Friis, forstander",
        "",
        "STU med kostskole: bo-træning, madlavning, fritidsliv og fællesskab døgnet rundt. "
        "Dyrehold og gartneri.",
    ),
    "Bo- og Uddannelsesstedet Grejsdalen": (
        ("Udviklingshæmning", "Fysiske og multiple funktionsnedsættelser"),
        12,
        Decimal("540000"),
        "Ole Bech, leder",
        "",
        "Uddannelse og botilbud samme sted, for unge med behov for omfattende støtte. "
        "Kommunikation (ASK), sanseværksted og hverdagsaktiviteter.",
    ),
    "Værkstedet Tørring ApS": (
        ("Psykiske vanskeligheder", "ADHD og opmærksomhedsforstyrrelser"),
        20,
        Decimal("298000"),
        "Jonas Winther, direktør",
        "https://vaerkstedet-toerring.example",
        "Privat udbyder med smedje, motorværksted og café. Korte dage i opstarten; fokus på "
        "fremmøde og arbejdsidentitet.",
    ),
    "Jelling Højskole": (
        ("Generelle indlæringsvanskeligheder",),
        10,
        Decimal("380000"),
        "Lise Dam, STU-lærer",
        "",
        "Højskoleophold som en del af STU: fællesskab, musik, idræt og bo-træning på skolen.",
    ),
}

STANDARDS = (
    (
        QualityArea.PHYSICAL_SETTING,
        "Egnede lokaler",
        "Rolige undervisningslokaler og mulighed "
        "for skærmede pladser; værksteder med tidssvarende sikkerhed.",
    ),
    (
        QualityArea.STAFF_COMPETENCES,
        "Specialpædagogiske kompetencer",
        "Mindst halvdelen af "
        "lærerne har specialpædagogisk efteruddannelse; nye medarbejdere introduceres til målgruppen.",
    ),
    (
        QualityArea.WORKSHOPS,
        "Værksteder med rigtige opgaver",
        "Værkstedsarbejdet er "
        "arbejdsrettet og giver erfaring med en arbejdsgang fra start til slut.",
    ),
    (
        QualityArea.CONTENT,
        "Almendannende og specifik del",
        "Undervisningen dækker både den "
        "almendannende og den specifikke del af forløbsplanen, med mål for hvert element.",
    ),
    (
        QualityArea.INTERNSHIPS,
        "Praktik hvert år",
        "Hver elev har mindst ét praktikforløb om "
        "året; praktikken forberedes og evalueres med den unge og UU.",
    ),
    (
        QualityArea.FUNCTIONAL_LEVEL,
        "Funktionsbeskrivelse",
        "Institutionen beskriver elevens "
        "funktionsniveau (evner, begrænsninger, støttebehov) til jobcentret i sidste år.",
    ),
    (
        QualityArea.ABSENCE_REPORTING,
        "Fraværsindberetning",
        "Fravær (lovligt og ulovligt) "
        "indberettes efter kvalitetsaftalen; stigende fravær meldes straks til kontaktpersonen.",
    ),
    (
        QualityArea.DROPOUT_AND_EXIT,
        "Ved frafald og udslusning",
        "Ved risiko for frafald "
        "indkaldes UU og jobcenter til møde; udslusningen planlægges med jobcentret fra sidste år.",
    ),
    (
        QualityArea.ECONOMY,
        "Gennemsigtig økonomi",
        "Prisen dækker undervisning, praktik og "
        "transport i skoletiden; tillæg aftales skriftligt på forhånd.",
    ),
)


def seed_catalogue(*, municipality, institutions: list[Institution], today: date, reviewer):
    """Returns summary lines for the command's output."""
    groups = {
        name: TargetGroup.objects.get_or_create(name=name, defaults={"description": text})[0]
        for name, text in TARGET_GROUPS
    }
    by_name = {i.name: i for i in institutions}
    for name, (group_names, capacity, price, contact, website, offer) in OFFERS.items():
        institution = by_name.get(name)
        if institution is None:
            continue
        services.institution_update(
            institution=institution,
            target_groups=[groups[g] for g in group_names],
            capacity=capacity,
            price_per_year=price,
            contact_name=contact,
            website=website,
            offer_description=offer,
        )

    standards = [
        services.quality_standard_create(
            municipality=municipality, area=area, title=title, requirement=requirement
        )
        for area, title, requirement in STANDARDS
    ]

    def review(name, *, result, months_ago, due_in_days, notes, items=()):
        review_date = today - timedelta(days=30 * months_ago)
        services.quality_review_record(
            institution=by_name[name],
            municipality=municipality,
            review_date=review_date,
            result=result,
            next_review_due=today + timedelta(days=due_in_days),
            notes=notes,
            reviewed_by=reviewer,
            items=items,
        )

    met = ReviewResult.MET
    review(
        "STU Vejle",
        result=met,
        months_ago=3,
        due_in_days=270,
        notes="Tilsynsbesøg med rundvisning på værkstederne og samtale med tre elever.",
        items=[(s, met, "") for s in standards],
    )
    review(
        "Vejle Produktionsskole",
        result=ReviewResult.PARTLY,
        months_ago=10,
        due_in_days=45,
        notes="Praktikken er god, men funktionsbeskrivelserne til jobcentret er for tynde.",
        items=[
            (s, ReviewResult.PARTLY if s.area == QualityArea.FUNCTIONAL_LEVEL else met, "")
            for s in standards
        ],
    )
    review(
        "Egtved Efterskole",
        result=met,
        months_ago=14,
        due_in_days=-60,
        notes="Fin bo-træning. Næste opfølgning skal se på praktikken.",
    )
    review(
        "Bo- og Uddannelsesstedet Grejsdalen",
        result=ReviewResult.NOT_MET,
        months_ago=2,
        due_in_days=60,
        notes="Fravær indberettes ikke løbende. Handleplan aftalt; opfølgning om to måneder.",
        items=[
            (
                s,
                ReviewResult.NOT_MET if s.area == QualityArea.ABSENCE_REPORTING else met,
                "Ingen indberetninger i tre måneder."
                if s.area == QualityArea.ABSENCE_REPORTING
                else "",
            )
            for s in standards
        ],
    )
    review("Jelling Højskole", result=met, months_ago=6, due_in_days=180, notes="")

    neighbours = [
        Municipality.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("621", "Kolding Kommune"), ("607", "Fredericia Kommune"))
    ]
    start_of_year = date(today.year, 1, 1)
    services.quality_agreement_create(
        institution=by_name["STU Vejle"],
        municipalities=[municipality, *neighbours],
        kind=AgreementKind.FRAMEWORK,
        tender_reference="2024/S 118-362514",
        title="Trekantområdets fælles udbud af STU 2024–2027",
        valid_from=date(today.year - 1, 8, 1),
        valid_to=date(today.year + 2, 7, 31),
        price_per_year=Decimal("395000"),
        division_of_tasks=(
            "Institutionen: undervisning, praktik, løbende fraværsindberetning og status til "
            "kvartalsmøderne. UU: kontaktperson og forløbsplan. Jobcentret: aktiv fra sidste år. "
            "Forvaltningen: bostøtte og mentor."
        ),
        quality_parameters=(
            "Fremmøde over 85 %; mindst ét praktikforløb om året; overgang til job, uddannelse "
            "eller aktivt tilbud efter STU."
        ),
        reporting_frequency=ReportingFrequency.MONTHLY,
        report_deadline_days=10,
        grace_days=14,
        pause_activity_requirement=(
            "Under pause holder kontaktlæreren ugentlig kontakt og aftaler en aktivitet med UU."
        ),
        other_process_requirements=(
            "Ved risiko for frafald indkaldes UU og jobcenter inden 10 hverdage; ved udslusning "
            "udarbejdes funktionsbeskrivelse til jobcentret."
        ),
    )
    services.quality_agreement_create(
        institution=by_name["Vejle Produktionsskole"],
        municipalities=[municipality],
        kind=AgreementKind.AGREEMENT,
        title="Kvalitetsaftale om STU 2025",
        valid_from=start_of_year - timedelta(days=365),
        price_per_year=Decimal("310000"),
        division_of_tasks="Skolen har praktikkonsulent; UU deltager i opstartsmødet.",
        quality_parameters="Fremmøde, praktik og tilfredshed måles hvert halvår.",
        reporting_frequency=ReportingFrequency.MONTHLY,
        report_deadline_days=7,
        grace_days=10,
        pause_activity_requirement="Pause kun efter aftale med UU; kontakt mindst hver 14. dag.",
    )
    services.quality_agreement_create(
        institution=by_name["Egtved Efterskole"],
        municipalities=[municipality],
        kind=AgreementKind.SINGLE_PURCHASE,
        title="Enkeltkøb af STU-plads",
        valid_from=start_of_year - timedelta(days=200),
        price_per_year=Decimal("455000"),
        reporting_frequency=ReportingFrequency.QUARTERLY,
        report_deadline_days=15,
        grace_days=14,
    )
    return [
        f"Katalog: {len(groups)} målgrupper, {len(standards)} kvalitetsstandarder, "
        "5 opfølgninger (én overskredet), 3 kvalitetsaftaler (én fælles udbudt rammeaftale "
        "med Kolding og Fredericia)"
    ]
