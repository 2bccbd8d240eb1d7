"""selectors: pathway — reads for the person panel and the status-meeting agenda."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.formats import short_date
from stu_case.permissions import Action
from students.models import Enrolment, HousingSituation, MentorAssignment
from transitions.models.pathway import (
    PAUSE_OPEN_STATUSES,
    HousingPlan,
    Interruption,
    InterruptionStatus,
    Pause,
    PauseStatus,
)
from transitions.services.pathway import (
    HOUSING_WATCH_MARGIN_DAYS,
    housing_move_deadline,
)


def completion_limit(enrolment: Enrolment | None, today=None) -> dict | None:
    """The 5-year limit of an enrolment: deadline, days left and the share used (for a meter)."""
    if enrolment is None:
        return None
    today = today or timezone.localdate()
    deadline = enrolment.completion_deadline
    started = enrolment.stu_started_on
    total = (deadline - started).days
    used = min(max((today - started).days, 0), total)
    left = (deadline - today).days
    return {
        "deadline": deadline,
        "days_left": max(left, 0),
        "months_left": max(left, 0) // 30,
        "passed": left < 0,
        "percent_used": round(100 * used / total) if total else 100,
        "planned_end": enrolment.planned_end_date,
        "planned_end_after_deadline": enrolment.planned_end_date > deadline,
    }


def person_panel(*, user, person) -> dict:
    """Context for this area's section of the person's transitions page (``transitions:person``).

    Keys are merged into the page context; keep them prefixed with the area's name.
    """
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("institution")
        .order_by("-start_date")
    )
    current = next((e for e in enrolments if e.is_open), None)
    limit_enrolment = current or (enrolments[0] if enrolments else None)
    pauses = list(
        Pause.objects.filter(person=person)
        .select_related("responsible", "decided_by", "resumed_by", "requested_by", "enrolment")
        .order_by("-start_date", "-pk")
    )
    interruptions = list(
        Interruption.objects.filter(person=person)
        .select_related("jobcenter_contact", "decided_by", "opened_by")
        .order_by("-opened_at")
    )
    open_interruption = next((i for i in interruptions if i.is_open), None)
    decided = next((i for i in interruptions if i.status == InterruptionStatus.DECIDED), None)
    mentors = list(MentorAssignment.objects.filter(person=person).order_by("-start_date", "-pk"))
    current_mentors = [m for m in mentors if m.end_date is None or m.end_date >= today]
    past_mentors = [m for m in mentors if m.end_date is not None and m.end_date < today]
    housing = HousingPlan.objects.filter(person=person).select_related("updated_by").first()
    housing_deadline = housing_move_deadline(current) if current else None
    housing_late = bool(
        housing
        and housing.move_needed
        and housing_deadline
        and (housing.planned_move_date is None or housing.planned_move_date > housing_deadline)
    )
    can_edit = permissions.can(user, Action.EDIT_TRANSITIONS, person)
    can_approve = permissions.can(user, Action.APPROVE_PAUSE, person)
    active_pause = next((p for p in pauses if p.is_active), None)
    scheduled_pause = next((p for p in pauses if p.is_scheduled), None)
    return {
        "pathway_today": today,
        "pathway_enrolment": current,
        "pathway_limit": completion_limit(limit_enrolment, today),
        "pathway_limit_enrolment": limit_enrolment,
        "pathway_pauses": pauses,
        "pathway_active_pause": active_pause,
        "pathway_scheduled_pause": scheduled_pause,
        "pathway_open_pause": next((p for p in pauses if p.status in PAUSE_OPEN_STATUSES), None),
        "pathway_interruption": open_interruption,
        "pathway_decided_interruption": decided,
        "pathway_interruptions": interruptions,
        "pathway_current_mentors": current_mentors,
        "pathway_past_mentors": past_mentors,
        "pathway_housing": housing,
        "pathway_housing_current": HousingSituation(person.housing_situation).label
        if person.housing_situation
        else "",
        "pathway_housing_deadline": housing_deadline,
        "pathway_housing_late": housing_late,
        "pathway_housing_margin_days": HOUSING_WATCH_MARGIN_DAYS,
        "pathway_can_edit": can_edit,
        "pathway_can_approve": can_approve,
        "pathway_can_add_mentor": permissions.can(user, Action.EDIT_PERSON, person),
    }


def pause_status_for(*, person_ids) -> dict[int, str]:
    """Short Danish pause status per person (for the status-meeting agenda), e.g.
    "Pause til 01.03.2027 – praktik i Netto". Persons without a pause are left out.
    Runs two queries whatever the number of persons."""
    ids = list(person_ids)
    if not ids:
        return {}
    today = timezone.localdate()
    rows = (
        Pause.objects.filter(person_id__in=ids, status__in=PAUSE_OPEN_STATUSES)
        .order_by("person_id", "-status", "-start_date")  # "requested" sorts before "approved"
        .only(
            "person_id",
            "status",
            "start_date",
            "planned_return_date",
            "activity_kind",
            "activity_description",
        )
    )
    out: dict[int, str] = {}
    for pause in rows:
        if pause.person_id in out and pause.status != PauseStatus.APPROVED:
            continue
        if pause.status == PauseStatus.APPROVED:
            activity = (
                f"{pause.get_activity_kind_display().lower()}: {pause.activity_description.strip()}"
                if pause.has_activity
                else _("ingen planlagt aktivitet")
            )
            if len(activity) > 90:
                activity = activity[:87].rstrip() + "…"
            if pause.start_date > today:
                text = _("Pause godkendt fra %(s)s til %(d)s – %(a)s") % {
                    "s": short_date(pause.start_date),
                    "d": short_date(pause.planned_return_date),
                    "a": activity,
                }
            elif pause.planned_return_date < today:
                text = _("På pause – skulle være vendt tilbage %(d)s (%(a)s)") % {
                    "d": short_date(pause.planned_return_date),
                    "a": activity,
                }
            else:
                text = _("Pause til %(d)s – %(a)s") % {
                    "d": short_date(pause.planned_return_date),
                    "a": activity,
                }
            out[pause.person_id] = text
        elif pause.person_id not in out:
            out[pause.person_id] = _("Pause anmodet fra %(s)s til %(d)s – afventer godkendelse") % {
                "s": short_date(pause.start_date),
                "d": short_date(pause.planned_return_date),
            }
    # Enrolments marked paused with no approved pause on record (e.g. set in the admin).
    orphans = (
        Enrolment.objects.paused()
        .filter(person_id__in=ids)
        .exclude(
            Exists(Pause.objects.filter(enrolment=OuterRef("pk"), status=PauseStatus.APPROVED))
        )
        .values_list("person_id", flat=True)
    )
    for person_id in orphans:
        out[person_id] = _("På pause – ingen godkendt pause med planlagt aktivitet registreret")
    return out
