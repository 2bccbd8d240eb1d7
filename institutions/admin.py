from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from stu_case.accounts.services import user_sync_memberships

from . import services
from .forms import QualityAgreementAdminForm
from .models import (
    Accommodation,
    Institution,
    InstitutionMembership,
    InternshipPlace,
    QualityAgreement,
    QualityReview,
    QualityReviewItem,
    QualityStandard,
    TargetGroup,
    Trade,
)


class MembershipInline(admin.TabularInline):
    model = InstitutionMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)

    def has_delete_permission(self, request, obj=None):
        return False  # retired (is_active), never deleted: institutions refer to it


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "cvr", "kind", "city", "capacity", "price_per_year", "is_active")
    list_filter = ("kind", "is_active", "target_groups")
    search_fields = ("name", "cvr", "city")
    filter_horizontal = ("target_groups",)
    formfield_overrides = {  # noqa: RUF012 - Django's admin API
        models.URLField: {"assume_scheme": "https"},
    }
    inlines = [MembershipInline]
    actions = ["deactivate"]
    fieldsets = (
        (None, {"fields": ("name", "cvr", "kind", "is_active")}),
        (
            _("Kontakt"),
            {
                "fields": (
                    "address",
                    "postal_code",
                    "city",
                    "contact_name",
                    "phone",
                    "email",
                    "website",
                )
            },
        ),
        (
            _("Tilbud"),
            {"fields": ("target_groups", "offer_description", "capacity", "price_per_year")},
        ),
    )

    @admin.action(description=_("Deaktivér de markerede institutioner"), permissions=["change"])
    def deactivate(self, request, queryset):
        for institution in queryset.filter(is_active=True):
            services.institution_deactivate(institution=institution)
        self.message_user(request, _("Institutionerne er deaktiveret."), messages.SUCCESS)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivated, never deleted

    def save_related(self, request, form, formsets, change):
        before = (
            set(form.instance.memberships.values_list("user_id", flat=True)) if change else set()
        )
        super().save_related(request, form, formsets, change)
        after = set(form.instance.memberships.values_list("user_id", flat=True))
        from django.contrib.auth import get_user_model

        for user in get_user_model().objects.filter(pk__in=before | after):
            user_sync_memberships(user=user)


@admin.register(InstitutionMembership)
class InstitutionMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "institution", "role_title")
    list_select_related = ("user", "institution")
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        user_sync_memberships(user=obj.user)

    def delete_model(self, request, obj):
        user = obj.user
        super().delete_model(request, obj)
        user_sync_memberships(user=user)

    def delete_queryset(self, request, queryset):
        users = [m.user for m in queryset.select_related("user")]
        super().delete_queryset(request, queryset)
        for user in users:
            user_sync_memberships(user=user)


@admin.register(QualityStandard)
class QualityStandardAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "municipality", "is_active")
    list_filter = ("municipality", "area", "is_active")
    search_fields = ("title", "requirement")


class ReviewItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        municipality_id = self.instance.municipality_id
        for form in self.forms:
            standard = form.cleaned_data.get("standard") if hasattr(form, "cleaned_data") else None
            if standard and municipality_id and standard.municipality_id != municipality_id:
                raise ValidationError(
                    _("“%(s)s” er en anden kommunes standard.") % {"s": standard.title}
                )


class QualityReviewItemInline(admin.TabularInline):
    model = QualityReviewItem
    formset = ReviewItemFormSet
    extra = 0
    autocomplete_fields = ("standard",)


@admin.register(QualityReview)
class QualityReviewAdmin(admin.ModelAdmin):
    list_display = (
        "institution",
        "municipality",
        "review_date",
        "result",
        "next_review_due",
        "overdue_notified_at",
    )
    list_filter = ("municipality", "result")
    list_select_related = ("institution", "municipality")
    search_fields = ("institution__name",)
    date_hierarchy = "review_date"
    raw_id_fields = ("reviewed_by",)
    readonly_fields = ("overdue_notified_at",)
    inlines = [QualityReviewItemInline]


@admin.register(QualityAgreement)
class QualityAgreementAdmin(admin.ModelAdmin):
    form = QualityAgreementAdminForm
    list_display = (
        "title",
        "kind",
        "institution",
        "valid_from",
        "valid_to",
        "reporting_frequency",
        "price_per_year",
    )
    list_filter = ("kind", "reporting_frequency", "municipalities")
    list_select_related = ("institution",)
    search_fields = ("title", "tender_reference", "institution__name")
    filter_horizontal = ("municipalities",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "kind",
                    "title",
                    "tender_reference",
                    "institution",
                    "municipalities",
                    ("valid_from", "valid_to"),
                    "price_per_year",
                )
            },
        ),
        (_("Indhold"), {"fields": ("division_of_tasks", "quality_parameters")}),
        (
            _("Proceskrav"),
            {
                "fields": (
                    "reporting_frequency",
                    "report_deadline_days",
                    "grace_days",
                    "pause_activity_requirement",
                    "other_process_requirements",
                )
            },
        ),
    )


# ---------------------------------------------------------------- internship places
class InternshipPlaceAdminForm(forms.ModelForm):
    trades = forms.MultipleChoiceField(
        label=_("Fag og brancher"),
        choices=Trade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accommodations = forms.MultipleChoiceField(
        label=_("Hensyn, stedet kan tage"),
        choices=Accommodation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InternshipPlace
        fields = "__all__"  # noqa: DJ007 - the admin edits every field


@admin.register(InternshipPlace)
class InternshipPlaceAdmin(admin.ModelAdmin):
    form = InternshipPlaceAdminForm
    list_display = (
        "company_name",
        "institution",
        "city",
        "capacity",
        "shared_with_jobcenter",
        "is_active",
    )
    list_filter = ("is_active", "shared_with_jobcenter", "institution")
    search_fields = ("company_name", "cvr", "city", "contact_name")
    list_select_related = ("institution",)
    raw_id_fields = ("institution",)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivated, never deleted: internships refer to it
