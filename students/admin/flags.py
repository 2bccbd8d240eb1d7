"""Admin for flags: case data, raised and resolved by the jobs and acknowledged on the person
page (``CaseDataAdmin``)."""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from students.models import Flag


@admin.register(Flag)
class FlagAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = ("person", "kind", "severity", "raised_at", "acknowledged_at", "resolved_at")
    list_filter = ("kind", "severity", "resolved_at")
    list_select_related = ("person",)
