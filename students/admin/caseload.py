"""Admin for the changes of contact person: case data (``CaseDataAdmin``), written by the
handover and the person's edit page, read-only here."""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from students.models import ContactPersonChange


@admin.register(ContactPersonChange)
class ContactPersonChangeAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = ("person", "from_user", "to_user", "changed_on", "changed_by")
    list_filter = ("changed_on",)
    list_select_related = ("person", "from_user", "to_user", "changed_by")
