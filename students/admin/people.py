"""Admin for the young person, relatives, consent, mentors and the person's object permissions.

All case data (``CaseDataAdmin``): read-only, every opening, search and export logged. A young
person can be created here, through ``young_person_create`` (plan and team access follow);
everything else is changed on the person's pages.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin, CaseDataInline
from stu_case.audit.admin import export_access_log_csv
from stu_case.audit.models import AccessLog
from students.admin.enrolments import EnrolmentInline
from students.models import (
    MentorAssignment,
    ParentalConsent,
    Relative,
    YoungPerson,
    YoungPersonGroupObjectPermission,
    YoungPersonUserObjectPermission,
)
from students.models import cpr as cprlib
from students.services import people as people_services


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


class RelativeInline(CaseDataInline):
    model = Relative
    fields = ("name", "relation", "involvement", "has_custody")


@admin.register(YoungPerson)
class YoungPersonAdmin(CaseDataAdmin):
    case_page = "students:edit"
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

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None:  # the CPR number is given once, when the person is created
            fields = [f for f in fields if f != "cpr_input"]
        return fields

    def create_through_service(self, request, form):
        data = {
            f: form.cleaned_data.get(f)
            for f in ("email", "phone", "address", "school", "housing_situation", "social_notes")
            if form.cleaned_data.get(f) is not None
        }
        return people_services.young_person_create(
            municipality=form.cleaned_data["municipality"],
            cpr=form.cleaned_data["cpr_input"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            contact_person=form.cleaned_data.get("contact_person"),
            status=form.cleaned_data["status"],
            created_by=request.user,
            **data,
        )

    def has_export_permission(self, request):
        """The access log of the selected people: who may read the access log."""
        return request.user.has_perm("audit.view_accesslog")

    @admin.action(
        description=_("Eksportér adgangsloggen for de markerede unge (CSV)"),
        permissions=["export"],
    )
    def export_access_log(self, request, queryset):
        self.log_export(request, queryset, purpose=_("Eksport af adgangslog (administration)"))
        return export_access_log_csv(AccessLog.objects.filter(person__in=queryset))


@admin.register(Relative)
class RelativeAdmin(CaseDataAdmin):
    list_display = ("name", "relation", "person", "involvement")
    list_filter = ("relation", "involvement")
    list_select_related = ("person",)

    def case_page_url(self, obj, person_id):
        return reverse("students:relative_edit", args=[person_id, obj.pk])


@admin.register(ParentalConsent)
class ParentalConsentAdmin(CaseDataAdmin):
    case_page = "students:consent"
    list_display = ("person", "involve_parents", "given_on", "withdrawn_on")
    list_select_related = ("person",)


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = ("name", "kind", "person", "start_date", "end_date")
    list_select_related = ("person",)


class _ObjectPermissionAdmin(CaseDataAdmin):
    """Object permissions are granted and revoked by the services at lifecycle events only."""

    case_page = "students:detail"
    list_select_related = ("content_object", "permission")


@admin.register(YoungPersonGroupObjectPermission)
class YoungPersonGroupObjectPermissionAdmin(_ObjectPermissionAdmin):
    list_display = ("content_object", "group", "permission")
    list_filter = ("permission",)


@admin.register(YoungPersonUserObjectPermission)
class YoungPersonUserObjectPermissionAdmin(_ObjectPermissionAdmin):
    list_display = ("content_object", "user", "permission")
    list_filter = ("permission",)
