"""admin: status meetings.

Administrators edit each municipal team's rhythm (frequency, when requests go out, reminder
delay). Meetings, requests, answers, items and actions are written through the meeting pages
and services; here they are case data, shown read-only (``CaseDataAdmin``).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin
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


class _MeetingCaseAdmin(CaseDataAdmin):
    """A row about one young person links to their transitions page, the others to the
    meeting's page (where the meeting is changed)."""

    audit_purpose = _("Statusmøde-data vist i administrationen")
    case_page = "transitions:person"

    def case_page_url(self, obj, person_id):
        if person_id is not None:
            return super().case_page_url(obj, person_id)
        meeting_id = getattr(obj, "meeting_id", None) or (
            obj.pk if isinstance(obj, StatusMeeting) else None
        )
        if meeting_id:
            return reverse("transitions:meeting_detail", args=[meeting_id])
        return reverse("transitions:meeting_list")


@admin.register(StatusMeeting)
class StatusMeetingAdmin(_MeetingCaseAdmin):
    list_display = ("__str__", "municipality", "status", "place", "requests_sent_at")
    list_filter = ("status", "municipality")
    date_hierarchy = "starts_at"


@admin.register(StatusRequest)
class StatusRequestAdmin(_MeetingCaseAdmin):
    list_display = ("meeting", "institution", "deadline", "sent_at", "reminded_at", "answered_at")
    list_filter = ("institution",)
    list_select_related = ("meeting", "institution")


@admin.register(StatusAnswer)
class StatusAnswerAdmin(_MeetingCaseAdmin):
    list_display = ("person", "request", "wellbeing", "answered_at")
    list_select_related = ("person", "request__meeting", "request__institution")


@admin.register(MeetingItem)
class MeetingItemAdmin(_MeetingCaseAdmin):
    list_display = ("meeting", "position", "person", "discussed_at")
    list_select_related = ("meeting", "person")


@admin.register(MeetingAction)
class MeetingActionAdmin(_MeetingCaseAdmin):
    list_display = ("description", "person", "responsible", "deadline", "status")
    list_filter = ("status",)
    list_select_related = ("person", "responsible", "meeting")


@admin.register(StatusMeetingGapNotice)
class StatusMeetingGapNoticeAdmin(_MeetingCaseAdmin):
    list_display = ("municipality", "period_start", "period_end", "notified_at")
