"""Admin: the committee and its members (lookup data, editable; the composition rules hold);
meetings, agenda items and access grants are case data (``CaseDataAdmin``), written on the
committee's meeting pages.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse

from stu_case.admin import CaseDataAdmin
from visitation.models.committee import (
    AgendaItem,
    Committee,
    CommitteeAccessGrant,
    CommitteeMember,
    Meeting,
)
from visitation.services import committee as services


class CommitteeMemberFormSet(BaseInlineFormSet):
    """The committee as a whole must have voting members from the administration and the
    jobcenter; each row is checked by ``CommitteeMember.clean`` (institution staff, UU …)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        members = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            members.append(form.instance)
        problems = self.instance.composition_problems(members=members)
        if problems:
            raise ValidationError(problems)


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    formset = CommitteeMemberFormSet
    extra = 1
    fields = ("user", "represents", "kind", "is_chair", "is_active")
    # A user id field with a lookup, not the autocomplete select: Django renders that select
    # without a valid empty first option, which the Nu Html Checker refuses.
    raw_id_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "access_days_after_decision")
    inlines = [CommitteeMemberInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Members who joined get access to the open agenda items, members who left lose it.
        services.committee_sync_access(committee=form.instance)


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "committee", "represents", "kind", "is_chair", "is_active")
    list_filter = ("committee", "kind", "represents", "is_active")
    # A user id field with a lookup, not the autocomplete select: Django renders that select
    # without a valid empty first option, which the Nu Html Checker refuses.
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.committee_sync_access(committee=obj.committee)


@admin.register(Meeting)
class MeetingAdmin(CaseDataAdmin):
    """Planned on the meetings page (the composition check), minutes written there."""

    list_display = ("__str__", "committee", "status")
    list_filter = ("committee", "status")
    fields = ("committee", "starts_at", "location", "status", "attendees", "minutes")

    def case_page_url(self, obj, person_id):
        return reverse("visitation:meeting", args=[obj.pk])


@admin.register(AgendaItem)
class AgendaItemAdmin(CaseDataAdmin):
    list_display = ("meeting", "position", "person", "decided_at", "access_until")

    def case_page_url(self, obj, person_id):
        return reverse("visitation:meeting", args=[obj.meeting_id])


@admin.register(CommitteeAccessGrant)
class CommitteeAccessGrantAdmin(CaseDataAdmin):
    case_page = "visitation:person"
    list_display = ("user", "person", "agenda_item", "granted_at", "revoked_at")
    list_filter = ("revoked_at",)
