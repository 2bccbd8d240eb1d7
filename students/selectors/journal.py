"""Reads of the journal for the person page and the plan print, scoped by
``permissions.journal_notes_for``: a constant number of queries whatever the number of notes."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from stu_case import permissions
from stu_case.permissions import Action
from students.models import JournalNote

PAGE_SIZE = 20


def _notes(*, user, person) -> QuerySet[JournalNote]:
    visible = permissions.journal_notes_for(user)
    return (
        visible.filter(person=person)
        .select_related("author", "goal", "status_meeting", "decision__person", "corrects__author")
        .annotate(corrected=Exists(visible.filter(corrects=OuterRef("pk"))))
        .order_by("-occurred_on", "-created_at", "-id")
    )


def person_journal(*, user, person, params) -> dict:
    """One page of the person's journal, newest first, filtered by ``params`` (the GET
    parameters ``journal_art``, ``journal_af`` and the page ``journal_side``)."""
    notes = _notes(user=user, person=person)
    authors = list(
        get_user_model()
        .objects.filter(pk__in=notes.values("author_id"))
        .order_by("first_name", "last_name", "pk")
    )
    kind = params.get("journal_art") or ""
    author = params.get("journal_af") or ""
    if kind:
        notes = notes.filter(kind=kind)
    if author.isdigit():
        notes = notes.filter(author_id=int(author))
    page = Paginator(notes, PAGE_SIZE).get_page(params.get("journal_side"))
    rows = list(page.object_list)
    for note in rows:
        note.person = person  # the page's person: no query per note for the rule below
        note.correctable = permissions.can(user, Action.CORRECT_JOURNAL_NOTE, note)
    query = params.copy()
    query.pop("journal_side", None)
    return {
        "page": page,
        "notes": rows,
        "authors": authors,
        "kind": kind,
        "author": author,
        "filtered": bool(kind or author),
        "querystring": query.urlencode(),
    }


def journal_for_print(*, user, person) -> list[JournalNote]:
    """Every note ``user`` may read about ``person``, oldest first (for the plan print)."""
    return list(_notes(user=user, person=person).order_by("occurred_on", "created_at", "id"))


def note_for(*, user, person, note_id) -> JournalNote:
    """One note about ``person`` that ``user`` may read, else 404."""
    scope = permissions.journal_notes_for(user).filter(person=person)
    note = permissions.get_or_404(
        scope, note_id, queryset=JournalNote.objects.select_related("author", "corrects")
    )
    note.person = person
    return note


def link_choices(*, person) -> dict:
    """What a note about ``person`` may link to: their goals, the status meetings of their
    municipality in the last two years and the coming one (newest first), and their
    visitation decisions. The higher apps' models are looked up by name (imports point one
    way)."""
    from django.apps import apps

    StatusMeeting = apps.get_model("transitions", "StatusMeeting")
    Decision = apps.get_model("visitation", "Decision")
    plan = getattr(person, "plan", None)
    return {
        "goal": plan.goals.order_by("description") if plan else None,
        "status_meeting": StatusMeeting.objects.filter(
            municipality_id=person.municipality_id,
            starts_at__gte=timezone.now() - timedelta(days=730),
            starts_at__lte=timezone.now() + timedelta(days=365),
        ).order_by("-starts_at"),
        "decision": Decision.objects.filter(person=person).select_related("person").order_by("-pk"),
    }
