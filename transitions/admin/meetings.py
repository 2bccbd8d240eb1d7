"""admin: status meetings (issue 4).

Administrators edit each municipal team's rhythm (frequency, when requests go out, reminder
delay). Meetings, requests, answers, items and actions are written through the meeting pages
and services; here they are shown read-only (person data is only changed where it is audited).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from transitions.models.meetings import (
    MeetingAction,
    MeetingItem,
    StatusAnswer,
    StatusMeeting,
    StatusMeetingGapNotice,
    StatusMeetingSettings,
    StatusRequest,
)


@admin.register(StatusMeetingSettings)
class StatusMeetingSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "municipality",
        "frequency_months",
        "request_lead_days",
        "answer_deadline_days",
        "reminder_after_days",
    )
    readonly_fields = ("updated_at",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening a row about a young person is a read of person data: log it."""
        obj = self.get_object(request, object_id)
        if obj is not None and getattr(obj, "person_id", None):
            access_log_write(
                request=request,
                person_ids=[obj.person_id],
                action=AccessAction.VIEW,
                purpose=_("Statusmøde-data vist i administrationen"),
                details=f"{self.model._meta.verbose_name} {obj.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(StatusMeeting)
class StatusMeetingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "municipality", "status", "place", "requests_sent_at")
    list_filter = ("status", "municipality")
    date_hierarchy = "starts_at"


@admin.register(StatusRequest)
class StatusRequestAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "institution", "deadline", "sent_at", "reminded_at", "answered_at")
    list_filter = ("institution",)
    list_select_related = ("meeting", "institution")


@admin.register(StatusAnswer)
class StatusAnswerAdmin(ReadOnlyAdmin):
    list_display = ("person", "request", "wellbeing", "answered_at")
    list_select_related = ("person", "request__meeting", "request__institution")


@admin.register(MeetingItem)
class MeetingItemAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "position", "person", "discussed_at")
    list_select_related = ("meeting", "person")


@admin.register(MeetingAction)
class MeetingActionAdmin(ReadOnlyAdmin):
    list_display = ("description", "person", "responsible", "deadline", "status")
    list_filter = ("status",)
    list_select_related = ("person", "responsible", "meeting")


@admin.register(StatusMeetingGapNotice)
class StatusMeetingGapNoticeAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "period_start", "period_end", "notified_at")
