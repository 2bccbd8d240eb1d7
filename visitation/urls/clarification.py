"""URLs: who is coming and when, and the clarification before STU. Included by
visitation/urls/__init__.py."""

from django.urls import path

from visitation.views import clarification as views

urlpatterns: list = [
    path("", views.candidates, name="candidates"),
    path("ung/<int:pk>/skole/", views.coordination_edit, name="coordination"),
    path("ung/<int:pk>/besoeg/nyt/", views.visit_edit, name="visit_create"),
    path("ung/<int:pk>/besoeg/<int:visit_id>/", views.visit_edit, name="visit_edit"),
    path("ung/<int:pk>/introforloeb/nyt/", views.intro_edit, name="intro_create"),
    path("ung/<int:pk>/introforloeb/<int:course_id>/", views.intro_edit, name="intro_edit"),
    path("ung/<int:pk>/oensker/nyt/", views.wish_add, name="wish_create"),
    path("ung/<int:pk>/oensker/<int:wish_id>/flyt/", views.wish_move, name="wish_move"),
    path("ung/<int:pk>/oensker/<int:wish_id>/fjern/", views.wish_remove, name="wish_remove"),
]
