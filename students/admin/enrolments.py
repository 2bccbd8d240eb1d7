"""Admin for enrolments: case data (``CaseDataAdmin``). A new enrolment starts, and an open
one ends, only through the services, so the institution's access follows."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin, CaseDataInline
from students.models import Enrolment
from students.services import enrolments as enrolment_services


class EnrolmentInline(CaseDataInline):
    model = Enrolment
    fields = ("institution", "start_date", "planned_end_date", "status", "end_date")


class EnrolmentAddForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["person", "institution", "start_date", "hours_per_year"]


@admin.register(Enrolment)
class EnrolmentAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = ("person", "institution", "start_date", "planned_end_date", "status")
    list_filter = ("status", "institution")
    list_select_related = ("person", "institution")
    raw_id_fields = ("person",)
    actions = ["end_completed", "end_dropped_out"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = EnrolmentAddForm
        return super().get_form(request, obj, **kwargs)

    def create_through_service(self, request, form):
        return enrolment_services.enrolment_start(
            person=form.cleaned_data["person"],
            institution=form.cleaned_data["institution"],
            start_date=form.cleaned_data["start_date"],
            hours_per_year=form.cleaned_data["hours_per_year"],
        )

    def _end(self, request, queryset, status, reason):
        for enrolment in queryset.open():
            enrolment_services.enrolment_end(
                enrolment=enrolment,
                status=status,
                end_date=timezone.localdate(),
                reason=str(reason),
            )

    def has_end_permission(self, request):
        """Ending enrolments from the list (through the service): who may change them."""
        return request.user.has_perm("students.change_enrolment")

    @admin.action(
        description=_("Afslut markerede forløb som gennemført (i dag)"), permissions=["end"]
    )
    def end_completed(self, request, queryset):
        self._end(request, queryset, "completed", _("Afsluttet af administrator"))

    @admin.action(description=_("Afslut markerede forløb som afbrudt (i dag)"), permissions=["end"])
    def end_dropped_out(self, request, queryset):
        self._end(request, queryset, "dropped_out", _("Afbrudt af administrator"))
