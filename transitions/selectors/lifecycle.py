"""Reads for the enrolment's life: the section on the person's transitions page."""

from __future__ import annotations

from django.utils import timezone

from stu_case import permissions
from stu_case.permissions import Action
from transitions.models.lifecycle import LifecycleEvent, LifecycleEventKind, LifecycleEventStatus


def limits(enrolment, today=None) -> dict | None:
    """The two limits of an open enrolment: 5 years from STU's start and the 25th birthday,
    and whether the planned end lies after either."""
    if enrolment is None:
        return None
    today = today or timezone.localdate()
    five_years = enrolment.completion_deadline
    age_25 = enrolment.person.turns_25_on
    return {
        "five_years": five_years,
        "age_25": age_25,
        "stu_started_on": enrolment.stu_started_on,
        "late_five_years": enrolment.planned_end_date > five_years,
        "late_age_25": enrolment.planned_end_date > age_25,
        "clarification_running": enrolment.clarification_end_date >= today,
    }


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).
    Keys are prefixed with the area's name. Three queries whatever the number of events."""
    enrolment = person.enrolments.select_related("institution", "person").current()
    events = list(
        LifecycleEvent.objects.filter(person=person).select_related(
            "enrolment__institution", "to_institution", "created_by"
        )
    )
    current = [e for e in events if enrolment and e.enrolment_id == enrolment.pk]
    return {
        "lifecycle_enrolment": enrolment,
        "lifecycle_limits": limits(enrolment),
        "lifecycle_events": events,
        "lifecycle_planned_transfer": next(
            (
                e
                for e in current
                if e.kind == LifecycleEventKind.TRANSFER
                and e.status == LifecycleEventStatus.PLANNED
            ),
            None,
        ),
        "lifecycle_clarification_ended": any(
            e.kind == LifecycleEventKind.CLARIFICATION_ENDED for e in current
        ),
        "lifecycle_can_manage": enrolment is not None
        and permissions.can(user, Action.MANAGE_ENROLMENT, person),
    }
