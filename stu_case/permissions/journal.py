"""The journal and documents about a young person: who reads which notes and documents, and
who writes them.

- The municipality's team reads the whole journal and every document of its young people.
- Institution staff read only the journal notes marked for the institution, and only the
  documents their own institution uploaded or the team shared with the institution, and only
  while the young person is their current student (``young_people_for``).
- Nobody else (the visitation committee, other municipalities and institutions) reads either.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from stu_case.accounts import roles

from .actions import Action, rule
from .core import (
    CHANGE,
    VIEW,
    has_person_perm,
    has_role,
    in_municipal_team,
    is_active_user,
    is_institution_staff_only,
    model,
)
from .institutions import institutions_for
from .people import young_people_for


def _team_or_institution_reader(user, person) -> bool:
    return (in_municipal_team(user) or is_institution_staff_only(user)) and has_person_perm(
        user, person, VIEW
    )


def _editor(user, person) -> bool:
    return has_role(user, *roles.EDITOR_ROLES) and has_person_perm(user, person, CHANGE)


# ---------------------------------------------------------------- scopes
def journal_notes_for(user) -> QuerySet:
    """Journal notes ``user`` may read: the team every note of its young people; institution
    staff only the notes marked for the institution about their current students."""
    JournalNote = model("students", "JournalNote")
    if not is_active_user(user):
        return JournalNote.objects.none()
    people = young_people_for(user).values("pk")
    if in_municipal_team(user):
        return JournalNote.objects.filter(person__in=people)
    if is_institution_staff_only(user):
        return JournalNote.objects.filter(person__in=people, for_institution=True)
    return JournalNote.objects.none()


def documents_for(user) -> QuerySet:
    """Documents ``user`` may see: the team every document of its young people (deleted ones
    too, with the reason); institution staff only documents, not deleted, about their current
    students that their own institution uploaded or that the team shared with the
    institution."""
    Document = model("students", "Document")
    if not is_active_user(user):
        return Document.objects.none()
    people = young_people_for(user).values("pk")
    if in_municipal_team(user):
        return Document.objects.filter(person__in=people)
    if is_institution_staff_only(user):
        return Document.objects.filter(
            Q(shared_with_institution=True)
            | Q(uploaded_by_institution__in=institutions_for(user).values("pk")),
            person__in=people,
            deleted_at__isnull=True,
        )
    return Document.objects.none()


# ---------------------------------------------------------------- rules
@rule(Action.VIEW_JOURNAL, Action.VIEW_DOCUMENTS)
def _view_journal(user, person) -> bool:
    """See the journal and documents section of the person page: the municipality's team and
    the staff of the person's current institution (who then see only what is marked for or
    shared with the institution, see ``journal_notes_for`` and ``documents_for``). Not the
    visitation committee."""
    return _team_or_institution_reader(user, person)


@rule(Action.WRITE_JOURNAL, Action.SHARE_DOCUMENT)
def _write_journal(user, person) -> bool:
    """Write journal notes (and corrections of locked notes), and share a document with the
    institution: the editors (``roles.EDITOR_ROLES``: UU, jobcenter, forvaltning) holding
    change on the person. The manager reads only."""
    return _editor(user, person)


@rule(Action.CORRECT_JOURNAL_NOTE)
def _correct_journal_note(user, note) -> bool:
    """Correct a note in place: only its author, within 24 hours of writing it, while still
    an editor of the person. After that the note is locked (a correction is a new note)."""
    return note.author_id == user.pk and not note.is_locked() and _editor(user, note.person)


@rule(Action.UPLOAD_DOCUMENT)
def _upload_document(user, person) -> bool:
    """Upload a document: the editors holding change on the person, and the staff of the
    person's current institution (progress reports only, see the upload form)."""
    if is_institution_staff_only(user):
        return has_person_perm(user, person, VIEW)
    return _editor(user, person)


@rule(Action.REPLACE_DOCUMENT)
def _replace_document(user, document) -> bool:
    """Upload a new version of a document that is not deleted: the editors holding change on
    the person; institution staff only of a document their own institution uploaded, about a
    current student."""
    if document.is_deleted:
        return False
    if is_institution_staff_only(user):
        return (
            document.uploaded_by_institution_id is not None
            and has_person_perm(user, document.person, VIEW)
            and institutions_for(user).filter(pk=document.uploaded_by_institution_id).exists()
        )
    return _editor(user, document.person)


@rule(Action.DELETE_DOCUMENT)
def _delete_document(user, document) -> bool:
    """Delete a document (with a reason that is kept): the editors holding change on the
    person, while it is not already deleted."""
    return not document.is_deleted and _editor(user, document.person)
