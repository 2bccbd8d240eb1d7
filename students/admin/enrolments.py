"""Admin for enrolments: a new enrolment starts through the service, so access follows."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from students.models import Enrolment
from students.services import enrolments as enrolment_services


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


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

        for enrolment in queryset.open():
            enrolment_services.enrolment_end(
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
        created = enrolment_services.enrolment_start(
            person=form.cleaned_data["person"],
            institution=form.cleaned_data["institution"],
            start_date=form.cleaned_data["start_date"],
            hours_per_year=form.cleaned_data["hours_per_year"],
        )
        obj.pk = created.pk
        obj._state.adding = False
