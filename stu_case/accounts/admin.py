from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Municipality, User
from .services import user_sync_memberships


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "team_group")
    search_fields = ("name", "code")
    readonly_fields = ("team_group",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "municipality", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "municipality")
    list_select_related = ("municipality",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("STU Case"), {"fields": ("municipality", "job_title", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("STU Case"), {"fields": ("first_name", "last_name", "email", "municipality", "groups")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user_sync_memberships(user=form.instance)
