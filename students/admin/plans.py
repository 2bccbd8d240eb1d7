"""Admin for THE one education plan, its goals, progress notes and revisions."""

from django.contrib import admin

from students.models import EducationPlan, GoalProgressNote, PlanGoal, PlanRevision


class GoalInline(admin.StackedInline):
    model = PlanGoal
    extra = 0
    raw_id_fields = ("created_by",)


@admin.register(EducationPlan)
class EducationPlanAdmin(admin.ModelAdmin):
    list_display = ("person", "version", "next_revision_due", "updated_at")
    search_fields = ("person__first_name", "person__last_name")
    list_select_related = ("person",)
    readonly_fields = ("version", "person")
    inlines = [GoalInline]


@admin.register(PlanGoal)
class PlanGoalAdmin(admin.ModelAdmin):
    list_display = ("description", "plan", "owning_agency", "status", "target_date")
    list_filter = ("owning_agency", "status", "area")
    list_select_related = ("plan__person",)
    raw_id_fields = ("plan", "created_by")


@admin.register(GoalProgressNote)
class GoalProgressNoteAdmin(admin.ModelAdmin):
    list_display = ("goal", "noted_on", "author")
    raw_id_fields = ("goal", "author")


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "created_at", "created_by", "reason")
    list_select_related = ("plan__person", "created_by")
    readonly_fields = [f.name for f in PlanRevision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
