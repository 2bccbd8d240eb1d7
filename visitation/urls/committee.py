"""URLs: the committee's meetings, agenda and minutes. Included by visitation/urls/__init__.py."""

from django.urls import path

from visitation.views import committee as views

urlpatterns: list = [
    path("moeder/", views.meetings, name="meetings"),
    path("moeder/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("moeder/<int:meeting_id>/referat/", views.meeting_minutes, name="minutes"),
    path(
        "moeder/<int:meeting_id>/punkt/<int:item_id>/fjern/",
        views.agenda_remove,
        name="agenda_remove",
    ),
]
