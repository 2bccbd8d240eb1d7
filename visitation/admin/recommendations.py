"""Admin: recommendations, case data (``CaseDataAdmin``): written on the person's visitation
page through the services (sign-offs, the committee's agenda)."""

from django.contrib import admin

from stu_case.admin import CaseDataAdmin
from visitation.models.recommendations import Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(CaseDataAdmin):
    case_page = "visitation:person"
    list_display = ("person", "status", "recommended_by", "proposed_institution", "created_at")
    list_filter = ("status",)
    list_select_related = ("person", "recommended_by", "proposed_institution")
