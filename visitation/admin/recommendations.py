"""Admin: recommendations, read-only (``_ReadOnlyAdmin`` is shared with the other areas)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from visitation.models.recommendations import Recommendation


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Case data is read-only in the admin; opening a record is logged like a case view."""

    audit_purpose = _("Visning i administrationen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and getattr(obj, "person_id", None):
            access_log_write(
                request=request,
                person_ids=[obj.person_id],
                action=AccessAction.VIEW,
                purpose=self.audit_purpose,
                details=f"{self.model._meta.verbose_name} {obj.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Recommendation)
class RecommendationAdmin(_ReadOnlyAdmin):
    list_display = ("person", "status", "recommended_by", "proposed_institution", "created_at")
    list_filter = ("status",)
    list_select_related = ("person", "recommended_by", "proposed_institution")
