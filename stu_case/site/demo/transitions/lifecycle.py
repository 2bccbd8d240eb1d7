"""Demo data: the enrolment's life — a planned end moved by a reasoned decision, a transfer to
another institution planned for next month, and the limit flags from the real job."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.models import PersonStatus


def seed(*, municipality, users, institutions, people, rng) -> list[str]:
    from transitions.services import lifecycle as services

    today = timezone.localdate()
    enrolled = [p for p in people.get(PersonStatus.ENROLLED, []) if p.enrolments.current()]
    lines: list[str] = []
    if len(enrolled) < 2:
        return lines
    moved, moving = enrolled[-1], enrolled[-2]
    enrolment = moved.enrolments.current()
    new_end = min(enrolment.planned_end_date + timedelta(days=61), enrolment.completion_deadline)
    if new_end > today and new_end != enrolment.planned_end_date:
        services.enrolment_move_planned_end(
            person=moved,
            planned_end_date=new_end,
            reason="Længere praktikforløb aftalt på statusmødet; den unge har brug for mere tid.",
            user=users["forvaltning"],
        )
        lines.append(f"Planlagt slutdato flyttet for {moved.full_name}.")
    enrolment = moving.enrolments.current()
    other = next((i for i in institutions if i.pk != enrolment.institution_id), None)
    transfer_day = today + timedelta(days=30)
    if (
        other is not None
        and enrolment.status == "active"
        and transfer_day < enrolment.planned_end_date
    ):
        services.enrolment_transfer(
            person=moving,
            institution=other,
            transfer_date=transfer_day,
            reason="Flytter på bosted i nabobyen; kortere transport til den nye institution.",
            user=users["uu"],
        )
        lines.append(f"Institutionsskift planlagt for {moving.full_name}.")
    run = services.stu_limits_check()
    lines.append(f"Fristflag: {run['raised']}.")
    return lines
