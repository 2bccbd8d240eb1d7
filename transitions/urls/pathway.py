"""URLs: pathway. Included by transitions/urls/__init__.py."""

from django.urls import path

from transitions.views import pathway as views

urlpatterns: list = [
    path("unge/<int:pk>/pause/ny/", views.pause_create, name="pause_create"),
    path("unge/<int:pk>/pause/<int:pause_id>/ret/", views.pause_edit, name="pause_edit"),
    path("unge/<int:pk>/pause/<int:pause_id>/afgoerelse/", views.pause_decide, name="pause_decide"),
    path("unge/<int:pk>/pause/<int:pause_id>/genoptag/", views.pause_resume, name="pause_resume"),
    path(
        "unge/<int:pk>/afbrydelse/trin/<int:step>/",
        views.interruption_step,
        name="interruption_step",
    ),
    path(
        "unge/<int:pk>/afbrydelse/varselsbrev/",
        views.interruption_warning_letter,
        name="interruption_warning_letter",
    ),
    path(
        "unge/<int:pk>/afbrydelse/stop/",
        views.interruption_withdraw,
        name="interruption_withdraw",
    ),
    path("unge/<int:pk>/bolig/", views.housing_edit, name="housing_edit"),
    path("unge/<int:pk>/mentor/<int:mentor_id>/afslut/", views.mentor_end, name="mentor_end"),
]
