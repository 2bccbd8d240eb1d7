"""Admin for flags."""

from django.contrib import admin

from students.models import Flag


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "severity", "raised_at", "acknowledged_at", "resolved_at")
    list_filter = ("kind", "severity", "resolved_at")
    list_select_related = ("person",)
    raw_id_fields = ("person", "acknowledged_by", "resolved_by")
