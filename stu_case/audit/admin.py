import csv
from datetime import UTC

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.admin import CaseDataAdmin

from .models import AccessLog

EXPORT_HEADER = [
    "tidspunkt_utc",
    "bruger",
    "ung_id",
    "handling",
    "formaal",
    "detaljer",
    "ip",
    "request_id",
]


def export_access_log_csv(queryset) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="adgangslog-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(EXPORT_HEADER)
    for row in queryset.select_related("user").order_by("at", "id"):
        writer.writerow(
            [
                row.at.astimezone(UTC).isoformat(),
                row.user.username if row.user else "",
                row.person_id or "",
                row.get_action_display(),
                row.purpose,
                row.details,
                row.ip or "",
                row.request_id,
            ]
        )
    return response


@admin.register(AccessLog)
class AccessLogAdmin(CaseDataAdmin):
    """Who looked at whom is itself person data: reading or exporting it is logged too."""

    list_display = ("at", "user", "person_id", "action", "purpose", "ip", "request_id")
    list_filter = ("action", "at")
    search_fields = ("person__id", "user__username", "request_id", "purpose")
    date_hierarchy = "at"
    list_select_related = ("user",)
    actions = ["export_csv"]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        if search_term.isdigit():  # a young person's id: their log
            results = queryset.filter(person_id=int(search_term))
            self.log_search(request, results, search_term)
            return results, False
        return super().get_search_results(request, queryset, search_term)

    @admin.action(description=_("Eksportér markerede rækker som CSV"))
    def export_csv(self, request, queryset):
        self.log_export(request, queryset, purpose=_("Eksport af adgangslog (administration)"))
        return export_access_log_csv(queryset)
