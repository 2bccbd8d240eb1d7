"""Admin for THE one education plan, its goals, progress notes and revisions: case data,
written on the plan pages through the services (optimistic locking, revisions), so read-only
here (``CaseDataAdmin``)."""

from django.contrib import admin
from django.urls import reverse

from stu_case.admin import CaseDataAdmin, CaseDataInline
from students.models import EducationPlan, GoalProgressNote, PlanGoal, PlanRevision


class GoalInline(CaseDataInline):
    model = PlanGoal
    fields = ("description", "owning_agency", "area", "status", "target_date")


@admin.register(EducationPlan)
class EducationPlanAdmin(CaseDataAdmin):
    case_page = "students:plan_edit"
    list_display = ("person", "version", "next_revision_due", "updated_at")
    search_fields = ("person__first_name", "person__last_name")
    list_select_related = ("person",)
    inlines = [GoalInline]


@admin.register(PlanGoal)
class PlanGoalAdmin(CaseDataAdmin):
    list_display = ("description", "plan", "owning_agency", "status", "target_date")
    list_filter = ("owning_agency", "status", "area")
    list_select_related = ("plan__person",)

    def case_page_url(self, obj, person_id):
        return reverse("students:goal_edit", args=[person_id, obj.pk])


@admin.register(GoalProgressNote)
class GoalProgressNoteAdmin(CaseDataAdmin):
    list_display = ("goal", "noted_on", "author")
    list_select_related = ("goal", "author")

    def case_page_url(self, obj, person_id):
        return reverse("students:goal_note", args=[person_id, obj.goal_id])


@admin.register(PlanRevision)
class PlanRevisionAdmin(CaseDataAdmin):
    case_page = "students:plan_edit"
    list_display = ("plan", "number", "created_at", "created_by", "reason")
    list_select_related = ("plan__person", "created_by")
