"""``visitation:*`` URLs under /visitation/, one module per area."""

from django.urls import path

from visitation.views import person

from . import clarification, committee, decisions, recommendations

app_name = "visitation"

urlpatterns = [
    path("ung/<int:pk>/", person.person_case, name="person"),
    *clarification.urlpatterns,
    *recommendations.urlpatterns,
    *committee.urlpatterns,
    *decisions.urlpatterns,
]
