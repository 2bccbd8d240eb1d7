"""Admin for the absence rule per municipality (lookup data, editable), absence reports (with
corrections) and reminders (case data, read-only: ``CaseDataAdmin``)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin, CaseDataInline
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


class AbsenceReportCorrectionInline(CaseDataInline):
    model = AbsenceReportCorrection
    fields = ("corrected_at", "corrected_by", "reason", "before", "after")


@admin.register(AbsenceReport)
class AbsenceReportAdmin(CaseDataAdmin):
    """Reports are submitted in the portal and corrected through its correction path, which
    keeps the history."""

    audit_purpose = _("Fraværsindberetning vist i administrationen")
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

    def case_page_url(self, obj, person_id):
        return reverse("portal:correct", args=[obj.enrolment.institution_id, obj.pk])


@admin.register(AbsenceReminder)
class AbsenceReminderAdmin(CaseDataAdmin):
    """Sent by the missing-reports job; the row is its claim on the period."""

    list_display = ("institution", "period_start", "period_end", "missing_count", "sent_at")
    list_filter = ("institution",)
