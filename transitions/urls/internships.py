"""URLs: internships. Included by transitions/urls/__init__.py."""

from django.urls import path

from transitions.views import internships as views

urlpatterns = [
    path("praktik/", views.overview, name="internship_overview"),
    path("praktiksteder/", views.place_list, name="internship_place_list"),
    path("praktiksteder/ny/", views.place_create, name="internship_place_create"),
    path("praktiksteder/<int:pk>/", views.place_detail, name="internship_place_detail"),
    path("praktiksteder/<int:pk>/rediger/", views.place_edit, name="internship_place_edit"),
    path("unge/<int:pk>/praktik/", views.person_internships, name="internship_person"),
    path("unge/<int:pk>/praktik/profil/", views.profile_edit, name="internship_profile"),
    path("unge/<int:pk>/praktik/match/", views.match, name="internship_match"),
    path("unge/<int:pk>/praktik/ny/", views.internship_create, name="internship_create"),
    path(
        "unge/<int:pk>/praktik/<int:internship_pk>/rediger/",
        views.internship_edit,
        name="internship_edit",
    ),
    path(
        "unge/<int:pk>/praktik/<int:internship_pk>/evaluering/",
        views.internship_evaluate,
        name="internship_evaluate",
    ),
]
