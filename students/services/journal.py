"""Writes to the journal: new notes, corrections within 24 hours by the author, and
corrections of locked notes as new notes pointing back (every version kept by pghistory)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.formats import short_datetime
from students.models import JournalNote

# The fields a note's form may set (the person, author and times are the service's).
NOTE_FIELDS = (
    "occurred_on",
    "kind",
    "present",
    "text",
    "for_institution",
    "goal",
    "status_meeting",
    "decision",
)


def _data(data: dict) -> dict:
    unknown = set(data) - set(NOTE_FIELDS)
    if unknown:
        raise TypeError(f"not note fields: {sorted(unknown)}")
    return data


@transaction.atomic
def journal_note_create(*, person, data: dict, user, corrects: JournalNote | None = None):
    """A new note by ``user``; with ``corrects`` it is a correction of that (locked) note."""
    note = JournalNote(person=person, author=user, corrects=corrects, **_data(data))
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def journal_note_update(*, note: JournalNote, data: dict, user) -> JournalNote:
    """Correct a note in place: its author only, within 24 hours of writing it. The row is
    locked for the check, so a save racing the deadline cannot slip through."""
    current = JournalNote.objects.select_for_update().select_related("person").get(pk=note.pk)
    if current.author_id != user.pk:
        raise ValidationError(_("Kun den, der har skrevet notatet, kan rette det."))
    if current.is_locked():
        raise ValidationError(
            _(
                "Notatet blev låst %(when)s (24 timer efter det blev skrevet) og kan ikke "
                "længere rettes. Tilføj en rettelse som et nyt notat."
            )
            % {"when": short_datetime(current.locked_at())}
        )
    changed = [f for f, v in _data(data).items() if getattr(current, f) != v]
    if not changed:
        return current
    for f in changed:
        setattr(current, f, data[f])
    current.updated_at = timezone.now()
    current.full_clean()
    current.save(update_fields=[*changed, "updated_at"])
    return current
