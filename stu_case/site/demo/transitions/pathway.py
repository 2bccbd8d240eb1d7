"""Demo data: the pathway — pauses (one running with an activity, one overdue, one created
without an activity), a requested pause, an interruption in progress and housing plans.
The flags come from the real jobs."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.models import PersonStatus


def _open(person):
    return person.enrolments.current()


def seed(*, municipality, users, institutions, people, rng) -> list[str]:
    from transitions.models.pathway import Pause, PauseActivityKind, PauseReason, PauseStatus
    from transitions.services import interruption as interruption_services
    from transitions.services import pathway as services

    today = timezone.localdate()
    uu, forvaltning = users["uu"], users["forvaltning"]
    paused = [p for p in people.get(PersonStatus.PAUSED, []) if _open(p)]
    enrolled = [p for p in people.get(PersonStatus.ENROLLED, []) if _open(p)]
    lines: list[str] = []

    # The paused young people get their pause rows (the enrolments are already paused).
    specs = [
        # (reason, kind, description, start offset, return offset, responsible)
        (
            PauseReason.MENTAL_HEALTH,
            PauseActivityKind.TREATMENT,
            "Dagbehandling i ungepsykiatrien to dage om ugen; ugentlig samtale med mentor.",
            -45,
            75,
            uu,
        ),
        (
            PauseReason.ILLNESS,
            PauseActivityKind.INTERNSHIP,
            "Skånsom praktik i kantinen på Vejle Rådhus, 10 timer om ugen.",
            -120,
            -7,
            forvaltning,
        ),
        # Created without an activity (as if entered in the admin): the job flags it.
        (PauseReason.SOCIAL, "", "", -30, 60, None),
    ]
    order = [2, 0, 1]  # paused[0] carries the demo's "no planned activity" flag story
    made = 0
    for person, index in zip(paused, order, strict=False):
        reason, kind, description, start_off, return_off, responsible = specs[index]
        enrolment = _open(person)
        start = max(enrolment.start_date, today + timedelta(days=start_off))
        Pause.objects.create(
            person=person,
            enrolment=enrolment,
            reason=reason,
            reason_text="Aftalt på statusmødet med den unge og forældrene.",
            start_date=start,
            planned_return_date=max(today + timedelta(days=return_off), start + timedelta(days=7)),
            activity_kind=kind,
            activity_description=description,
            responsible=responsible or person.contact_person,
            return_plan="Opstart tre dage om ugen i værkstedet, derefter fuld tid." if kind else "",
            status=PauseStatus.APPROVED,
            requested_by=uu,
            decided_by=forvaltning,
            decided_at=timezone.now() - timedelta(days=-start_off),
            decision_note="Godkendt af forvaltningen.",
            requires_reassessment=index == 1,
        )
        made += 1

    # A requested pause waiting for approval, and an interruption in progress.
    if len(enrolled) > 6:
        candidate = enrolled[6]
        services.pause_create(
            person=candidate,
            data=services.PauseData(
                reason=PauseReason.PARENTAL,
                reason_text="Termin om seks uger.",
                start_date=max(_open(candidate).start_date, today + timedelta(days=14)),
                planned_return_date=today + timedelta(days=200),
                activity_kind=PauseActivityKind.MENTOR,
                activity_description="Støttekontaktperson hver uge; forældrekursus i kommunen.",
                responsible=candidate.contact_person or uu,
                return_plan="Tilbage på nedsat tid med barnet i vuggestue.",
            ),
            user=uu,
        )
        lines.append(f"Pause afventer godkendelse: {candidate.full_name}")
    if len(enrolled) > 7:
        dropping = enrolled[7]
        start = _open(dropping).start_date
        day = max(start, today - timedelta(days=30))
        interruption_services.interruption_adjust_plan(
            person=dropping,
            plan_adjusted_on=day,
            note="Nedsat til tre dage om ugen og fast voksen om morgenen.",
            user=uu,
        )
        interruption_services.interruption_warn(
            person=dropping,
            warning_letter_sent_on=min(day + timedelta(days=10), today),
            meeting_held_on=min(day + timedelta(days=14), today),
            note="Den unge og faren deltog. Fremmødet følges i fire uger.",
            user=uu,
        )
        lines.append(f"Afbrydelse i gang (trin 2): {dropping.full_name}")

    # Housing: the enrolled people closest to the end; one move unplanned (flagged), one in time.
    by_end = sorted(enrolled, key=lambda p: _open(p).planned_end_date)
    housing = 0
    for i, person in enumerate(by_end[:2]):
        enrolment = _open(person)
        deadline = services.housing_move_deadline(enrolment)
        services.housing_plan_save(
            person=person,
            current_situation="parents",
            move_needed=True,
            target_situation="supported" if i == 0 else "botilbud",
            planned_move_date=None if i == 0 else min(deadline, today + timedelta(days=60)),
            support="Bostøtte efter servicelovens § 85, 6 timer om ugen."
            if i == 0
            else "Ansøgning om botilbud sendt; støttekontaktperson hjælper med flytningen.",
            note="Den unge ønsker at bo tæt på praktikstedet.",
            user=forvaltning,
        )
        housing += 1

    pause_run = services.pause_flags_check()
    housing_run = services.housing_flags_check()
    lines.insert(
        0,
        f"Pauser: {made} godkendte (flag rejst: {pause_run.raised}); boligplaner: {housing} "
        f"(flag rejst: {housing_run.raised})",
    )
    return lines
