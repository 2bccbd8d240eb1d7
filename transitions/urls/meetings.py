"""URLs: meetings. Included by transitions/urls/__init__.py."""

from django.urls import path

from transitions.views import meetings as views

urlpatterns: list = [
    path("statusmoeder/", views.meeting_list, name="meeting_list"),
    path("statusmoeder/opgaver/", views.meeting_actions, name="meeting_actions"),
    path(
        "statusmoeder/opgaver/<int:action_id>/udfoert/",
        views.meeting_action_done,
        name="meeting_action_done",
    ),
    path("statusmoeder/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("statusmoeder/<int:meeting_id>/ret/", views.meeting_edit, name="meeting_edit"),
    path("statusmoeder/<int:meeting_id>/gennemgang/", views.meeting_start, name="meeting_start"),
    path(
        "statusmoeder/<int:meeting_id>/gennemgang/<int:position>/",
        views.meeting_step,
        name="meeting_step",
    ),
    path(
        "statusmoeder/<int:meeting_id>/gennemgang/<int:position>/opgave/",
        views.meeting_action_add,
        name="meeting_action_add",
    ),
    path("statusmoeder/<int:meeting_id>/afslut/", views.meeting_close, name="meeting_close"),
    path(
        "statusmoeder/<int:meeting_id>/referat.pdf", views.meeting_minutes, name="meeting_minutes"
    ),
    path(
        "portal/<int:institution_pk>/statusanmodninger/",
        views.portal_requests,
        name="meeting_portal_requests",
    ),
    path("portal/statusanmodning/<int:pk>/", views.portal_request, name="meeting_portal_request"),
]
