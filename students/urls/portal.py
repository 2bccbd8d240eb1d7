"""``portal:*`` URLs under /portal/: the institution portal (absence reporting)."""

from django.urls import path

from students.views import absence as views

app_name = "portal"

urlpatterns = [
    path("", views.portal_home, name="home"),
    path("<int:institution_pk>/", views.institution_home, name="institution"),
    path(
        "<int:institution_pk>/fravaer/<str:period_key>/",
        views.period_report,
        name="period",
    ),
    path(
        "<int:institution_pk>/fravaer/<str:period_key>/upload/",
        views.period_upload,
        name="upload",
    ),
    path(
        "<int:institution_pk>/fravaer/<str:period_key>/skabelon.csv",
        views.period_template,
        name="template",
    ),
    path(
        "<int:institution_pk>/rettelse/<int:report_pk>/",
        views.report_correct,
        name="correct",
    ),
]
