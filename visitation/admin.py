"""Administrators maintain the committee, its members, the access period and appeal guidance.

Case data (recommendations, decisions, letters) is shown read-only here: it is written through
the case pages and services, so the rules and the audit trail hold.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write

from . import services
from .models import (
    AgendaItem,
    Appeal,
    AppealGuidance,
    Committee,
    CommitteeAccessGrant,
    CommitteeMember,
    Decision,
    DecisionLetter,
    Meeting,
    Recommendation,
)


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


@admin.register(AppealGuidance)
class AppealGuidanceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deadline_weeks", "updated_at")


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Case data is read-only in the admin; opening a record is logged like a case view."""

    audit_purpose = _("Visning i administrationen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and getattr(obj, "person_id", None):
            access_log_write(
                request=request,
                person_ids=[obj.person_id],
                action=AccessAction.VIEW,
                purpose=self.audit_purpose,
                details=f"{self.model._meta.verbose_name} {obj.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Recommendation)
class RecommendationAdmin(_ReadOnlyAdmin):
    list_display = ("person", "status", "recommended_by", "proposed_institution", "created_at")
    list_filter = ("status",)
    list_select_related = ("person", "recommended_by", "proposed_institution")


@admin.register(Decision)
class DecisionAdmin(_ReadOnlyAdmin):
    list_display = ("person", "outcome", "institution", "decided_on", "notified_on")
    list_filter = ("outcome",)
    list_select_related = ("person", "institution")


@admin.register(DecisionLetter)
class DecisionLetterAdmin(_ReadOnlyAdmin):
    list_display = ("decision", "version", "generated_at", "generated_by")
    exclude = ("pdf",)


@admin.register(Appeal)
class AppealAdmin(_ReadOnlyAdmin):
    list_display = ("person", "received_on", "outcome", "outcome_on")
    list_filter = ("outcome",)


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
