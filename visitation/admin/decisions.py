"""Admin: appeal guidance; decisions, letters and appeals read-only."""

from django.contrib import admin

from visitation.admin.recommendations import _ReadOnlyAdmin
from visitation.models.decisions import Appeal, AppealGuidance, Decision, DecisionLetter


@admin.register(AppealGuidance)
class AppealGuidanceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deadline_weeks", "updated_at")


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
