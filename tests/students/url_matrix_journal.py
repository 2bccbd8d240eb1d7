"""URL matrix entries for the journal and documents areas of ``students`` (see
tests/url_matrix.py). A fresh note or document per request, about ``enrolled_person``: a note
marked for the institution and a document shared with it, so institution staff see them and
the matrix shows what they may and may not do with them."""

from __future__ import annotations

from django.utils import timezone

from students.models import DocumentKind, NoteKind
from tests.students.factories_documents import make_document, upload
from tests.students.factories_journal import JournalNoteFactory
from tests.students.url_matrix import EDITORS, INSTITUTION, TEAM, Cast, person, person_entry

VIEWERS = (*TEAM, INSTITUTION)
UPLOADERS = (*EDITORS, INSTITUTION)


def with_note(cast: Cast) -> dict:
    note = JournalNoteFactory(person=person(cast), author=cast.uu_user, for_institution=True)
    return {"pk": person(cast).pk, "note_id": note.pk}


def with_document(cast: Cast) -> dict:
    document = make_document(person(cast), cast.uu_user, shared=True)
    return {"pk": person(cast).pk, "document_id": document.pk}


def with_version(cast: Cast) -> dict:
    return {**with_document(cast), "number": 1}


def note_data(cast: Cast) -> dict:
    return {
        "occurred_on": timezone.localdate().isoformat(),
        "kind": NoteKind.PHONE,
        "text": "Telefonsamtale med den unge.",
    }


def upload_data(cast: Cast) -> dict:
    return {
        "title": "Statusrapport",
        "kind": DocumentKind.PROGRESS_REPORT,
        "file": upload(),
    }


ENTRIES = [
    person_entry("students:journal_create", EDITORS),
    person_entry(
        "students:journal_create",
        EDITORS,
        method="post",
        data=note_data,
        allowed_status=(302,),
    ),
    # Only the author (the UU counsellor) corrects a note in place, within 24 hours.
    person_entry("students:journal_edit", ("uu_user",), kwargs=with_note),
    person_entry("students:journal_correct", EDITORS, kwargs=with_note),
    person_entry(
        "students:journal_correct",
        EDITORS,
        kwargs=with_note,
        method="post",
        data=note_data,
        allowed_status=(302,),
    ),
    person_entry("students:document_upload", UPLOADERS),
    person_entry(
        "students:document_upload",
        UPLOADERS,
        method="post",
        data=upload_data,
        allowed_status=(302,),
    ),
    person_entry("students:document_detail", VIEWERS, kwargs=with_document),
    person_entry("students:document_download", VIEWERS, kwargs=with_version),
    # The team's document: institution staff may not replace or delete it.
    person_entry("students:document_version", EDITORS, kwargs=with_document),
    person_entry(
        "students:document_version",
        EDITORS,
        kwargs=with_document,
        method="post",
        data=lambda cast: {"file": upload()},
        allowed_status=(302,),
    ),
    # Sharing with the institution is the team's editors' decision.
    person_entry(
        "students:document_share",
        EDITORS,
        kwargs=with_document,
        method="post",
        data=lambda cast: {"del": "0"},
        allowed_status=(302,),
    ),
    person_entry("students:document_delete", EDITORS, kwargs=with_document),
    person_entry(
        "students:document_delete",
        EDITORS,
        kwargs=with_document,
        method="post",
        data=lambda cast: {"reason": "Lagt ind ved en fejl"},
        allowed_status=(302,),
    ),
]
