"""Reads of documents for the person page and the document page, scoped by
``permissions.documents_for``: a constant number of queries whatever the number of documents."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404

from stu_case import permissions
from stu_case.permissions import Action
from students.models import Document, DocumentVersion

PAGE_SIZE = 20


def _documents(*, user, person) -> QuerySet[Document]:
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return (
        permissions.documents_for(user)
        .filter(person=person)
        .select_related("created_by", "deleted_by", "uploaded_by_institution")
        .annotate(
            version_count=Count("versions"),
            latest_number=Subquery(latest.values("number")[:1]),
            latest_uploaded_at=Subquery(latest.values("uploaded_at")[:1]),
            latest_size=Subquery(latest.values("size")[:1]),
            latest_label=Subquery(latest.values("extension")[:1]),
        )
        .order_by("-created_at", "-id")
    )


def person_documents(*, user, person, params) -> dict:
    """One page (``dokumenter_side``) of the person's documents that ``user`` may see."""
    page = Paginator(_documents(user=user, person=person), PAGE_SIZE).get_page(
        params.get("dokumenter_side")
    )
    rows = list(page.object_list)
    for document in rows:
        document.person = person
    query = params.copy()
    query.pop("dokumenter_side", None)
    return {
        "page": page,
        "documents": rows,
        "querystring": query.urlencode(),
        "can_upload": permissions.can(user, Action.UPLOAD_DOCUMENT, person),
    }


def document_for(*, user, person, document_id) -> Document:
    """One document about ``person`` that ``user`` may see, else 404."""
    scope = permissions.documents_for(user).filter(person=person)
    document = permissions.get_or_404(
        scope,
        document_id,
        queryset=Document.objects.select_related(
            "created_by", "deleted_by", "uploaded_by_institution"
        ),
    )
    document.person = person
    return document


def document_versions(*, document) -> list[DocumentVersion]:
    return list(document.versions.select_related("uploaded_by").order_by("-number"))


def version_for_download(*, user, person, document_id, number) -> DocumentVersion:
    """A version ``user`` may download: of a document they may see that is not deleted."""
    document = document_for(user=user, person=person, document_id=document_id)
    version = None if document.is_deleted else document.versions.filter(number=number).first()
    if version is None:
        raise Http404
    version.document = document
    return version
