"""admin: internships. A young person's internship profile and internships are case data,
written on their internship page (``CaseDataAdmin``); the places are the institutions' lookup
data (``institutions.admin``)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from institutions.models import Accommodation, Trade
from stu_case.admin import CaseDataAdmin
from transitions.models.internships import Internship, InternshipProfile


class InternshipProfileAdminForm(forms.ModelForm):
    trades = forms.MultipleChoiceField(
        label=_("Interesser: fag og brancher"),
        choices=Trade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accommodations = forms.MultipleChoiceField(
        label=_("Hensyn, den unge har brug for"),
        choices=Accommodation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InternshipProfile
        fields = "__all__"  # noqa: DJ007 - the admin edits every field


@admin.register(InternshipProfile)
class InternshipProfileAdmin(CaseDataAdmin):
    case_page = "transitions:internship_profile"
    form = InternshipProfileAdminForm
    list_display = ("person", "updated_at", "updated_by")
    search_fields = ("person__first_name", "person__last_name")
    raw_id_fields = ("person", "updated_by")
    list_select_related = ("person", "updated_by")


@admin.register(Internship)
class InternshipAdmin(CaseDataAdmin):
    case_page = "transitions:internship_person"
    list_display = ("person", "workplace", "stage", "purpose", "start_date", "end_date", "status")
    list_filter = ("status", "stage", "purpose")
    search_fields = (
        "person__first_name",
        "person__last_name",
        "company_name",
        "place__company_name",
    )
    raw_id_fields = ("person", "place", "created_by", "evaluated_by")
    list_select_related = ("person", "place")
    date_hierarchy = "start_date"

    @admin.display(description=_("praktiksted"))
    def workplace(self, obj):
        return obj.workplace_name
