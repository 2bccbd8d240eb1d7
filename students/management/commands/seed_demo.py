"""``manage.py seed_demo``: one believable municipality to click through, with a login per role.

Built from the test factories (``tests/factories.py``) and the real services, so demo data
obeys the same rules as real data. Runs only when ``settings.DEMO_MODE`` is on. If the demo
municipality already exists it does nothing (drop and re-migrate the database to start over).
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

import factory.random
import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from institutions.demo import seed_catalogue
from institutions.models import InstitutionKind
from stu_case.accounts.models import Municipality
from stu_case.calendar import add_years
from stu_case.formats import short_date
from students.demo.absence import seed_absence
from students.models import (
    Agency,
    EducationPlan,
    Enrolment,
    EnrolmentStatus,
    FlagKind,
    GoalStatus,
    Involvement,
    MentorKind,
    PersonStatus,
    Relation,
    Severity,
    YoungPerson,
)
from students.models import cpr as cprlib
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import people as people_services
from students.services import plans as plan_services
from tests import factories

SEED = 630
MUNICIPALITY_NAME = "Vejle Kommune"
MUNICIPALITY_CODE = "630"

# (username, first name, last name, roles, job title)
MUNICIPAL_USERS = (
    ("uu", "Mette", "Lund", ["uu"], "UU-vejleder"),
    ("jobcenter", "Anders", "Kristensen", ["jobcenter"], "Virksomhedskonsulent, Jobcenter Vejle"),
    ("forvaltning", "Camilla", "Holm", ["forvaltning"], "Socialrådgiver, Handicap og Psykiatri"),
    ("visitation", "Jens", "Pedersen", ["visitation"], "Formand for visitationsudvalget"),
    ("leder", "Birgitte", "Thomsen", ["leder"], "Leder af Ungeindsatsen"),
)

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

# status → (how many, min age, max age)
PIPELINE = (
    (PersonStatus.CANDIDATE, 4, 15, 16),
    (PersonStatus.CLARIFICATION, 4, 16, 17),
    (PersonStatus.RECOMMENDED, 3, 16, 18),
    (PersonStatus.DECIDED, 3, 17, 18),
    (PersonStatus.ENROLLED, 20, 17, 23),
    (PersonStatus.PAUSED, 3, 18, 23),
    (PersonStatus.COMPLETED, 4, 20, 24),
    (PersonStatus.DROPPED_OUT, 3, 19, 24),
)

ACTIVITIES = (
    "Skoleperiode 1 (afklaring, 12 uger): værksteder i køkken, træ og have.\n"
    "Skoleperiode 2: dansk og matematik i hverdagen, 2 dage om ugen; køkkenværksted 3 dage.\n"
    "Praktik: 6 uger i kantinen på Vejle Rådhus, 2 dage om ugen.",
    "Afklaringsforløb med værkstedsrotation.\n"
    "Hold i grøn service og pasning af udearealer; IT i hverdagen.\n"
    "Praktik i Bilka, varemodtagelse, 8 uger.",
    "Individuelt skema med korte dage i opstarten.\n"
    "Værksted: lager og logistik; undervisning i samfundsfag og privatøkonomi.\n"
    "Virksomhedspraktik i et lokalt autoværksted i sidste år (planlægges med jobcentret).",
)
GENERAL_PART = (
    "Arbejder med at indgå i fællesskabet på holdet, sige til og fra og håndtere uforudsete "
    "ændringer. Samfundsfag med fokus på egen økonomi, bolig og digital post (MitID, e-Boks).",
    "Personlig udvikling: døgnrytme, hygiejne og at møde til tiden. Social træning i små "
    "grupper med faste voksne. Samfundsfag: demokrati, rettigheder og pligter som voksen.",
)
SPECIFIC_PART = (
    "Køkken og kantine: hygiejnebevis, enkle retter efter opskrift, opvask og rengøring.",
    "Lager og logistik: varemodtagelse, optælling, truckcertifikat hvis det giver mening.",
    "Grøn service: maskiner, sikkerhed og at arbejde selvstændigt i et afgrænset område.",
    "Dyrepasning og landbrug i samarbejde med en lokal gård; kørekort til traktor overvejes.",
)
PEDAGOGICAL_GOALS = (
    "Værkstedsarbejdet skal give erfaring med at følge en arbejdsgang fra start til slut. "
    "Undervisningen i dansk og matematik knyttes til konkrete opgaver i værkstedet.",
    "Korte, gentagne forløb med visuel støtte; hvert element evalueres på statusmødet.",
)
TRANSITION_DOCUMENTATION = (
    "Praktikudtalelse fra kantinen: mødestabil, arbejder bedst med faste opgaver og en fast "
    "kontaktperson. Har selv givet udtryk for at ville arbejde med mad.",
    "Besøg på beskyttet værksted og i et aktivitets- og samværstilbud; den unge foretrækker "
    "værkstedet. Jobcentret undersøger muligheden for et fleksjob med få timer.",
)
YOUNG_PERSON_WORDS = (
    "Jeg vil gerne lave mad og have mit eget sted at bo. Jeg kan ikke lide, når der er larm.",
    "Jeg vil gerne arbejde med biler. Det er svært at komme op om morgenen.",
    "Jeg vil have venner og et arbejde, hvor jeg er noget værd.",
    "Jeg kan godt lide dyr og at være udenfor. Jeg vil ikke i skole hele dagen.",
)
RELATIVES_INPUT = (
    "Mor ønsker, at der arbejdes med at tage bussen selv. Forældrene vil gerne deltage i "
    "statusmøderne.",
    "Far oplever, at den unge er meget træt efter skole, og foreslår kortere dage i starten.",
    "",
)
FUNCTIONAL_DESCRIPTION = (
    "Kan arbejde 4 timer ad gangen med en pause. Har brug for en fast kontaktperson og "
    "skriftlig dagsplan. Læser enkle instruktioner; regning med støtte. Trives ikke i støj.",
    "Fysisk stærk og omhyggelig. Har brug for tydelige forventninger og varsling af ændringer. "
    "Kan ikke håndtere kundekontakt alene.",
)
SOCIAL_NOTES = (
    "Bevilget bostøtte efter SEL § 85, 3 timer om ugen. Handleplan revideres i foråret.",
    "Underretning fra skolen i 9. klasse er afsluttet. Familien har tidligere haft familiebehandling.",
    "Ansøgning om botilbud (SEL § 107) er under behandling.",
)


class Command(BaseCommand):
    help = "Byg en troværdig demo-kommune med unge, planer, forløb og ét demo-login pr. rolle."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_MODE", False):
            raise CommandError(
                "seed_demo kører kun i demo-tilstand (settings.DEMO_MODE er slået fra, "
                "sæt STU_DEMO_MODE=true). Demodata hører ikke hjemme i en produktionsdatabase."
            )
        if Municipality.objects.filter(name=MUNICIPALITY_NAME).exists() or (
            Municipality.objects.filter(code=MUNICIPALITY_CODE).exists()
        ):
            self.stdout.write(
                f"{MUNICIPALITY_NAME} findes allerede: demodata er indlæst, intet ændret. "
                "Start forfra ved at slette og migrere databasen igen."
            )
            return

        password = os.environ.get("DEMO_PASSWORD", "demo")
        started = time.monotonic()
        factory.random.reseed_random(SEED)
        with transaction.atomic(), pghistory.context(command="seed_demo"):
            summary = Seeder(password=password, stdout=self.stdout).run()
        elapsed = time.monotonic() - started

        self.stdout.write(
            self.style.SUCCESS(f"Demodata for {MUNICIPALITY_NAME} oprettet ({elapsed:.1f} s).")
        )
        for line in summary:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {password}):")
        for username, description in Seeder.LOGINS:
            self.stdout.write(f"  {username:<12} {description}")


class Seeder:
    LOGINS = (
        ("uu", "UU/KUI-vejleder, kontaktperson for de fleste unge"),
        ("jobcenter", "Jobcenter"),
        ("forvaltning", "Social- og handicapforvaltning"),
        ("visitation", "Visitationsudvalget"),
        ("leder", "Leder (læseadgang og overblik)"),
        ("institution", "Medarbejder på STU Vejle"),
        ("institution2", "Medarbejder på Vejle Produktionsskole"),
        ("admin", "Administrator (Django admin)"),
    )

    def __init__(self, *, password: str, stdout):
        self.password = password
        self.stdout = stdout
        self.today = timezone.localdate()
        self.rng = factories.rng()

    # ------------------------------------------------------------ helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def fresh_cpr(self, born: date) -> str:
        """A factory CPR number that is not already in the database (the dev DB may be shared)."""
        while True:
            number = factories.cpr_for(born)
            if not YoungPerson.objects.filter(cpr_hash=cprlib.keyed_hash(number)).exists():
                return number

    # ------------------------------------------------------------ the run
    def run(self) -> list[str]:
        self.municipality = factories.MunicipalityFactory(
            name=MUNICIPALITY_NAME, code=MUNICIPALITY_CODE
        )
        self.make_users()
        self.make_institutions()
        self.extra_summary = seed_catalogue(
            municipality=self.municipality,
            institutions=self.institutions,
            today=self.today,
            reviewer=self.users["leder"],
        )
        self.make_young_people()
        self.make_revisions()
        self.make_flags()
        self.extra_summary += seed_absence(
            municipality=self.municipality,
            staff_by_institution=self.reporting_staff(),
            today=self.today,
            rng=self.rng,
            contact_user=self.users["uu"],
        )
        # visitation (issue 3): committee, clarification, recommendations, meetings, decisions.
        from visitation.demo import seed_visitation

        extra = seed_visitation(
            municipality=self.municipality,
            users=self.users,
            institutions=self.institutions,
            people=self.people,
            rng=self.rng,
        )
        # transitions (issue 4): status meetings, pauses, housing, final year, exit, internships.
        from transitions.demo import seed_transitions

        extra += seed_transitions(
            municipality=self.municipality,
            users=self.users,
            institutions=self.institutions,
            people=self.people,
            rng=self.rng,
        )
        return self.summary() + extra

    def make_users(self) -> None:
        self.users = {}
        for username, first, last, roles, title in MUNICIPAL_USERS:
            self.users[username] = factories.UserFactory(
                username=username,
                first_name=first,
                last_name=last,
                job_title=title,
                email=f"{username}@vejle.example",
                municipality=self.municipality,
                password=self.password,
                roles=roles,
            )
        self.users["admin"] = factories.UserFactory(
            username="admin",
            first_name="System",
            last_name="Administrator",
            email="admin@vejle.example",
            municipality=None,
            is_staff=True,
            is_superuser=True,
            password=self.password,
        )

    def make_institutions(self) -> None:
        self.institutions = [
            factories.InstitutionFactory(
                name=name,
                kind=kind,
                city=city,
                postal_code=postal_code,
                address=address,
                email=f"kontakt@{factories.email_local_part(name).replace('.', '')}.example",
            )
            for name, kind, city, postal_code, address in INSTITUTIONS
        ]
        staff = (
            ("institution", "Lars", "Skov", 0, "Kontaktlærer"),
            ("institution2", "Hanne", "Bak", 1, "Praktikkonsulent"),
        )
        self.institution_users = {}
        for username, first, last, index, title in staff:
            user = factories.UserFactory(
                username=username,
                first_name=first,
                last_name=last,
                job_title=title,
                email=f"{username}@skole.example",
                municipality=None,
                password=self.password,
                roles=["institution"],
            )
            factories.InstitutionMembershipFactory(
                user=user, institution=self.institutions[index], role_title=title
            )
            self.institution_users[self.institutions[index].pk] = user

    def make_young_people(self) -> None:
        self.people: dict[str, list[YoungPerson]] = {}
        uu, forvaltning = self.users["uu"], self.users["forvaltning"]
        # The first two enrolments go to the two institutions with demo staff, the rest are
        # spread by weight.
        institution_queue = list(self.institutions[:2])
        for status, count, min_age, max_age in PIPELINE:
            for _ in range(count):
                born = factories.random_birth_date(min_age=min_age, max_age=max_age)
                initial_status = (
                    PersonStatus.DECIDED
                    if status
                    in (
                        PersonStatus.ENROLLED,
                        PersonStatus.PAUSED,
                        PersonStatus.COMPLETED,
                        PersonStatus.DROPPED_OUT,
                    )
                    else status
                )
                person = factories.YoungPersonFactory(
                    municipality=self.municipality,
                    cpr=self.fresh_cpr(born),
                    status=initial_status,
                    contact_person=forvaltning if self.rng.random() < 0.15 else uu,
                    created_by=uu,
                    social_notes=self.pick(SOCIAL_NOTES) if self.rng.random() < 0.4 else "",
                )
                if status in (PersonStatus.COMPLETED, PersonStatus.DROPPED_OUT):
                    person.school = ""
                    person.save(update_fields=["school"])
                self.people.setdefault(status, []).append(person)
                self.add_relatives(person)
                if status in (
                    PersonStatus.ENROLLED,
                    PersonStatus.PAUSED,
                    PersonStatus.COMPLETED,
                    PersonStatus.DROPPED_OUT,
                ):
                    self.enrol(
                        person,
                        status,
                        institution_queue.pop(0)
                        if institution_queue
                        else self.rng.choices(self.institutions, weights=INSTITUTION_WEIGHTS)[0],
                    )
                if status not in (PersonStatus.CANDIDATE, PersonStatus.CLARIFICATION):
                    self.fill_plan(person, status)
                if (
                    status in (PersonStatus.ENROLLED, PersonStatus.PAUSED)
                    and self.rng.random() < 0.4
                ):
                    factories.MentorAssignmentFactory(
                        person=person,
                        kind=self.pick([MentorKind.MENTOR, MentorKind.SUPPORT_CONTACT]),
                    )

    def add_relatives(self, person: YoungPerson) -> None:
        adult = person.is_adult
        parents_out = adult and self.rng.random() < 0.2
        family_name = person.last_name
        factories.RelativeFactory(
            person=person,
            relation=Relation.MOTHER,
            name=f"{factories.FAKER.first_name_female()} {family_name}",
            has_custody=not adult,
            involvement=Involvement.NOT_INVOLVED if parents_out else Involvement.RESOURCE,
        )
        if self.rng.random() < 0.6:
            factories.RelativeFactory(
                person=person,
                relation=Relation.FATHER,
                name=f"{factories.FAKER.first_name_male()} {family_name}",
                has_custody=not adult,
                involvement=(
                    Involvement.NOT_INVOLVED
                    if parents_out
                    else self.pick([Involvement.RESOURCE, Involvement.NEEDS_SUPPORT])
                ),
            )
        if adult:
            people_services.consent_record(
                person=person,
                involve_parents=not parents_out,
                scope=(
                    "Forældrene inddrages ikke. Den unge ønsker selv at deltage i møderne med "
                    "sin bisidder."
                    if parents_out
                    else "Forældrene må deltage i planmøder og statusmøder."
                ),
                given_on=max(add_years(person.birth_date, 18), self.today - timedelta(days=200)),
                user=self.users["uu"],
            )

    def enrol(self, person: YoungPerson, status: str, institution) -> None:
        if status == PersonStatus.COMPLETED:
            start = self.today - timedelta(days=self.rng.randint(3 * 365 + 30, 4 * 365))
        elif status == PersonStatus.DROPPED_OUT:
            start = self.today - timedelta(days=self.rng.randint(400, 3 * 365))
        else:
            start = self.today - timedelta(days=self.rng.randint(20, 3 * 365 - 40))
        # Nobody starts STU before turning 16.
        start = max(start, add_years(person.birth_date, 16))
        enrolment = factories.EnrolmentFactory(
            person=person, institution=institution, start_date=start
        )
        if status == PersonStatus.PAUSED:
            Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.PAUSED)
            people_services.young_person_update(person=person, data={"status": PersonStatus.PAUSED})
        elif status == PersonStatus.COMPLETED:
            enrolment_services.enrolment_end(
                enrolment=enrolment,
                status=EnrolmentStatus.COMPLETED,
                end_date=enrolment.planned_end_date,
                reason="Gennemført STU med ressourcepapir.",
            )
        elif status == PersonStatus.DROPPED_OUT:
            enrolment_services.enrolment_end(
                enrolment=enrolment,
                status=EnrolmentStatus.DROPPED_OUT,
                end_date=start
                + timedelta(days=self.rng.randint(150, (self.today - start).days - 10)),
                reason="Afbrudt efter varselsbrev og møde; den unge ønskede at stoppe.",
            )
        person.refresh_from_db()
        person.demo_enrolment = enrolment

    def fill_plan(self, person: YoungPerson, status: str) -> None:
        plan = person.plan
        in_stu = status in (
            PersonStatus.ENROLLED,
            PersonStatus.PAUSED,
            PersonStatus.COMPLETED,
            PersonStatus.DROPPED_OUT,
        )
        sections = {
            "activities": self.pick(ACTIVITIES) if in_stu else "",
            "general_part": self.pick(GENERAL_PART),
            "specific_part": self.pick(SPECIFIC_PART) if in_stu else "",
            "pedagogical_goals": self.pick(PEDAGOGICAL_GOALS) if in_stu else "",
            "transition_documentation": self.pick(TRANSITION_DOCUMENTATION) if in_stu else "",
            "young_person_words": self.pick(YOUNG_PERSON_WORDS),
            "relatives_input": self.pick(RELATIVES_INPUT),
            "functional_description": self.pick(FUNCTIONAL_DESCRIPTION) if in_stu else "",
            "next_revision_due": self.today + timedelta(days=self.rng.randint(45, 340)),
        }
        EducationPlan.objects.filter(pk=plan.pk).update(**sections, updated_by=self.users["uu"])
        plan.refresh_from_db()

        agencies = [Agency.UU, Agency.YOUNG_PERSON]
        if in_stu:
            agencies.append(Agency.INSTITUTION)
        if in_stu or self.rng.random() < 0.5:
            agencies.append(Agency.FORVALTNING)
        if in_stu and self.rng.random() < 0.7:
            agencies.append(Agency.JOBCENTER)
        finished = status in (PersonStatus.COMPLETED, PersonStatus.DROPPED_OUT)
        used_texts: set[tuple[str, str]] = set()
        for agency in agencies:
            author = self.author_for(agency, person)
            area, text = self.goal_text(agency, used_texts)
            goal = factories.PlanGoalFactory(
                plan=plan,
                owning_agency=agency,
                area=area,
                text=text,
                created_by=author,
                source_reference=(
                    f"Handleplan af {short_date(self.today - timedelta(days=150))}"
                    if agency == Agency.FORVALTNING
                    else ""
                ),
                status=(
                    self.pick([GoalStatus.ACHIEVED, GoalStatus.ADJUSTED, GoalStatus.DROPPED])
                    if finished
                    else self.pick(
                        [
                            GoalStatus.NOT_STARTED,
                            GoalStatus.IN_PROGRESS,
                            GoalStatus.IN_PROGRESS,
                            GoalStatus.ACHIEVED,
                        ]
                    )
                ),
            )
            if in_stu and goal.status != GoalStatus.NOT_STARTED:
                for _ in range(self.rng.randint(1, 3)):
                    factories.GoalProgressNoteFactory(goal=goal, author=author)

    def goal_text(self, agency: str, used: set) -> tuple[str, tuple[str, str]]:
        """An area fitting the agency and a goal text not yet used in this plan."""
        options = [
            (area, text)
            for area in factories.AGENCY_AREAS[Agency(agency)]
            for text in factories.GOAL_TEXTS[area]
            if text not in used
        ] or [(area, text) for area, texts in factories.GOAL_TEXTS.items() for text in texts]
        area, text = self.pick(options)
        used.add(text)
        return area, text

    def author_for(self, agency: str, person: YoungPerson):
        if agency == Agency.JOBCENTER:
            return self.users["jobcenter"]
        if agency == Agency.FORVALTNING:
            return self.users["forvaltning"]
        if agency == Agency.INSTITUTION:
            enrolment = getattr(person, "demo_enrolment", None)
            if enrolment and enrolment.institution_id in self.institution_users:
                return self.institution_users[enrolment.institution_id]
        return person.contact_person or self.users["uu"]

    def make_revisions(self) -> None:
        """Two plans with a recorded revision history (one revised twice)."""
        enrolled = self.people[PersonStatus.ENROLLED]
        uu = self.users["uu"]
        first, second = enrolled[0], enrolled[1]
        plan = EducationPlan.objects.get(person=first)
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={
                "specific_part": plan.specific_part
                + "\nAfklaringsforløbet er afsluttet; planen er færdiggjort."
            },
            revision=plan_services.RevisionInfo(
                reason="Planen færdiggjort efter afklaringsforløbet",
                justification="Afklaringen viste, at køkken og kantine passer til den unges ønsker og evner.",
                young_person_took_part=True,
                relatives_took_part=True,
                institution_took_part=True,
            ),
            user=uu,
        )
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={
                "activities": plan.activities
                + "\nNy praktik: Vejle Sygehus, køkkenet, fra næste måned.",
                "next_revision_due": add_years(self.today, 1) - timedelta(days=7),
            },
            revision=plan_services.RevisionInfo(
                reason="Årlig revision",
                justification="Målene for første år er nået; praktikken udvides.",
                young_person_took_part=True,
                institution_took_part=True,
                other_participants="Jobcentret (Anders Kristensen)",
            ),
            user=uu,
        )
        plan = EducationPlan.objects.get(person=second)
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={"general_part": plan.general_part + "\nFokus på at tage bussen selv."},
            revision=plan_services.RevisionInfo(
                reason="Justering efter statusmøde",
                justification="Fremmødet falder om mandagen; transport er en væsentlig årsag.",
                young_person_took_part=True,
            ),
            user=uu,
        )

    def make_flags(self) -> None:
        enrolled = self.people[PersonStatus.ENROLLED]
        # Three plans due for revision soon, one of them already overdue.
        for person, days in ((enrolled[2], 12), (enrolled[3], 25), (enrolled[4], -5)):
            EducationPlan.objects.filter(person=person).update(
                next_revision_due=self.today + timedelta(days=days)
            )
        flag_services.flag_plan_revisions_due(today=self.today)
        # Rising absence is raised by the real job from the demo absence reports (seed_absence).
        flag_services.flag_raise(
            person=self.people[PersonStatus.PAUSED][0],
            kind=FlagKind.PAUSE_WITHOUT_ACTIVITY,
            severity=Severity.CRITICAL,
            details="Pausen har ingen planlagt aktivitet. Hvem tager over i pausen?",
        )
        for person in enrolled:
            enrolment = person.demo_enrolment
            if enrolment.start_date <= add_years(self.today, -2):
                flag_services.flag_raise(
                    person=person,
                    kind=FlagKind.FINAL_YEAR,
                    severity=Severity.INFO,
                    details="Sidste år af STU begynder: jobcentret bliver aktiv deltager.",
                )
                break

    def reporting_staff(self) -> dict:
        """A member of staff per institution to submit its absence reports: the demo logins
        for the first two institutions, a staff member without a login for the others."""
        staff = dict(self.institution_users)
        for institution in self.institutions:
            if institution.pk in staff:
                continue
            user = factories.UserFactory(
                username=f"personale-{institution.pk}",
                job_title="Kontaktlærer",
                email=f"personale-{institution.pk}@skole.example",
                municipality=None,
                password=None,
                roles=["institution"],
            )
            factories.InstitutionMembershipFactory(
                user=user, institution=institution, role_title="Kontaktlærer"
            )
            staff[institution.pk] = user
        return staff

    def summary(self) -> list[str]:
        counts = {status: len(people) for status, people in self.people.items()}
        labels = dict(PersonStatus.choices)
        total = sum(counts.values())
        lines = [f"{total} unge: " + ", ".join(f"{labels[s]} {n}" for s, n in counts.items())]
        lines.append(
            f"{len(self.institutions)} institutioner: "
            + ", ".join(i.name for i in self.institutions)
        )
        return lines + self.extra_summary
