"""Admin: the committee, its members (composition rules) and meetings; agenda items and
access grants read-only.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from visitation.admin.recommendations import _ReadOnlyAdmin
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
    autocomplete_fields = ("user",)


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
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.committee_sync_access(committee=obj.committee)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "committee", "status")
    list_filter = ("committee", "status")
    fields = ("committee", "starts_at", "location", "status", "attendees", "minutes")

    def has_add_permission(self, request):
        return False  # meetings are planned on the meetings page (composition check)


@admin.register(AgendaItem)
class AgendaItemAdmin(_ReadOnlyAdmin):
    list_display = ("meeting", "position", "person", "decided_at", "access_until")


@admin.register(CommitteeAccessGrant)
class CommitteeAccessGrantAdmin(_ReadOnlyAdmin):
    list_display = ("user", "person", "agenda_item", "granted_at", "revoked_at")
    list_filter = ("revoked_at",)
