"""Writes for documents: upload, new versions, delete with a reason (the row stays). Files go
to the ``documents`` storage (``settings.STORAGES``) under a random name that says nothing
about the person; the type is recognised from the content and anything else is refused."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from students.models import Document, DocumentKind, DocumentVersion
from students.models.document_types import ALLOWED_LABELS, DocumentType, detect_file


def document_storage():
    return storages["documents"]


def type_refused_message() -> str:
    return _(
        "Filens indhold er ikke en tilladt filtype. Tilladt er %(types)s. Filtypen afgøres "
        "af indholdet, ikke af filnavnet."
    ) % {"types": ", ".join(ALLOWED_LABELS)}


def too_large_message() -> str:
    return _("Filen er for stor. Den må højst fylde %(mb)s MB.") % {
        "mb": settings.STU_DOCUMENT_MAX_BYTES // (1024 * 1024) or 1
    }


def _checked(upload) -> DocumentType:
    if upload.size > settings.STU_DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": too_large_message()})
    detected = detect_file(upload)
    if detected is None:
        raise ValidationError({"file": type_refused_message()})
    return detected


def _store(upload, *, person_id: int, detected: DocumentType) -> tuple[str, str]:
    """Save the upload; the stored name and the content's SHA-256."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = document_storage().save(f"{person_id}/{uuid.uuid4().hex}.{detected.extension}", upload)
    return name, digest.hexdigest()


def _add_version(*, document: Document, upload, user, note: str) -> DocumentVersion:
    """Store the file and its version row; if the row cannot be saved the file is removed
    again, so a failed upload leaves nothing behind."""
    detected = _checked(upload)
    name, sha = _store(upload, person_id=document.person_id, detected=detected)
    try:
        with transaction.atomic():
            Document.objects.select_for_update().filter(pk=document.pk).first()
            last = document.versions.aggregate(n=Max("number"))["n"] or 0
            version = DocumentVersion(
                document=document,
                number=last + 1,
                file_name=name,
                original_name=(upload.name or "")[:255],
                content_type=detected.content_type,
                extension=detected.extension,
                size=upload.size,
                sha256=sha,
                note=note,
                uploaded_by=user,
            )
            version.full_clean()
            version.save()
    except Exception:
        document_storage().delete(name)
        raise
    return version


@transaction.atomic
def document_upload(
    *,
    person,
    kind: str,
    title: str,
    upload,
    user,
    shared_with_institution: bool = False,
    institution=None,
    note: str = "",
) -> Document:
    """A new document with its first version. ``institution``: uploaded by that institution's
    staff, which may upload progress reports only (and cannot share anything)."""
    if institution is not None:
        if kind != DocumentKind.PROGRESS_REPORT:
            raise ValidationError({"kind": _("Institutionen kan kun lægge statusrapporter ind.")})
        shared_with_institution = False
    document = Document(
        person=person,
        kind=kind,
        title=title,
        shared_with_institution=shared_with_institution,
        uploaded_by_institution=institution,
        created_by=user,
    )
    document.full_clean()
    document.save()
    _add_version(document=document, upload=upload, user=user, note=note)
    return document


@transaction.atomic
def document_add_version(*, document: Document, upload, user, note: str = "") -> DocumentVersion:
    """A new version of a document that is not deleted; the earlier versions are kept."""
    if Document.objects.filter(pk=document.pk, deleted_at__isnull=False).exists():
        raise ValidationError(_("Dokumentet er slettet og kan ikke få en ny version."))
    return _add_version(document=document, upload=upload, user=user, note=note)


@transaction.atomic
def document_delete(*, document: Document, reason: str, user) -> Document:
    """Mark a document deleted, with who, when and why. Its row, versions and the reason stay
    visible to the team; the files can no longer be downloaded."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor dokumentet slettes.")})
    current = Document.objects.select_for_update().get(pk=document.pk)
    if current.is_deleted:
        raise ValidationError(_("Dokumentet er allerede slettet."))
    current.deleted_at = timezone.now()
    current.deleted_by = user
    current.delete_reason = reason[:500]
    current.full_clean()
    current.save(update_fields=["deleted_at", "deleted_by", "delete_reason"])
    return current


@transaction.atomic
def document_set_shared(*, document: Document, shared: bool) -> Document:
    """Share a document with the person's current institution, or stop sharing it. A document
    the institution uploaded itself, or a deleted one, is not changed."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    if current.is_deleted or current.uploaded_by_institution_id is not None:
        raise ValidationError(_("Delingen af dette dokument kan ikke ændres."))
    if current.shared_with_institution != shared:
        current.shared_with_institution = shared
        current.save(update_fields=["shared_with_institution"])
    return current


def document_open(version: DocumentVersion):
    """The stored file of ``version``, opened for reading (the caller checks access)."""
    return document_storage().open(version.file_name, "rb")
