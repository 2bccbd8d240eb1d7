"""Admin: final year and exit.

Administrators edit the thresholds (``ExitRule``) and the functional-description templates
(sections with headings and guidance, one active per municipality or global). Case data is
read-only here (``CaseDataAdmin``); it is written through the services on the young person's
transitions page.
"""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from transitions.models.exit import (
    EndConversation,
    ExitPlan,
    ExitRule,
    ExitTask,
    FollowUp,
    FunctionalDescription,
    FunctionalDescriptionHandover,
    FunctionalDescriptionTemplate,
    FunctionalDescriptionTemplateSection,
    JobcenterInvolvement,
)


@admin.register(ExitRule)
class ExitRuleAdmin(admin.ModelAdmin):
    list_display = (
        "municipality",
        "end_conversation_months_before",
        "end_conversation_flag_days",
        "default_jobcenter_contact",
        "updated_at",
    )
    raw_id_fields = ("default_jobcenter_contact",)


class SectionInline(admin.TabularInline):
    model = FunctionalDescriptionTemplateSection
    extra = 1
    fields = ("order", "heading", "guidance", "required")


@admin.register(FunctionalDescriptionTemplate)
class FunctionalDescriptionTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "is_active", "updated_at")
    list_filter = ("is_active", "municipality")
    fields = ("name", "municipality", "is_active", "introduction")
    inlines = [SectionInline]


class _ExitCaseAdmin(CaseDataAdmin):
    case_page = "transitions:person"


@admin.register(JobcenterInvolvement)
class JobcenterInvolvementAdmin(_ExitCaseAdmin):
    list_display = ("person", "contact", "role", "activated_at")
    list_filter = ("role",)
    list_select_related = ("person", "contact")


@admin.register(ExitTask)
class ExitTaskAdmin(_ExitCaseAdmin):
    list_display = ("person", "title", "agency", "responsible", "due_date", "done_at")
    list_filter = ("kind", "agency")
    list_select_related = ("person", "responsible")


@admin.register(EndConversation)
class EndConversationAdmin(_ExitCaseAdmin):
    list_display = ("person", "scheduled_on", "held")
    list_select_related = ("person",)


@admin.register(ExitPlan)
class ExitPlanAdmin(_ExitCaseAdmin):
    list_display = ("person", "expected_destination", "handover_meeting_on", "updated_at")
    list_filter = ("expected_destination",)
    list_select_related = ("person",)


@admin.register(FunctionalDescription)
class FunctionalDescriptionAdmin(_ExitCaseAdmin):
    list_display = ("person", "template", "version", "updated_at")
    list_select_related = ("person", "template")


@admin.register(FunctionalDescriptionHandover)
class FunctionalDescriptionHandoverAdmin(_ExitCaseAdmin):
    list_display = ("person", "handed_over_by", "handed_over_to", "handed_over_at", "version")
    list_select_related = ("person", "handed_over_by", "handed_over_to")
    exclude = ("pdf",)


@admin.register(FollowUp)
class FollowUpAdmin(_ExitCaseAdmin):
    list_display = ("person", "months", "due_on", "destination", "recorded_on")
    list_filter = ("months", "destination")
    list_select_related = ("person",)
