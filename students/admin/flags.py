"""Admin for flags: case data, raised and resolved by the jobs and acknowledged on the person
page (``CaseDataAdmin``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin
from students.models import Flag, FlagKind


class FlagKindFilter(admin.SimpleListFilter):
    """Filter by kind, labelled from the kinds the apps declare."""

    title = _("type")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(str(kind), kind.label) for kind in FlagKind.declared()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Flag)
class FlagAdmin(CaseDataAdmin):
    case_page = "students:detail"
    list_display = (
        "person",
        "kind_label",
        "severity",
        "raised_at",
        "acknowledged_at",
        "resolved_at",
    )
    list_filter = (FlagKindFilter, "severity", "resolved_at")
    list_select_related = ("person",)

    @admin.display(description=_("type"), ordering="kind")
    def kind_label(self, obj: Flag) -> str:
        return obj.get_kind_display()
