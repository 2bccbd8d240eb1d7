"""Demo data for visitation, called by ``seed_demo`` (students/management/commands/seed_demo.py).

Everything goes through the visitation services, so the demo obeys the same rules: a committee
whose composition follows good administrative practice, expected candidates from the primary
school, clarification with visits, an introduction course and wishes, one recommendation still
waiting for the jobcenter's sign-off, two ready ones on the agenda of the next meeting, and two
granted decisions from the last meeting, each with its stored letter.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from students.models import PersonStatus
from visitation.models import Committee, CommitteeMember, MemberKind, Outcome
from visitation.services import clarification as clarification_services
from visitation.services import committee as committee_services
from visitation.services import decisions as decision_services
from visitation.services import recommendations as recommendation_services

SCHOOLS = (
    ("Heldagsskolen", "9", "Klasselærer Pia Vestergaard, 7215 1122"),
    ("Kirkebakkeskolen, specialcenter", "10", "Afdelingsleder Ole Berg, ole.berg@skole.example"),
    ("Specialklasserne på Rosenholmskolen", "special", "Lærer Tine Juhl, 7215 3344"),
    ("10. klassecenter", "10", "Vejleder Kim Lauridsen"),
)
IMPRESSIONS = (
    "Der var roligt, og jeg kunne godt lide køkkenet. Lærerne var søde.",
    "Det var for stort og larmende. Jeg vil ikke gå der.",
    "Jeg kunne godt lide dyrene og værkstedet. Jeg vil gerne prøve det.",
    "Der var nogen fra min gamle skole. Det var trygt.",
)
RELATIVE_IMPRESSIONS = (
    "Mor oplevede personalet som meget erfarne med unge med autisme.",
    "Far var bekymret for transporten, men kunne se at tilbuddet passede.",
    "Forældrene synes, at holdene er for store.",
)

WISH_REASONS = (
    "Der er et køkken, og jeg kender en, der går der.",
    "Det er tæt på, så jeg kan selv tage bussen.",
    "Jeg kunne godt lide værkstederne.",
)


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_visitation(*, municipality, users: dict, institutions: list, people: dict, rng) -> list:
    """Build the visitation demo. ``people`` maps PersonStatus → list of young people."""
    today = timezone.localdate()
    uu, forvaltning, jobcenter, visitation = (
        users["uu"],
        users["forvaltning"],
        users["jobcenter"],
        users["visitation"],
    )
    committee = Committee(municipality=municipality, name="Visitationsudvalget for STU, Vejle")
    committee.full_clean()
    committee.save()
    for user, represents, kind, chair in (
        (visitation, "visitation", MemberKind.VOTING, True),
        (forvaltning, "forvaltning", MemberKind.VOTING, False),
        (jobcenter, "jobcenter", MemberKind.VOTING, False),
        (uu, "uu", MemberKind.PRESENTER, False),
    ):
        member = CommitteeMember(
            committee=committee, user=user, represents=represents, kind=kind, is_chair=chair
        )
        member.full_clean()
        member.save()

    # Expected candidates registered with the primary school.
    for i, person in enumerate(people.get(PersonStatus.CANDIDATE, [])):
        school, grade, contact = SCHOOLS[i % len(SCHOOLS)]
        expected = today + timedelta(days=150 + 90 * i)
        meeting_on = expected - timedelta(days=190) if i % 2 == 0 else None
        clarification_services.school_coordination_save(
            person=person,
            data={
                "school": school,
                "grade": grade,
                "school_contact": contact,
                "expected_start": expected,
                "first_meeting_on": meeting_on,
                "meeting_held": bool(meeting_on and meeting_on < today),
                "participants": "UU, skolen, forældre" if meeting_on else "",
                "notes": "Drøftet om 10. klasse på efterskole er relevant før STU."
                if meeting_on
                else "",
            },
            user=uu,
        )

    def clarify(person, visited: list, wishes: list, course=None):
        for n, inst in enumerate(visited):
            clarification_services.visit_save(
                person=person,
                data={
                    "institution": inst,
                    "visited_on": today - timedelta(days=70 - 12 * n),
                    "young_person_present": True,
                    "relatives_present": rng.choice(["mor", "mor og far", "far"]),
                    "others_present": "UU-vejleder",
                    "young_person_impressions": IMPRESSIONS[n % len(IMPRESSIONS)],
                    "relatives_impressions": RELATIVE_IMPRESSIONS[n % len(RELATIVE_IMPRESSIONS)],
                },
                user=uu,
            )
        if course is not None:
            clarification_services.intro_course_save(
                person=person,
                data={
                    "institution": course,
                    "start_date": today - timedelta(days=40),
                    "end_date": today - timedelta(days=29),
                    "young_person_evaluation": "Jeg var der hver dag. Jeg vil gerne i køkkenet.",
                    "institution_evaluation": "Mødestabil, arbejder godt med faste rutiner.",
                },
                user=uu,
            )
        for inst in wishes:
            clarification_services.wish_add(
                person=person, institution=inst, reason=rng.choice(WISH_REASONS), user=uu
            )

    stu, production, efterskole, residential, private, _high = institutions
    for i, person in enumerate(people.get(PersonStatus.CLARIFICATION, [])):
        if i == 0:
            clarify(person, [stu], [stu])  # only one institution seen: the page warns
        else:
            clarify(person, [stu, production], [production, stu], course=stu if i == 1 else None)

    def recommend(person, offered, start_days):
        rec = recommendation_services.recommendation_create(
            person=person,
            data={
                "target_group_assessment": (
                    "Den unge har en generel indlæringsvanske og brug for et individuelt "
                    "tilrettelagt forløb med faste voksne, visuel støtte og små hold."
                ),
                "other_options": (
                    "FGU (almen grunduddannelse) er afprøvet i tre måneder med mentorstøtte; "
                    "den unge kunne ikke følge undervisningen. Ordinær ungdomsuddannelse med "
                    "specialpædagogisk støtte er drøftet og vurderet ikke at være tilstrækkelig."
                ),
                "proposed_institution": offered[0],
                "proposed_start": today + timedelta(days=start_days),
                "young_person_view": "Jeg vil gerne gå på et sted, hvor jeg kan lave mad.",
                "young_person_heard_on": today - timedelta(days=10),
                "relatives_view": "Forældrene støtter valget og ønsker tæt kontakt til skolen.",
                "relatives_heard_on": today - timedelta(days=10),
            },
            offered=offered,
            user=uu,
        )
        return recommendation_services.recommendation_submit(recommendation=rec, user=uu)

    def sign(rec, jobcenter_too=True):
        recommendation_services.sign_off_record(
            recommendation=rec,
            agency="forvaltning",
            agrees=True,
            comment="Bostøtte fortsætter under STU.",
            user=forvaltning,
        )
        if jobcenter_too:
            recommendation_services.sign_off_record(
                recommendation=rec, agency="jobcenter", agrees=True, comment="", user=jobcenter
            )

    # Recommended: one waiting for the jobcenter, two ready on the next meeting's agenda.
    recommended = people.get(PersonStatus.RECOMMENDED, [])
    ready = []
    for i, person in enumerate(recommended):
        clarify(person, [stu, production, private][: 2 + (i % 2)], [stu, production])
        rec = recommend(person, [stu, production], 60 + 30 * i)
        sign(rec, jobcenter_too=i != 0)
        if i != 0:
            ready.append(rec)
    next_meeting = committee_services.meeting_create(
        committee=committee,
        starts_at=_at(today + timedelta(days=9), 9),
        location="Vejle Rådhus, mødelokale 3",
        user=visitation,
    )
    if ready:
        committee_services.meeting_add_to_agenda(
            meeting=next_meeting, recommendations=ready, user=visitation
        )

    # Decided at the last meeting: granted, with the stored letter.
    decided = people.get(PersonStatus.DECIDED, [])[:2]
    last_meeting = committee_services.meeting_create(
        committee=committee,
        starts_at=_at(today - timedelta(days=6), 9),
        location="Vejle Rådhus, mødelokale 3",
        user=visitation,
    )
    for i, person in enumerate(decided):
        clarify(person, [stu, residential] if i else [production, efterskole], [])
        offered = [stu, residential] if i else [production, efterskole]
        rec = recommend(person, offered, 45 + 20 * i)
        sign(rec)
        (item,) = committee_services.meeting_add_to_agenda(
            meeting=last_meeting, recommendations=[rec], user=visitation
        )
        decision_services.decision_record(
            agenda_item=item,
            data={
                "outcome": Outcome.GRANTED,
                "institution": offered[0],
                "start_date": rec.proposed_start,
                "decided_on": today - timedelta(days=6),
                "justification": "Den unge er i STU's målgruppe, jf. indstillingen.",
            },
            voters=[visitation, forvaltning, jobcenter],
            user=visitation,
        )
    committee_services.meeting_save_minutes(
        meeting=last_meeting,
        minutes=(
            "1. Godkendelse af dagsorden: godkendt.\n"
            "2. Sager: udvalget fulgte indstillingerne, se afgørelserne på de enkelte sager.\n"
            "3. Eventuelt: næste møde om ca. 14 dage."
        ),
        attendees="Jens Pedersen (formand), Camilla Holm, Anders Kristensen; UU: Mette Lund",
        held=True,
        user=visitation,
    )
    return [
        f"Visitationsudvalg med {committee.members.count()} medlemmer, "
        f"{len(ready)} sager på næste møde, {len(decided)} afgørelser med brev"
    ]
