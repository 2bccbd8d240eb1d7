"""Demo data: final year and exit.

Uses the real jobs and services: the final-year activation flags the students in their final
year, makes the demo ``jobcenter`` user an active planner and creates the checklist; one
student has a complete exit plan and a functional description handed over as PDF; one ends
soon without an end conversation (the job flags it); former students have follow-ups 3 and 12
months after STU, so the statistics page has content.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from stu_case.calendar import add_months, add_years
from students.models import EnrolmentStatus, PersonStatus
from students.services import enrolments as enrolment_services
from transitions.models.exit import Destination, ExitTask, ExitTaskKind, FollowUp
from transitions.services import exit as services

from .. import common

FD_TEXTS = (
    "Sorterer og pakker varer efter en fast instruktion uden hjælp. Møder stabilt til tiden og "
    "er glad for praktiske opgaver med synligt resultat.",
    "Bliver hurtigt træt i støj og ved mange skift i løbet af dagen. Læser korte beskeder, men "
    "ikke længere tekster. Har svært ved at bede om hjælp.",
    "Har brug for en fast makker de første uger, en visuel dagsplan og instruktion trin for "
    "trin. Ved nye opgaver: vis først, lad den unge prøve, og følg op samme dag.",
    "Ca. 20 timer om ugen fordelt på fire dage, helst formiddage. Rolige omgivelser.",
    "Praktik i 10 uger på lager hos Brdr. Jensen A/S: god til ensartede opgaver, fik ros for "
    "omhu. Praktik i kantine: for mange skift og for meget støj.",
)

# Former students: (years since STU ended, expected, actual after 3 and 12 months)
GRADUATES = (
    (2, Destination.FLEXJOB, Destination.FLEXJOB, Destination.FLEXJOB),
    (2, Destination.FLEXJOB, Destination.RESOURCE_COURSE, Destination.FLEXJOB),
    (
        2,
        Destination.PROTECTED_EMPLOYMENT,
        Destination.PROTECTED_EMPLOYMENT,
        Destination.PROTECTED_EMPLOYMENT,
    ),
    (2, Destination.EARLY_RETIREMENT, Destination.RESOURCE_COURSE, Destination.EARLY_RETIREMENT),
    (2, Destination.ACTIVITY_OFFER, Destination.ACTIVITY_OFFER, Destination.ACTIVITY_OFFER),
    (1, Destination.ORDINARY_EMPLOYMENT, Destination.FLEXJOB, Destination.FLEXJOB),
    (1, Destination.PREPARATORY_EDUCATION, Destination.PREPARATORY_EDUCATION, Destination.OTHER),
    (1, Destination.FLEXJOB, Destination.FLEXJOB, Destination.FLEXJOB),
    (1, Destination.RESOURCE_COURSE, Destination.RESOURCE_COURSE, ""),
    (1, Destination.PROTECTED_EMPLOYMENT, Destination.ACTIVITY_OFFER, Destination.ACTIVITY_OFFER),
    (0, Destination.FLEXJOB, Destination.FLEXJOB, ""),
    (0, Destination.EARLY_RETIREMENT, "", ""),
)


def _new_student(*, municipality, uu, institution, start, rng):
    person = common.young_person(
        rng,
        municipality=municipality,
        contact_person=uu,
        created_by=uu,
        status=PersonStatus.DECIDED,
        born=add_years(start, -rng.randint(17, 20)) - timedelta(days=rng.randint(0, 300)),
    )
    enrolment = common.enrolment(person=person, institution=institution, start_date=start)
    return person, enrolment


def seed(*, municipality, users, institutions, people, rng) -> list[str]:
    today = timezone.localdate()
    uu, jobcenter = users["uu"], users["jobcenter"]
    institution = institutions[0]

    # Students in the final year: one well on the way, one ending soon without a conversation.
    planned, _ = _new_student(
        municipality=municipality,
        uu=uu,
        institution=institution,
        start=add_years(add_months(today, 4), -3),
        rng=rng,
    )
    _late, _ = _new_student(
        municipality=municipality,
        uu=uu,
        institution=institution,
        start=add_years(today + timedelta(days=40), -3),
        rng=rng,
    )
    activated = services.final_year_activate(today=today)

    end = planned.enrolments.get().planned_end_date
    services.involvement_save(
        person=planned,
        contact=jobcenter,
        note="Har fulgt den unge siden visitationen; kender familien.",
        user=uu,
    )
    services.end_conversation_save(
        person=planned,
        data={
            "scheduled_on": add_months(end, -2),
            "place": "STU Vejle, mødelokale 2",
            "participants": "Den unge, mor, kontaktlærer, UU-vejleder og jobcentret",
        },
        user=uu,
    )
    services.exit_plan_update(
        person=planned,
        expected_version=1,
        data={
            "expected_destination": Destination.FLEXJOB,
            "destination_note": "Fleksjob på lager, ca. 20 timer om ugen.",
            "final_internship": "Brdr. Jensen A/S, lager, 10 uger fra næste måned.",
            "housing_after": "Flytter i egen lejlighed med bostøtte tre måneder før STU slutter.",
            "handover_meeting_on": add_months(end, -1),
            "handover_participants": "Den unge, UU-vejleder, jobcentrets virksomhedskonsulent",
        },
        user=jobcenter,
    )
    description = services.functional_description_start(person=planned, user=uu)
    services.functional_description_update(
        description=description,
        expected_version=description.version,
        texts=list(FD_TEXTS[: len(description.sections)])
        + [""] * max(0, len(description.sections) - len(FD_TEXTS)),
        user=uu,
    )
    description.refresh_from_db()
    if not description.missing_sections:
        services.functional_description_hand_over(
            description=description,
            to_contact=jobcenter,
            user=uu,
            note="Til overdragelsesmødet.",
        )
    ExitTask.objects.filter(person=planned, kind=ExitTaskKind.HOUSING).update(
        done_at=timezone.now(), done_by=users["forvaltning"]
    )
    flagged = services.end_conversations_check(today=today)

    # Former students with follow-ups after STU.
    graduates = 0
    former = []
    for years_back, expected, _three, _twelve in GRADUATES:
        ended = today - timedelta(days=365 * years_back + rng.randint(100, 300))
        person, enrolment = _new_student(
            municipality=municipality,
            uu=uu,
            institution=institutions[graduates % len(institutions)],
            start=add_years(ended, -3),
            rng=rng,
        )
        enrolment_services.enrolment_end(
            enrolment=enrolment,
            status=EnrolmentStatus.COMPLETED,
            end_date=ended,
            reason="Gennemført STU med ressourcepapir.",
        )
        services.exit_plan_update(
            person=person,
            expected_version=1,
            data={"expected_destination": expected, "ressourcepapir_delivered_on": ended},
            user=uu,
        )
        graduates += 1
        former.append(person)
    created, _reminded = services.follow_ups_create(today=today)
    for (_years, _expected, three, twelve), person in zip(GRADUATES, former, strict=True):
        follow_ups = FollowUp.objects.filter(person=person).order_by("months")
        for follow_up, destination in zip(follow_ups, (three, twelve), strict=True):
            if destination and follow_up.due_on <= today:
                services.follow_up_record(
                    follow_up=follow_up,
                    data={
                        "destination": destination,
                        "recorded_on": min(today, follow_up.due_on + timedelta(days=7)),
                        "note": "Oplyst af den unge i telefonen.",
                    },
                    user=uu,
                )
    return [
        f"Sidste år og udslusning: {activated} unge aktiveret i sidste år, "
        f"{flagged} flag for manglende afslutningssamtale, 1 funktionsbeskrivelse overdraget, "
        f"{graduates} tidligere elever med {created} opfølgninger."
    ]
