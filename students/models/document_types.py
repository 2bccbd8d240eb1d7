"""Which files may be kept as documents, recognised from their content (the ``filetype``
package reads the first bytes), never from the name or the browser's claim."""

from __future__ import annotations

from dataclasses import dataclass

import filetype

# filetype looks at no more than this many bytes from the start of a file.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    label: str


ALLOWED_TYPES = {
    t.content_type: t
    for t in (
        DocumentType("pdf", "application/pdf", "PDF"),
        DocumentType("png", "image/png", "PNG"),
        DocumentType("jpg", "image/jpeg", "JPEG"),
        DocumentType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        DocumentType("odt", "application/vnd.oasis.opendocument.text", "ODT"),
    )
}
ALLOWED_LABELS = [t.label for t in ALLOWED_TYPES.values()]


def detect(head: bytes) -> DocumentType | None:
    """The allowed type the content starting with ``head`` is, or ``None``."""
    kind = filetype.guess(head[:HEAD_BYTES]) if head else None
    return ALLOWED_TYPES.get(kind.mime) if kind is not None else None


def detect_file(file) -> DocumentType | None:
    """:func:`detect` on an open file (an upload), which is left at its start."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return detect(head)
