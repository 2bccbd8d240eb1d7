"""Files of each kind, and a builder for documents (through the service, so a real file is
stored)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from students.models import DocumentKind
from students.services import documents as document_services

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return buf.getvalue()


def docx() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def odt() -> bytes:
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


def upload(content: bytes = PDF, name: str = "udtalelse.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def make_document(
    person,
    user,
    *,
    title: str = "Psykologudtalelse",
    kind: str = DocumentKind.STATEMENT,
    content: bytes = PDF,
    shared: bool = False,
    institution=None,
):
    return document_services.document_upload(
        person=person,
        kind=kind,
        title=title,
        upload=upload(content),
        user=user,
        shared_with_institution=shared,
        institution=institution,
    )
