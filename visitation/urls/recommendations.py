"""URLs: the recommendation and the pre-coordination sign-off. Included by
visitation/urls/__init__.py."""

from django.urls import path

from visitation.views import recommendations as views

urlpatterns: list = [
    path("ung/<int:pk>/indstilling/ny/", views.recommendation_edit, name="recommendation_create"),
    path(
        "ung/<int:pk>/indstilling/<int:rec_id>/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "ung/<int:pk>/indstilling/<int:rec_id>/send/",
        views.recommendation_submit,
        name="recommendation_submit",
    ),
    path(
        "ung/<int:pk>/indstilling/<int:rec_id>/traek-tilbage/",
        views.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path(
        "ung/<int:pk>/indstilling/<int:rec_id>/partshoering/",
        views.hearing_send,
        name="hearing_send",
    ),
    path(
        "ung/<int:pk>/indstilling/<int:rec_id>/forhaandskoordinering/",
        views.sign_off,
        name="sign_off",
    ),
]
