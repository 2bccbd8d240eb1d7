"""Admin: final year and exit (issue 4).

Administrators edit the thresholds (``ExitRule``) and the functional-description templates
(sections with headings and guidance, one active per municipality or global). Case data is
read-only here and opening a record is logged like a case view; it is written through the
services on the young person's transitions page.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
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


class _CaseReadOnlyAdmin(admin.ModelAdmin):
    audit_purpose = _("Visning i administrationen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and getattr(obj, "person_id", None):
            access_log_write(
                request=request,
                person_ids=[obj.person_id],
                action=AccessAction.VIEW,
                purpose=self.audit_purpose,
                details=f"{self.model._meta.verbose_name} {obj.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(JobcenterInvolvement)
class JobcenterInvolvementAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "contact", "role", "activated_at")
    list_filter = ("role",)
    list_select_related = ("person", "contact")


@admin.register(ExitTask)
class ExitTaskAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "title", "agency", "responsible", "due_date", "done_at")
    list_filter = ("kind", "agency")
    list_select_related = ("person", "responsible")


@admin.register(EndConversation)
class EndConversationAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "scheduled_on", "held")
    list_select_related = ("person",)


@admin.register(ExitPlan)
class ExitPlanAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "expected_destination", "handover_meeting_on", "updated_at")
    list_filter = ("expected_destination",)
    list_select_related = ("person",)


@admin.register(FunctionalDescription)
class FunctionalDescriptionAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "template", "version", "updated_at")
    list_select_related = ("person", "template")


@admin.register(FunctionalDescriptionHandover)
class FunctionalDescriptionHandoverAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "handed_over_by", "handed_over_to", "handed_over_at", "version")
    list_select_related = ("person", "handed_over_by", "handed_over_to")
    exclude = ("pdf",)


@admin.register(FollowUp)
class FollowUpAdmin(_CaseReadOnlyAdmin):
    list_display = ("person", "months", "due_on", "destination", "recorded_on")
    list_filter = ("months", "destination")
    list_select_related = ("person",)
