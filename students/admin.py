"""Administrators use the Django admin for every model. Lifecycle writes go through services."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.admin import export_access_log_csv
from stu_case.audit.models import AccessAction, AccessLog
from stu_case.audit.services import access_log_write

from . import cpr as cprlib
from . import services
from .models import (
    AbsenceReminder,
    AbsenceReport,
    AbsenceReportCorrection,
    AbsenceRule,
    EducationPlan,
    Enrolment,
    Flag,
    GoalProgressNote,
    MentorAssignment,
    ParentalConsent,
    PlanGoal,
    PlanRevision,
    Relative,
    YoungPerson,
    YoungPersonGroupObjectPermission,
    YoungPersonUserObjectPermission,
)


class YoungPersonAdminForm(forms.ModelForm):
    cpr_input = forms.CharField(
        label=_("CPR-nummer"), max_length=11, required=False, help_text=_("Kun ved oprettelse.")
    )

    class Meta:
        model = YoungPerson
        fields = [
            "municipality",
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "status",
            "contact_person",
            "school",
            "housing_situation",
            "social_notes",
        ]

    def clean_cpr_input(self):
        value = self.cleaned_data.get("cpr_input", "")
        if self.instance.pk is None:
            return cprlib.validate(value)
        return value

    def _post_clean(self):
        if self.instance.pk is None and self.cleaned_data.get("cpr_input"):
            self.instance.set_cpr(self.cleaned_data["cpr_input"])
        super()._post_clean()


class RelativeInline(admin.TabularInline):
    model = Relative
    extra = 0


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(YoungPerson)
class YoungPersonAdmin(admin.ModelAdmin):
    form = YoungPersonAdminForm
    list_display = ("full_name", "municipality", "status", "contact_person", "masked_cpr")
    list_filter = ("municipality", "status")
    search_fields = ("first_name", "last_name")
    list_select_related = ("municipality", "contact_person")
    raw_id_fields = ("contact_person",)
    inlines = [RelativeInline, EnrolmentInline]
    actions = ["export_access_log"]
    readonly_fields = ("masked_cpr", "birth_date")

    @admin.display(description=_("CPR-nummer"))
    def masked_cpr(self, obj):
        return obj.cpr_masked

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = {
            f: form.cleaned_data.get(f)
            for f in ("email", "phone", "address", "school", "housing_situation", "social_notes")
            if form.cleaned_data.get(f) is not None
        }
        created = services.young_person_create(
            municipality=form.cleaned_data["municipality"],
            cpr=form.cleaned_data["cpr_input"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            contact_person=form.cleaned_data.get("contact_person"),
            status=form.cleaned_data["status"],
            created_by=request.user,
            **data,
        )
        obj.pk = created.pk
        obj._state.adding = False

    @admin.action(description=_("Eksportér adgangsloggen for de markerede unge (CSV)"))
    def export_access_log(self, request, queryset):
        access_log_write(
            request=request,
            person_ids=list(queryset.values_list("pk", flat=True)),
            action=AccessAction.EXPORT,
            purpose=_("Eksport af adgangslog (administration)"),
        )
        return export_access_log_csv(AccessLog.objects.filter(person__in=queryset))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The admin is audited like the case pages: opening a person is a read of person data.
        if (
            object_id
            and str(object_id).isdigit()
            and YoungPerson.objects.filter(pk=object_id).exists()
        ):
            access_log_write(
                request=request,
                person_ids=[int(object_id)],
                action=AccessAction.VIEW,
                purpose=_("Visning i administrationen"),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_search_results(self, request, queryset, search_term):
        qs, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            access_log_write(
                request=request,
                person_ids=list(qs.values_list("pk", flat=True)[:200]) or [None],
                action=AccessAction.SEARCH,
                purpose=_("Søgning i administrationen"),
                details=search_term[:100],
            )
        return qs, may_have_duplicates


class GoalInline(admin.StackedInline):
    model = PlanGoal
    extra = 0
    raw_id_fields = ("created_by",)


@admin.register(EducationPlan)
class EducationPlanAdmin(admin.ModelAdmin):
    list_display = ("person", "version", "next_revision_due", "updated_at")
    search_fields = ("person__first_name", "person__last_name")
    list_select_related = ("person",)
    readonly_fields = ("version", "person")
    inlines = [GoalInline]


@admin.register(PlanGoal)
class PlanGoalAdmin(admin.ModelAdmin):
    list_display = ("description", "plan", "owning_agency", "status", "target_date")
    list_filter = ("owning_agency", "status", "area")
    list_select_related = ("plan__person",)
    raw_id_fields = ("plan", "created_by")


@admin.register(GoalProgressNote)
class GoalProgressNoteAdmin(admin.ModelAdmin):
    list_display = ("goal", "noted_on", "author")
    raw_id_fields = ("goal", "author")


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "created_at", "created_by", "reason")
    list_select_related = ("plan__person", "created_by")
    readonly_fields = [f.name for f in PlanRevision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Relative)
class RelativeAdmin(admin.ModelAdmin):
    list_display = ("name", "relation", "person", "involvement")
    list_filter = ("relation", "involvement")
    raw_id_fields = ("person",)


@admin.register(ParentalConsent)
class ParentalConsentAdmin(admin.ModelAdmin):
    list_display = ("person", "involve_parents", "given_on", "withdrawn_on")
    raw_id_fields = ("person", "recorded_by")


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "person", "start_date", "end_date")
    raw_id_fields = ("person",)


class EnrolmentAddForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["person", "institution", "start_date", "hours_per_year"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("person", "institution", "start_date", "planned_end_date", "status")
    list_filter = ("status", "institution")
    list_select_related = ("person", "institution")
    raw_id_fields = ("person",)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = EnrolmentAddForm
        return super().get_form(request, obj, **kwargs)

    actions = ["end_completed", "end_dropped_out"]

    def get_readonly_fields(self, request, obj=None):
        # Status and end are changed through the lifecycle actions, which also revoke access.
        return ("person", "institution", "status", "end_date", "end_reason") if obj else ()

    def _end(self, request, queryset, status, reason):
        from django.utils import timezone

        for enrolment in queryset.filter(status__in=["active", "paused"]):
            services.enrolment_end(
                enrolment=enrolment,
                status=status,
                end_date=timezone.localdate(),
                reason=str(reason),
            )

    @admin.action(description=_("Afslut markerede forløb som gennemført (i dag)"))
    def end_completed(self, request, queryset):
        self._end(request, queryset, "completed", _("Afsluttet af administrator"))

    @admin.action(description=_("Afslut markerede forløb som afbrudt (i dag)"))
    def end_dropped_out(self, request, queryset):
        self._end(request, queryset, "dropped_out", _("Afbrudt af administrator"))

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.enrolment_start(
            person=form.cleaned_data["person"],
            institution=form.cleaned_data["institution"],
            start_date=form.cleaned_data["start_date"],
            hours_per_year=form.cleaned_data["hours_per_year"],
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "severity", "raised_at", "acknowledged_at", "resolved_at")
    list_filter = ("kind", "severity", "resolved_at")
    list_select_related = ("person",)
    raw_id_fields = ("person", "acknowledged_by", "resolved_by")


class _ObjectPermissionAdmin(admin.ModelAdmin):
    """Read-only: object permissions are granted and revoked by services only."""

    list_display = ("content_object", "permission")
    list_select_related = ("content_object", "permission")
    raw_id_fields = ("content_object",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(YoungPersonGroupObjectPermission)
class YoungPersonGroupObjectPermissionAdmin(_ObjectPermissionAdmin):
    list_display = ("content_object", "group", "permission")
    list_filter = ("permission",)


@admin.register(YoungPersonUserObjectPermission)
class YoungPersonUserObjectPermissionAdmin(_ObjectPermissionAdmin):
    list_display = ("content_object", "user", "permission")
    list_filter = ("permission",)


# ---------------------------------------------------------------- absence (issue 5)


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
