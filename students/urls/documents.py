"""``students:*`` URLs of the documents area (under /unge/<id>/), added to ``students.urls``."""

from django.urls import path

from students.views import documents

urlpatterns = [
    path("<int:pk>/dokumenter/nyt/", documents.document_upload, name="document_upload"),
    path(
        "<int:pk>/dokumenter/<int:document_id>/",
        documents.document_detail,
        name="document_detail",
    ),
    path(
        "<int:pk>/dokumenter/<int:document_id>/ny-version/",
        documents.document_version,
        name="document_version",
    ),
    path(
        "<int:pk>/dokumenter/<int:document_id>/deling/",
        documents.document_share,
        name="document_share",
    ),
    path(
        "<int:pk>/dokumenter/<int:document_id>/slet/",
        documents.document_delete,
        name="document_delete",
    ),
    path(
        "<int:pk>/dokumenter/<int:document_id>/version/<int:number>/hent/",
        documents.document_download,
        name="document_download",
    ),
]
