"""URLs: exit. Included by transitions/urls/__init__.py."""

from django.urls import path

from transitions.views import exit as views

urlpatterns: list = [
    path("unge/<int:pk>/jobcenter/", views.involvement_edit, name="exit_involvement"),
    path("unge/<int:pk>/udslusning/opgaver/ny/", views.task_edit, name="exit_task_create"),
    path("unge/<int:pk>/udslusning/opgaver/<int:task_id>/", views.task_edit, name="exit_task_edit"),
    path(
        "unge/<int:pk>/udslusning/opgaver/<int:task_id>/udfoert/",
        views.task_done,
        name="exit_task_done",
    ),
    path(
        "unge/<int:pk>/afslutningssamtale/",
        views.end_conversation_edit,
        name="exit_end_conversation",
    ),
    path("unge/<int:pk>/udslusningsplan/", views.plan_edit, name="exit_plan"),
    path("unge/<int:pk>/funktionsbeskrivelse/", views.fd_edit, name="exit_fd_edit"),
    path(
        "unge/<int:pk>/funktionsbeskrivelse/overdrag/",
        views.fd_handover,
        name="exit_fd_handover",
    ),
    path(
        "unge/<int:pk>/funktionsbeskrivelse/overdragelser/<int:handover_id>.pdf",
        views.fd_pdf,
        name="exit_fd_pdf",
    ),
    path(
        "unge/<int:pk>/opfoelgning/<int:follow_up_id>/",
        views.follow_up_edit,
        name="exit_follow_up",
    ),
    path("udslusning/statistik/", views.statistics, name="exit_statistics"),
]
