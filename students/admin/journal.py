"""Admin for the journal: case data, written on the person page through the services (the
24-hour lock, corrections as new notes), so read-only here."""

from django.contrib import admin
from django.urls import reverse

from stu_case.admin import CaseDataAdmin
from students.models import JournalNote


@admin.register(JournalNote)
class JournalNoteAdmin(CaseDataAdmin):
    list_display = ("person", "occurred_on", "kind", "author", "for_institution", "created_at")
    list_filter = ("kind", "for_institution")
    list_select_related = ("person", "author")

    def case_page_url(self, obj, person_id):
        return reverse("students:detail", args=[person_id]) + f"#note-{obj.pk}"
