"""URLs: decisions, the letter and appeals. Included by visitation/urls/__init__.py."""

from django.urls import path

from visitation.views import decisions as views

urlpatterns: list = [
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
