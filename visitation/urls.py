from django.urls import path

from . import views

app_name = "visitation"

urlpatterns = [
    path("", views.candidates, name="candidates"),
    path("ung/<int:pk>/", views.person_case, name="person"),
    path("ung/<int:pk>/skole/", views.coordination_edit, name="coordination"),
    path("ung/<int:pk>/besoeg/nyt/", views.visit_edit, name="visit_create"),
    path("ung/<int:pk>/besoeg/<int:visit_id>/", views.visit_edit, name="visit_edit"),
    path("ung/<int:pk>/introforloeb/nyt/", views.intro_edit, name="intro_create"),
    path("ung/<int:pk>/introforloeb/<int:course_id>/", views.intro_edit, name="intro_edit"),
    path("ung/<int:pk>/oensker/nyt/", views.wish_add, name="wish_create"),
    path("ung/<int:pk>/oensker/<int:wish_id>/flyt/", views.wish_move, name="wish_move"),
    path("ung/<int:pk>/oensker/<int:wish_id>/fjern/", views.wish_remove, name="wish_remove"),
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
        "ung/<int:pk>/indstilling/<int:rec_id>/forhaandskoordinering/",
        views.sign_off,
        name="sign_off",
    ),
    path("moeder/", views.meetings, name="meetings"),
    path("moeder/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("moeder/<int:meeting_id>/referat/", views.meeting_minutes, name="minutes"),
    path(
        "moeder/<int:meeting_id>/punkt/<int:item_id>/fjern/",
        views.agenda_remove,
        name="agenda_remove",
    ),
    path(
        "moeder/<int:meeting_id>/punkt/<int:item_id>/afgoerelse/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "afgoerelse/<int:decision_id>/meddelt/", views.decision_notified, name="decision_notified"
    ),
    path("afgoerelse/<int:decision_id>/brev.pdf", views.letter_download, name="letter"),
    path("afgoerelse/<int:decision_id>/klage/ny/", views.appeal_edit, name="appeal_create"),
    path("klage/<int:appeal_id>/", views.appeal_edit, name="appeal_edit"),
]
