from django.contrib import admin

from stu_case.admin import CaseDataAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(CaseDataAdmin):
    """Written by the services that notify (a title may name a young person): read-only."""

    list_display = ("title", "recipient", "created_at", "read_at")
    list_filter = ("read_at",)
    search_fields = ("title", "recipient__username")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient",)
