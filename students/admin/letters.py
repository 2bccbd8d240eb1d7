"""Admin for letters: the templates per kind are lookup data an administrator maintains (the
Danish text blocks with the legal content); the letters themselves are case data, made and
sent by the letter service (``CaseDataAdmin``)."""

import contextlib

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin
from students.models.letters import Letter, LetterKind, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind_label", "municipality", "title", "updated_at")
    list_filter = ("municipality",)
    fieldsets = (
        (None, {"fields": ("kind", "municipality", "title")}),
        (
            _("Resumé øverst i brevet (klart sprog)"),
            {
                "fields": ("summary_decided", "summary_meaning", "summary_action"),
                "description": _(
                    "Navne i krøllede parenteser, fx {navn}, {kontaktperson}, {institution}, "
                    "{start}, {svarfrist}, udfyldes fra sagen."
                ),
            },
        ),
        (_("Let-læst udgave"), {"fields": ("easy_read",)}),
        (
            _("Lovgrundlag, klagevejledning og kontakt"),
            {
                "fields": (
                    "legal_basis",
                    "appeal_guidance",
                    "appeal_body",
                    "appeal_deadline_weeks",
                    "contact",
                )
            },
        ),
    )

    @admin.display(description=_("brevtype"), ordering="kind")
    def kind_label(self, obj: LetterTemplate) -> str:
        return str(LetterKind.get(obj.kind).label)

    def get_changeform_initial_data(self, request):
        """A new template starts from the kind's built-in text (``?kind=...``)."""
        initial = super().get_changeform_initial_data(request)
        with contextlib.suppress(LookupError):
            initial.update(LetterKind.get(initial.get("kind", "")).defaults)
        return initial


@admin.register(Letter)
class LetterAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = ("person", "title", "version", "status", "channel", "created_at", "sent_at")
    list_filter = ("status",)
    list_select_related = ("person",)
    exclude = ("pdf", "easy_read_pdf", "sections")
