"""Demo young people: the pipeline from expected candidates to former students, with
relatives and consent, enrolments at the demo institutions, the one plan with goals from every
agency and progress notes, plan revisions, and the flags the jobs raise.

Made through the students services, so the demo obeys the same rules as real data.
"""

from __future__ import annotations

from datetime import date, timedelta

from stu_case.calendar import add_years
from stu_case.formats import short_date
from students.models import (
    Agency,
    EducationPlan,
    Enrolment,
    EnrolmentStatus,
    GoalArea,
    GoalStatus,
    Involvement,
    MentorKind,
    PersonStatus,
    Relation,
    Severity,
    SourcePlan,
    YoungPerson,
)
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import people as people_services
from students.services import plans as plan_services
from transitions import flags as transition_flags

from . import common
from .institutions import INSTITUTION_WEIGHTS

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

GOAL_TEXTS = {
    GoalArea.PERSONAL_SOCIAL: (
        (
            "Kan deltage i fællesskabet i frikvarteret og spise frokost sammen med holdet.",
            "Deltager i fælles frokost mindst tre dage om ugen uden at trække sig.",
        ),
        (
            "Kan samarbejde med en makker om en opgave i værkstedet.",
            "Løser en fælles opgave med en makker en hel formiddag uden voksenindgriben.",
        ),
        (
            "Siger til, når noget er svært, i stedet for at gå hjem.",
            "Tager selv kontakt til kontaktlæreren ved konflikter, vurderet månedligt.",
        ),
    ),
    GoalArea.ACADEMIC: (
        (
            "Læser og forstår en enkel arbejdsinstruks.",
            "Kan læse en instruks på en halv side og udføre opgaven med højst én påmindelse.",
        ),
        (
            "Kan bruge kalender og påmindelser på telefonen.",
            "Holder selv styr på sine aftaler i en måned med telefonens kalender.",
        ),
        (
            "Kan håndtere egne penge i hverdagen.",
            "Lægger selv et ugebudget og handler ind efter det i fire uger i træk.",
        ),
    ),
    GoalArea.WORK: (
        (
            "Gennemfører et praktikforløb på en arbejdsplads.",
            "Møder stabilt i praktik to dage om ugen i otte uger.",
        ),
        (
            "Kender sine egne styrker og skånehensyn i arbejdet.",
            "Kan fortælle en arbejdsgiver om tre styrker og to hensyn ved en praktiksamtale.",
        ),
        (
            "Tager truckcertifikat med henblik på lagerarbejde.",
            "Har bestået truckcertifikat A og kørt truck under praktikken.",
        ),
        (
            "Afklaring af arbejdsevne med henblik på fleksjob eller beskyttet beskæftigelse.",
            "Jobcentret har en beskrivelse af arbejdsevne og skånehensyn fra praktikken.",
        ),
    ),
    GoalArea.INDEPENDENCE: (
        (
            "Kan selv tage bussen til og fra skole.",
            "Tager bussen alene hver dag i en måned uden at fare vild.",
        ),
        (
            "Kan selv ringe til lægen og andre myndigheder.",
            "Har selv bestilt tid hos læge eller tandlæge to gange i løbet af et halvt år.",
        ),
        (
            "Forberedelse af flytning til egen bolig med bostøtte.",
            "Kan lave aftensmad tre dage om ugen og holde orden i eget værelse.",
        ),
    ),
    GoalArea.HEALTH: (
        ("Får en fast døgnrytme.", "Står op og møder til tiden fire ud af fem dage."),
        (
            "Spiser morgenmad og frokost hver skoledag.",
            "Har madpakke eller køber frokost i kantinen mindst fire dage om ugen.",
        ),
        (
            "Kender egne tegn på stress og bruger sin strategi.",
            "Bruger pauseplanen og beder om en pause, når den unge mærker uro.",
        ),
    ),
    GoalArea.LEISURE: (
        (
            "Deltager i en fritidsaktivitet uden for skolen.",
            "Går til en aktivitet i klub eller forening en gang om ugen i et halvt år.",
        ),
        (
            "Bruger sin fritid på andet end skærm.",
            "Har en fast ugentlig aktivitet uden skærm, fx fitness, spejder eller kor.",
        ),
        (
            "Udvider sit netværk med jævnaldrende.",
            "Har aftaler med mindst én ven uden for skoletid hver måned.",
        ),
    ),
}

# The areas each agency's goals usually cover (a jobcenter goal is about work, …).
AGENCY_AREAS = {
    Agency.UU: (GoalArea.PERSONAL_SOCIAL, GoalArea.ACADEMIC),
    Agency.JOBCENTER: (GoalArea.WORK,),
    Agency.FORVALTNING: (GoalArea.INDEPENDENCE, GoalArea.HEALTH),
    Agency.INSTITUTION: (GoalArea.ACADEMIC, GoalArea.WORK, GoalArea.PERSONAL_SOCIAL),
    Agency.YOUNG_PERSON: (GoalArea.LEISURE, GoalArea.INDEPENDENCE, GoalArea.WORK),
}

SOURCE_FOR_AGENCY = {
    Agency.UU: SourcePlan.EDUCATION_PLAN,
    Agency.JOBCENTER: SourcePlan.JOB_PLAN,
    Agency.FORVALTNING: SourcePlan.SOCIAL_ACTION_PLAN,
    Agency.INSTITUTION: SourcePlan.TEACHING_PLAN,
    Agency.YOUNG_PERSON: SourcePlan.OWN_WISH,
}

PROGRESS_NOTES = (
    "Godt i gang. Den unge har mødt stabilt de sidste tre uger.",
    "Svingende fremmøde efter ferien; aftalt ny morgenrutine med bostøtten.",
    "Målet er drøftet på statusmødet. Institutionen oplever tydelig fremgang.",
    "Den unge fortæller selv, at det går bedre, og vil gerne prøve mere.",
    "Praktikstedet melder om god arbejdsindsats, men brug for faste pauser.",
    "Lidt tilbagegang i en periode med sygdom. Vi fortsætter med samme plan.",
)

IN_STU = (
    PersonStatus.ENROLLED,
    PersonStatus.PAUSED,
    PersonStatus.COMPLETED,
    PersonStatus.DROPPED_OUT,
)
FINISHED = (PersonStatus.COMPLETED, PersonStatus.DROPPED_OUT)


class Students:
    """Builds the young people; ``people`` maps a PersonStatus to the people built with it."""

    def __init__(self, rng, *, today: date, municipality, users: dict, institutions, staff: dict):
        self.rng = rng
        self.today = today
        self.municipality = municipality
        self.users = users
        self.institutions = institutions
        self.institution_users = staff  # institution id → the demo login working there
        self.people: dict[str, list[YoungPerson]] = {}
        self.enrolments: dict[int, Enrolment] = {}  # person id → the enrolment built here

    def pick(self, seq):
        return self.rng.choice(seq)

    # ------------------------------------------------------------ people
    def make_young_people(self) -> None:
        uu, forvaltning = self.users["uu"], self.users["forvaltning"]
        # The first two enrolments go to the two institutions with demo staff, the rest are
        # spread by weight.
        institution_queue = list(self.institutions[:2])
        for status, count, min_age, max_age in PIPELINE:
            for _ in range(count):
                born = common.birth_date(
                    self.rng, min_age=min_age, max_age=max_age, today=self.today
                )
                person = common.young_person(
                    self.rng,
                    municipality=self.municipality,
                    born=born,
                    status=PersonStatus.DECIDED if status in IN_STU else status,
                    contact_person=forvaltning if self.rng.random() < 0.15 else uu,
                    created_by=uu,
                    social_notes=self.pick(SOCIAL_NOTES) if self.rng.random() < 0.4 else "",
                    school="" if status in FINISHED else self.pick(common.SCHOOLS),
                )
                self.people.setdefault(status, []).append(person)
                self.add_relatives(person)
                if status in IN_STU:
                    institution = (
                        institution_queue.pop(0)
                        if institution_queue
                        else self.rng.choices(self.institutions, weights=INSTITUTION_WEIGHTS)[0]
                    )
                    self.enrol(person, status, institution)
                if status not in (PersonStatus.CANDIDATE, PersonStatus.CLARIFICATION):
                    self.fill_plan(person, status)
                if (
                    status in (PersonStatus.ENROLLED, PersonStatus.PAUSED)
                    and self.rng.random() < 0.4
                ):
                    self.add_mentor(person)

    def add_relatives(self, person: YoungPerson) -> None:
        adult = person.is_adult
        parents_out = adult and self.rng.random() < 0.2
        mother = common.first_name(self.rng, female=True)
        self.add_relative(
            person,
            relation=Relation.MOTHER,
            first_name=mother,
            has_custody=not adult,
            involvement=Involvement.NOT_INVOLVED if parents_out else Involvement.RESOURCE,
        )
        if self.rng.random() < 0.6:
            self.add_relative(
                person,
                relation=Relation.FATHER,
                first_name=common.first_name(self.rng, female=False),
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

    def add_relative(self, person, *, relation, first_name, has_custody, involvement) -> None:
        name = f"{first_name} {person.last_name}"
        people_services.relative_save(
            person=person,
            data={
                "relation": relation,
                "name": name,
                "phone": common.phone(self.rng),
                "email": f"{common.email_local_part(name)}@mail.example",
                "involvement": involvement,
                "has_custody": has_custody,
            },
        )

    def add_mentor(self, person: YoungPerson) -> None:
        people_services.mentor_assign(
            person=person,
            data={
                "kind": self.pick([MentorKind.MENTOR, MentorKind.SUPPORT_CONTACT]),
                "name": f"{common.first_name(self.rng)} {common.last_name(self.rng)}",
                "organisation": "Socialforvaltningen, Ungeteamet",
                "phone": common.phone(self.rng),
                "start_date": self.today - timedelta(days=self.rng.randint(30, 400)),
            },
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
        enrolment = common.enrolment(person=person, institution=institution, start_date=start)
        if status == PersonStatus.PAUSED:
            # The pause itself (with or without an activity) comes from the transitions demo.
            enrolment_services.enrolment_pause(enrolment=enrolment)
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
        self.enrolments[person.pk] = enrolment

    # ------------------------------------------------------------ the plan
    def fill_plan(self, person: YoungPerson, status: str) -> None:
        in_stu = status in IN_STU
        plan = person.plan
        # The plan as it stood before the demo's history begins: written straight to the row,
        # because plan_update would record a revision for every plan (the demo has three).
        EducationPlan.objects.filter(pk=plan.pk).update(
            activities=self.pick(ACTIVITIES) if in_stu else "",
            general_part=self.pick(GENERAL_PART),
            specific_part=self.pick(SPECIFIC_PART) if in_stu else "",
            pedagogical_goals=self.pick(PEDAGOGICAL_GOALS) if in_stu else "",
            transition_documentation=self.pick(TRANSITION_DOCUMENTATION) if in_stu else "",
            young_person_words=self.pick(YOUNG_PERSON_WORDS),
            relatives_input=self.pick(RELATIVES_INPUT),
            functional_description=self.pick(FUNCTIONAL_DESCRIPTION) if in_stu else "",
            next_revision_due=self.today + timedelta(days=self.rng.randint(45, 340)),
            updated_by=self.users["uu"],
        )
        plan.refresh_from_db()

        agencies = [Agency.UU, Agency.YOUNG_PERSON]
        if in_stu:
            agencies.append(Agency.INSTITUTION)
        if in_stu or self.rng.random() < 0.5:
            agencies.append(Agency.FORVALTNING)
        if in_stu and self.rng.random() < 0.7:
            agencies.append(Agency.JOBCENTER)
        used_texts: set[tuple[str, str]] = set()
        for agency in agencies:
            author = self.author_for(agency, person)
            area, (description, criterion) = self.goal_text(agency, used_texts)
            goal = plan_services.goal_create(
                plan=plan,
                data={
                    "owning_agency": agency,
                    "area": area,
                    "source_plan": SOURCE_FOR_AGENCY[Agency(agency)],
                    "source_reference": (
                        f"Handleplan af {short_date(self.today - timedelta(days=150))}"
                        if agency == Agency.FORVALTNING
                        else ""
                    ),
                    "description": description,
                    "success_criterion": criterion,
                    "target_date": self.today + timedelta(days=self.rng.randint(60, 700)),
                    "status": self.goal_status(finished=status in FINISHED),
                },
                user=author,
            )
            if in_stu and goal.status != GoalStatus.NOT_STARTED:
                for _ in range(self.rng.randint(1, 3)):
                    plan_services.goal_add_note(
                        goal=goal,
                        text=self.pick(PROGRESS_NOTES),
                        noted_on=self.today - timedelta(days=self.rng.randint(1, 120)),
                        user=author,
                    )

    def goal_status(self, *, finished: bool) -> str:
        if finished:
            return self.pick([GoalStatus.ACHIEVED, GoalStatus.ADJUSTED, GoalStatus.DROPPED])
        return self.pick(
            [
                GoalStatus.NOT_STARTED,
                GoalStatus.IN_PROGRESS,
                GoalStatus.IN_PROGRESS,
                GoalStatus.ACHIEVED,
            ]
        )

    def goal_text(self, agency: str, used: set) -> tuple[str, tuple[str, str]]:
        """An area fitting the agency and a goal text not yet used in this plan."""
        options = [
            (area, text)
            for area in AGENCY_AREAS[Agency(agency)]
            for text in GOAL_TEXTS[area]
            if text not in used
        ] or [(area, text) for area, texts in GOAL_TEXTS.items() for text in texts]
        area, text = self.pick(options)
        used.add(text)
        return area, text

    def author_for(self, agency: str, person: YoungPerson):
        if agency == Agency.JOBCENTER:
            return self.users["jobcenter"]
        if agency == Agency.FORVALTNING:
            return self.users["forvaltning"]
        if agency == Agency.INSTITUTION:
            enrolment = self.enrolments.get(person.pk)
            if enrolment and enrolment.institution_id in self.institution_users:
                return self.institution_users[enrolment.institution_id]
        return person.contact_person or self.users["uu"]

    # ------------------------------------------------------------ revisions and flags
    def make_revisions(self) -> None:
        """Two plans with a recorded revision history (one revised twice)."""
        enrolled = self.people[PersonStatus.ENROLLED]
        uu = self.users["uu"]
        plan = EducationPlan.objects.get(person=enrolled[0])
        plan_services.plan_update(
            plan=plan,
            expected_version=plan.version,
            data={
                "specific_part": plan.specific_part
                + "\nAfklaringsforløbet er afsluttet; planen er færdiggjort."
            },
            revision=plan_services.RevisionInfo(
                reason="Planen færdiggjort efter afklaringsforløbet",
                justification="Afklaringen viste, at køkken og kantine passer til den unges "
                "ønsker og evner.",
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
        plan = EducationPlan.objects.get(person=enrolled[1])
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
        plan_services.flag_plan_revisions_due(today=self.today)
        # Rising absence is raised by the real job from the demo absence reports.
        flag_services.flag_raise(
            person=self.people[PersonStatus.PAUSED][0],
            kind=transition_flags.PAUSE_WITHOUT_ACTIVITY,
            severity=Severity.CRITICAL,
            details="Pausen har ingen planlagt aktivitet. Hvem tager over i pausen?",
        )
        for person in enrolled:
            if self.enrolments[person.pk].start_date <= add_years(self.today, -2):
                flag_services.flag_raise(
                    person=person,
                    kind=transition_flags.FINAL_YEAR,
                    severity=Severity.INFO,
                    details="Sidste år af STU begynder: jobcentret bliver aktiv deltager.",
                )
                break

    def summary(self) -> list[str]:
        counts = {status: len(people) for status, people in self.people.items()}
        labels = dict(PersonStatus.choices)
        total = sum(counts.values())
        return [f"{total} unge: " + ", ".join(f"{labels[s]} {n}" for s, n in counts.items())]
