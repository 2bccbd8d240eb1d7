"""Demo data: status meetings.

A held and closed meeting about two and a half months ago (status and decisions for the first
students, actions: one done, one overdue, one open), and an upcoming meeting in two weeks with
the status requests sent to the institutions and one institution's answer in.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from transitions.models.meetings import MeetingAction, StatusMeeting, StatusMeetingSettings

NOTES = [
    (
        "Går stabilt i køkkenværkstedet. Fremmødet er steget efter ny bustur.",
        "Fortsætter som planlagt. Praktik undersøges til foråret.",
    ),
    (
        "Fraværet er steget i perioden; institutionen oplever mistrivsel om morgenen.",
        "Forvaltningen undersøger støttekontaktperson. UU holder samtale med den unge.",
    ),
    (
        "Afklaringen er afsluttet, målene er skrevet ind i planen.",
        "Planen revideres med den unge og forældrene inden for en måned.",
    ),
    ("God udvikling i det sociale; deltager i fællesspisning.", ""),
]


def _at(day, hour: int = 9):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(*, municipality, users: dict, institutions: list, people: dict, rng) -> list[str]:
    from transitions.services import meetings as services

    today = timezone.localdate()
    uu, jobcenter, forvaltning, leder = (
        users["uu"],
        users["jobcenter"],
        users["forvaltning"],
        users["leder"],
    )
    StatusMeetingSettings.objects.get_or_create(
        municipality=municipality,
        defaults={"default_place": "Rådhuset, mødelokale 2"},
    )

    # The last meeting: held and closed.
    held = StatusMeeting.objects.create(
        municipality=municipality,
        starts_at=_at(today - timedelta(days=75)),
        place="Rådhuset, mødelokale 2",
        created_by=leder,
    )
    held.participants.set([uu, jobcenter, forvaltning, leder])
    services.meeting_items_sync(meeting=held, user=uu)
    items = list(held.items.select_related("person").order_by("position"))
    for item, (note, decisions) in zip(items, NOTES, strict=False):
        services.meeting_item_record(item=item, status_note=note, decisions=decisions, user=uu)
    actions = []
    specs = [
        ("Søg om støttekontaktperson", forvaltning, 20),
        ("Aftal virksomhedsbesøg med jobcentrets virksomhedskonsulent", jobcenter, 40),
        ("Hold planrevision med den unge og forældrene", uu, 120),
    ]
    for item, (what, who, days) in zip(items[1:], specs, strict=False):
        actions.append(
            MeetingAction.objects.create(
                meeting=held,
                person=item.person,
                description=what,
                responsible=who,
                deadline=held.local_date + timedelta(days=days),
                created_by=uu,
            )
        )
    if actions:
        services.meeting_action_complete(
            action=actions[0], user=forvaltning, note="Bevilget 4 timer om ugen."
        )
    services.status_meeting_close(
        meeting=held, summary="Roller aftalt: UU samler status før næste møde.", user=leder
    )
    StatusMeeting.objects.filter(pk=held.pk).update(
        started_at=held.starts_at, closed_at=held.starts_at + timedelta(hours=2)
    )
    overdue = services.meeting_actions_flag_overdue()

    # The next meeting: requests sent, one answer in.
    upcoming = StatusMeeting.objects.create(
        municipality=municipality,
        starts_at=_at(today + timedelta(days=14), 10),
        place="Rådhuset, mødelokale 2",
        created_by=uu,
    )
    upcoming.participants.set([uu, jobcenter, forvaltning])
    sent = services.status_requests_send()
    answered = 0
    from stu_case import permissions

    # The demo ``institution`` login (staff at STU Vejle) has answered.
    for req in upcoming.requests.select_related("meeting", "institution").order_by(
        "institution__name"
    ):
        membership = (
            req.institution.memberships.select_related("user")
            .order_by("user__username")
            .filter(user__username="institution")
            .first()
        )
        if membership is None:
            continue
        staff = membership.user

        enrolments = list(
            permissions.status_request_enrolments(staff, req).select_related("person")[:6]
        )
        answers = []
        for n, e in enumerate(enrolments):
            answers.append(
                {
                    "person": e.person,
                    "wellbeing": ["good", "good", "mixed", "poor"][n % 4],
                    "wellbeing_note": "",
                    "goal_progress": rng.choice(
                        [
                            "Arbejder selvstændigt med opgaverne i værkstedet.",
                            "Kan nu tage bussen alene til skolen.",
                            "Har svært ved at holde fokus efter frokost.",
                        ]
                    ),
                    "absence_comment": "Fravær i uge 42 skyldtes sygdom." if n == 2 else "",
                    "internship": "Praktik i kantinen fra næste måned." if n == 0 else "",
                    "concerns": "Virker ensom i frikvartererne." if n % 4 == 3 else "",
                }
            )
        if answers:
            services.status_answers_save(status_request=req, answers=answers, user=staff)
            answered += 1
        break
    return [
        f"Statusmøder: ét afholdt ({len(items)} elever, {len(actions)} opgaver, "
        f"{overdue.raised} flag for overskredne opgaver) og ét kommende med "
        f"{sent.requests_created} statusanmodninger ({answered} besvaret)."
    ]
