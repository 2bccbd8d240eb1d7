"""URLs: the enrolment's life. Included by transitions/urls/__init__.py."""

from django.urls import path

from transitions.views import lifecycle as views

urlpatterns: list = [
    path("unge/<int:pk>/forloeb/gennemfoert/", views.complete, name="lifecycle_complete"),
    path("unge/<int:pk>/forloeb/skift/", views.transfer, name="lifecycle_transfer"),
    path("unge/<int:pk>/forloeb/slutdato/", views.planned_end, name="lifecycle_planned_end"),
    path("unge/<int:pk>/forloeb/afklaring/", views.clarification, name="lifecycle_clarification"),
    path(
        "unge/<int:pk>/forloeb/anden-uddannelse/",
        views.education_elsewhere,
        name="lifecycle_education",
    ),
]
