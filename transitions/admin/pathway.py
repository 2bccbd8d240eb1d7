"""admin: pathway. Pauses, interruptions and housing plans are case data: their lifecycle
(approve, resume, decide, which ends the enrolment and informs the jobcenter) goes through the
services on the person's transitions page, so the admin only shows them (``CaseDataAdmin``)."""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from transitions.models.pathway import HousingPlan, Interruption, Pause


class _PathwayCaseAdmin(CaseDataAdmin):
    case_page = "transitions:person"


@admin.register(Pause)
class PauseAdmin(_PathwayCaseAdmin):
    list_display = ("person", "start_date", "planned_return_date", "activity_kind", "status")
    list_filter = ("status", "reason", "activity_kind")
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = (
        "person",
        "enrolment",
        "responsible",
        "requested_by",
        "decided_by",
        "resumed_by",
    )
    date_hierarchy = "start_date"


@admin.register(Interruption)
class InterruptionAdmin(_PathwayCaseAdmin):
    list_display = ("person", "status", "plan_adjusted_on", "meeting_held_on", "decision_date")
    list_filter = ("status",)
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "enrolment", "opened_by", "jobcenter_contact", "decided_by")


@admin.register(HousingPlan)
class HousingPlanAdmin(_PathwayCaseAdmin):
    list_display = ("person", "move_needed", "target_situation", "planned_move_date")
    list_filter = ("move_needed", "target_situation")
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "updated_by")
