"""Admin: appeal guidance (lookup data, editable); decisions and appeals are case data
(their letters are ``students.Letter``) (``CaseDataAdmin``), recorded on the committee's and the person's pages."""

from django.contrib import admin
from django.urls import reverse

from stu_case.admin import CaseDataAdmin
from visitation.models.decisions import Appeal, AppealGuidance, Decision


@admin.register(AppealGuidance)
class AppealGuidanceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deadline_weeks", "updated_at")


@admin.register(Decision)
class DecisionAdmin(CaseDataAdmin):
    case_page = "visitation:person"
    list_display = ("person", "outcome", "institution", "decided_on", "notified_on")
    list_filter = ("outcome",)
    list_select_related = ("person", "institution")


@admin.register(Appeal)
class AppealAdmin(CaseDataAdmin):
    list_display = ("person", "received_on", "outcome", "outcome_on")
    list_filter = ("outcome",)

    def case_page_url(self, obj, person_id):
        return reverse("visitation:appeal_edit", args=[obj.pk])
