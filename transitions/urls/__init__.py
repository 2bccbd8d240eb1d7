"""``transitions:*`` URLs under /overgange/, one module per area."""

from django.urls import path

from transitions.views import person

from . import exit, internships, lifecycle, meetings, money, pathway

app_name = "transitions"

urlpatterns = [
    path("unge/<int:pk>/", person.person_overview, name="person"),
    *meetings.urlpatterns,
    *pathway.urlpatterns,
    *lifecycle.urlpatterns,
    *exit.urlpatterns,
    *internships.urlpatterns,
    *money.urlpatterns,
]
