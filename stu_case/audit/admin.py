from datetime import UTC

from defusedcsv import csv
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pghistory.admin import EventsAdmin

from stu_case.admin import CASE_SUBJECT, CaseDataAdmin

from .models import AccessAction, AccessLog
from .services import access_log_write

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

    def has_export_permission(self, request):
        return request.user.has_perm("audit.view_accesslog")

    @admin.action(description=_("Eksportér markerede rækker som CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        self.log_export(request, queryset, purpose=_("Eksport af adgangslog (administration)"))
        return export_access_log_csv(queryset)


def _person_of_event(event) -> int | None:
    """The young person a change-history event is about, when the event says so itself."""
    if event.pgh_obj_model == CASE_SUBJECT and event.pgh_obj_id:
        return int(event.pgh_obj_id)
    data = event.pgh_data or {}
    person = data.get("person_id", data.get("person"))
    return person if isinstance(person, int) else None


class ChangeHistoryAdmin(EventsAdmin):
    """pghistory's change history (``PGHISTORY_ADMIN_CLASS``): read-only like case data, and
    opening an event, which shows old values of person data, writes an access-log row."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        event = self.get_object(request, unquote(object_id)) if object_id else None
        if event is not None and request.method == "GET":
            access_log_write(
                request=request,
                person_ids=[_person_of_event(event)],
                action=AccessAction.VIEW,
                purpose=CaseDataAdmin.audit_purpose,
                details=f"{event.pgh_model} {event.pgh_id}",
            )
        return super().change_view(request, object_id, form_url, extra_context)
