"""Admin for documents and their versions: case data, written on the person page through the
services (content-checked uploads, versions, delete with a reason), so read-only here."""

from django.contrib import admin
from django.urls import reverse

from stu_case.admin import CaseDataAdmin
from students.models import Document, DocumentVersion


@admin.register(Document)
class DocumentAdmin(CaseDataAdmin):
    list_display = (
        "title",
        "person",
        "kind",
        "created_at",
        "shared_with_institution",
        "deleted_at",
    )
    list_filter = ("kind", "shared_with_institution")
    list_select_related = ("person",)

    def case_page_url(self, obj, person_id):
        return reverse("students:document_detail", args=[person_id, obj.pk])


@admin.register(DocumentVersion)
class DocumentVersionAdmin(CaseDataAdmin):
    list_display = ("document", "number", "content_type", "size", "uploaded_by", "uploaded_at")
    list_select_related = ("document__person", "uploaded_by")
    # The stored file's name says where it is in the private storage: not shown.
    exclude = ("file_name",)

    def case_page_url(self, obj, person_id):
        return reverse("students:document_detail", args=[person_id, obj.document_id])
