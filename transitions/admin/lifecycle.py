"""admin: the enrolment's life. Its events are case data: they are registered on the
person's transitions page through the services, so the admin only shows them."""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from transitions.models.lifecycle import LifecycleEvent


@admin.register(LifecycleEvent)
class LifecycleEventAdmin(CaseDataAdmin):
    case_page = "transitions:person"
    list_display = ("person", "kind", "event_date", "status")
    list_filter = ("kind", "status")
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "enrolment", "new_enrolment", "to_institution", "created_by")
    date_hierarchy = "event_date"
