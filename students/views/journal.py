"""The journal on the person page: write a note, correct it within 24 hours (its author), add
a correction to a locked note. The list itself is a section of the person page
(``students/journal/_journal.html``, filled by ``selectors.journal.person_journal``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from stu_case import permissions
from stu_case.audit.services import access_log_view
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.journal import JournalNoteForm
from students.selectors import journal as journal_selectors
from students.selectors import people as people_selectors
from students.services import journal as journal_services
from students.services.journal import NOTE_FIELDS
from students.views.people import _require


def _journal_section(person):
    return redirect(reverse("students:detail", args=[person.pk]) + "#journal")


def _form(request, person, **kwargs) -> JournalNoteForm:
    return JournalNoteForm(
        request.POST or None,
        link_choices=journal_selectors.link_choices(person=person),
        **kwargs,
    )


def _data(form) -> dict:
    return {f: form.cleaned_data[f] for f in NOTE_FIELDS if f in form.cleaned_data}


@require_http_methods(["GET", "POST"])
def journal_create(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.WRITE_JOURNAL, person)
    form = _form(request, person)
    if request.method == "POST" and form.is_valid():
        try:
            journal_services.journal_note_create(person=person, data=_data(form), user=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Journalnotatet er gemt."))
            return _journal_section(person)
    return render(
        request, "students/journal/note_form.html", {"person": person, "form": form, "mode": "new"}
    )


@require_http_methods(["GET", "POST"])
def journal_edit(request, pk, note_id):
    """Correct a note in place: its author, within 24 hours. A locked note sends its author
    to the correction form instead."""
    person = people_selectors.person_detail(user=request.user, pk=pk)
    note = journal_selectors.note_for(user=request.user, person=person, note_id=note_id)
    if not permissions.can(request.user, Action.CORRECT_JOURNAL_NOTE, note):
        if note.author_id == request.user.pk and note.is_locked():
            messages.info(
                request,
                _("Notatet er låst, fordi der er gået 24 timer. Skriv rettelsen som et nyt notat."),
            )
            return redirect("students:journal_correct", pk=person.pk, note_id=note.pk)
        raise PermissionDenied
    access_log_view(request=request, person=person, purpose=gettext_lazy("Ret journalnotat"))
    form = _form(request, person, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            journal_services.journal_note_update(note=note, data=_data(form), user=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Rettelsen er gemt. Den tidligere udgave er bevaret."))
            return _journal_section(person)
    return render(
        request,
        "students/journal/note_form.html",
        {"person": person, "form": form, "note": note, "mode": "edit"},
    )


@require_http_methods(["GET", "POST"])
def journal_correct(request, pk, note_id):
    """A correction of a note as a new note pointing back to it (the original stays)."""
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.WRITE_JOURNAL, person)
    original = journal_selectors.note_for(user=request.user, person=person, note_id=note_id)
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Rettelse til journalnotat")
    )
    initial = {f: getattr(original, f) for f in NOTE_FIELDS}
    form = _form(request, person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            journal_services.journal_note_create(
                person=person, data=_data(form), user=request.user, corrects=original
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Rettelsen er gemt som et nyt notat."))
            return _journal_section(person)
    return render(
        request,
        "students/journal/note_form.html",
        {"person": person, "form": form, "note": original, "mode": "correct"},
    )
