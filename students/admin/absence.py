"""Admin for the absence rule per municipality, absence reports (with corrections) and
reminders."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from students.models import AbsenceReminder, AbsenceReport, AbsenceReportCorrection, AbsenceRule


@admin.register(AbsenceRule)
class AbsenceRuleAdmin(admin.ModelAdmin):
    """Thresholds for rising absence per municipality (see the model's docstring)."""

    list_display = (
        "municipality",
        "min_rate_pct",
        "min_rise_points",
        "baseline_periods",
        "illegal_rate_pct",
        "resolve_after_periods",
        "reporting_required_from",
    )
    fieldsets = (
        (None, {"fields": ("municipality",)}),
        (
            _("Stigende fravær"),
            {
                "description": _(
                    "Flag når fraværet i seneste periode er mindst den angivne procent OG "
                    "mindst det angivne antal procentpoint over gennemsnittet af de "
                    "foregående perioder – eller når det ulovlige fravær er mindst den "
                    "angivne procent. Flaget løses, når fraværet har ligget under tærsklerne "
                    "i det angivne antal perioder i træk."
                ),
                "fields": (
                    "min_rate_pct",
                    "min_rise_points",
                    "baseline_periods",
                    "min_baseline_periods",
                    "illegal_rate_pct",
                    "resolve_after_periods",
                ),
            },
        ),
        (
            _("Indberetning uden kvalitetsaftale"),
            {
                "fields": (
                    "default_deadline_days",
                    "default_grace_days",
                    "reporting_required_from",
                )
            },
        ),
    )


class AbsenceReportCorrectionInline(admin.TabularInline):
    model = AbsenceReportCorrection
    extra = 0
    can_delete = False
    readonly_fields = ("corrected_at", "corrected_by", "reason", "before", "after")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AbsenceReport)
class AbsenceReportAdmin(admin.ModelAdmin):
    """Read-only: reports are submitted in the portal and corrected through its correction
    path, which keeps the history."""

    list_display = (
        "enrolment",
        "period_start",
        "period_end",
        "planned_hours",
        "absent_legal",
        "absent_illegal",
        "submitted_at",
        "corrected_at",
    )
    list_filter = ("period_start", "enrolment__institution")
    list_select_related = ("enrolment__person", "enrolment__institution")
    date_hierarchy = "period_start"
    inlines = [AbsenceReportCorrectionInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in AbsenceReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        person_id = (
            AbsenceReport.objects.filter(pk=object_id)
            .values_list("enrolment__person_id", flat=True)
            .first()
            if str(object_id).isdigit()
            else None
        )
        if person_id:
            access_log_write(
                request=request,
                person_ids=[person_id],
                action=AccessAction.VIEW,
                purpose=_("Fraværsindberetning vist i administrationen"),
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AbsenceReminder)
class AbsenceReminderAdmin(admin.ModelAdmin):
    list_display = ("institution", "period_start", "period_end", "missing_count", "sent_at")
    list_filter = ("institution",)
    readonly_fields = ("institution", "period_start", "period_end", "missing_count", "sent_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
