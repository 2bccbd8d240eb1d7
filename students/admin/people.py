"""Admin for the young person, relatives, consent, mentors and the person's object permissions.

Administrators use the Django admin for every model. Lifecycle writes go through services.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.admin import export_access_log_csv
from stu_case.audit.models import AccessAction, AccessLog
from stu_case.audit.services import access_log_write
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


class RelativeInline(admin.TabularInline):
    model = Relative
    extra = 0


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
        created = people_services.young_person_create(
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
