"""admin: pathway (issue 4). Lifecycle writes (approve, resume, decide) go through the services
on the person's transitions page; the admin is for administrators' corrections."""

from django.contrib import admin

from transitions.models.pathway import HousingPlan, Interruption, Pause


@admin.register(Pause)
class PauseAdmin(admin.ModelAdmin):
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
class InterruptionAdmin(admin.ModelAdmin):
    list_display = ("person", "status", "plan_adjusted_on", "meeting_held_on", "decision_date")
    list_filter = ("status",)
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "enrolment", "opened_by", "jobcenter_contact", "decided_by")


@admin.register(HousingPlan)
class HousingPlanAdmin(admin.ModelAdmin):
    list_display = ("person", "move_needed", "target_situation", "planned_move_date")
    list_filter = ("move_needed", "target_situation")
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "updated_by")
