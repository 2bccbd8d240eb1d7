"""The journal: notes written on the person page, corrected within 24 hours by the author,
locked after that (a correction is a new note pointing back), every version kept; team-only
unless marked for the institution; filtered, paginated and in the plan print."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import JournalNote, JournalNoteEvent, NoteKind
from students.services import journal as journal_services
from tests import factories
from tests.students.factories_journal import JournalNoteFactory


def body(response) -> str:
    return html.unescape(response.content.decode())


def note_data(**overrides) -> dict:
    data = {
        "occurred_on": timezone.localdate().isoformat(),
        "kind": NoteKind.PHONE,
        "present": "Den unge og moren",
        "text": "Moren ringede: Sofie har det svært med bussen om morgenen.",
    }
    data.update(overrides)
    return data


def lock(note: JournalNote) -> None:
    """Make ``note`` 25 hours old."""
    JournalNote.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(hours=25))
    note.refresh_from_db()


# ---------------------------------------------------------------- writing
def test_a_caseworker_writes_a_note_that_shows_newest_first(enrolled_person, uu_user, client_for):
    client = client_for(uu_user)
    JournalNoteFactory(
        person=enrolled_person,
        author=uu_user,
        occurred_on=timezone.localdate() - timedelta(days=10),
        text="Ældre notat om praktik.",
    )
    form = client.get(reverse("students:journal_create", args=[enrolled_person.pk]))
    assert "offentlighedslovens § 13" in body(form)
    response = client.post(
        reverse("students:journal_create", args=[enrolled_person.pk]), note_data()
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#journal")
    note = JournalNote.objects.get(kind=NoteKind.PHONE)
    assert (note.author, note.person, note.for_institution) == (uu_user, enrolled_person, False)
    page = body(client.get(reverse("students:detail", args=[enrolled_person.pk])))
    assert page.index("bussen om morgenen") < page.index("Ældre notat om praktik")


def test_a_note_in_the_future_or_without_text_is_refused_in_danish(
    enrolled_person, uu_user, client_for
):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(uu_user).post(
        reverse("students:journal_create", args=[enrolled_person.pk]),
        note_data(occurred_on=tomorrow, text=""),
    )
    assert response.status_code == 200
    text = body(response)
    assert "Datoen kan ikke ligge i fremtiden" in text
    assert "Dette felt er påkrævet" in text
    assert not JournalNote.objects.exists()


def test_a_note_links_only_to_the_persons_own_goal(enrolled_person, person, uu_user):
    other_goal = factories.PlanGoalFactory(plan=person.plan)
    with pytest.raises(ValidationError) as exc:
        journal_services.journal_note_create(
            person=enrolled_person,
            data={**note_data(), "occurred_on": timezone.localdate(), "goal": other_goal},
            user=uu_user,
        )
    assert "goal" in exc.value.message_dict
    own = factories.PlanGoalFactory(plan=enrolled_person.plan)
    note = journal_services.journal_note_create(
        person=enrolled_person,
        data={**note_data(), "occurred_on": timezone.localdate(), "goal": own},
        user=uu_user,
    )
    assert note.goal == own


# ---------------------------------------------------------------- correcting
def test_the_author_corrects_within_24_hours_and_every_version_is_kept(
    enrolled_person, uu_user, client_for
):
    note = JournalNoteFactory(person=enrolled_person, author=uu_user, text="Første udgave.")
    response = client_for(uu_user).post(
        reverse("students:journal_edit", args=[enrolled_person.pk, note.pk]),
        note_data(text="Rettet udgave."),
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Rettet udgave."
    assert note.updated_at is not None
    texts = list(
        JournalNoteEvent.objects.filter(pgh_obj=note)
        .order_by("pgh_id")
        .values_list("text", flat=True)
    )
    assert texts == ["Første udgave.", "Rettet udgave."]
    history = body(client_for(uu_user).get(reverse("students:history", args=[enrolled_person.pk])))
    assert "Journalnotat ændret" in history
    assert "Første udgave." in history


def test_after_24_hours_the_note_is_locked_and_a_correction_is_a_new_note(
    enrolled_person, uu_user, client_for
):
    client = client_for(uu_user)
    note = JournalNoteFactory(person=enrolled_person, author=uu_user, text="Forkert dato.")
    lock(note)
    edit = client.get(reverse("students:journal_edit", args=[enrolled_person.pk, note.pk]))
    correct_url = reverse("students:journal_correct", args=[enrolled_person.pk, note.pk])
    assert edit["Location"] == correct_url
    # A form opened before the deadline and sent after it is refused too.
    posted = client.post(
        reverse("students:journal_edit", args=[enrolled_person.pk, note.pk]),
        note_data(text="For sent."),
    )
    assert posted.status_code == 302 and posted["Location"] == correct_url
    with pytest.raises(ValidationError, match="låst"):
        journal_services.journal_note_update(note=note, data={"text": "For sent."}, user=uu_user)

    response = client.post(correct_url, note_data(text="Samtalen var den 3., ikke den 4."))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Forkert dato."
    correction = JournalNote.objects.get(corrects=note)
    assert correction.text == "Samtalen var den 3., ikke den 4."
    page = body(client.get(reverse("students:detail", args=[enrolled_person.pk])))
    assert "Retter notatet fra" in page
    assert "Der er skrevet en rettelse" in page


def test_only_the_author_corrects_in_place(enrolled_person, uu_user, forvaltning_user, client_for):
    note = JournalNoteFactory(person=enrolled_person, author=uu_user)
    url = reverse("students:journal_edit", args=[enrolled_person.pk, note.pk])
    assert client_for(forvaltning_user).post(url, note_data(text="Andens tekst")).status_code == 403
    with pytest.raises(ValidationError):
        journal_services.journal_note_update(
            note=note, data={"text": "Andens tekst"}, user=forvaltning_user
        )
    # A colleague adds a correction as a new note instead.
    correct = reverse("students:journal_correct", args=[enrolled_person.pk, note.pk])
    assert client_for(forvaltning_user).post(correct, note_data()).status_code == 302


# ---------------------------------------------------------------- who sees what
def test_institution_staff_see_only_notes_marked_for_the_institution(
    enrolled_person, uu_user, institution_user, other_institution_user, client_for
):
    JournalNoteFactory(person=enrolled_person, author=uu_user, text="Kun for teamet: misbrug.")
    shared = JournalNoteFactory(
        person=enrolled_person,
        author=uu_user,
        text="Til institutionen: nyt busskort.",
        for_institution=True,
    )
    url = reverse("students:detail", args=[enrolled_person.pk])
    page = body(client_for(institution_user).get(url))
    assert "nyt busskort" in page
    assert "misbrug" not in page
    assert "Skriv journalnotat" not in page
    # Not even a correction form opens on a note they cannot see, nor writing at all.
    for name in ("journal_edit", "journal_correct"):
        hidden = JournalNote.objects.exclude(pk=shared.pk).get()
        response = client_for(institution_user).get(
            reverse(f"students:{name}", args=[enrolled_person.pk, hidden.pk])
        )
        assert response.status_code in (403, 404)
    assert client_for(other_institution_user).get(url).status_code == 404


def test_the_manager_reads_the_journal_but_does_not_write(
    enrolled_person, uu_user, leder_user, client_for
):
    JournalNoteFactory(person=enrolled_person, author=uu_user, text="Notat til lederen.")
    page = body(client_for(leder_user).get(reverse("students:detail", args=[enrolled_person.pk])))
    assert "Notat til lederen." in page
    assert "Skriv journalnotat" not in page
    url = reverse("students:journal_create", args=[enrolled_person.pk])
    assert client_for(leder_user).post(url, note_data()).status_code == 403


# ---------------------------------------------------------------- filters, pages, print
def test_the_journal_filters_by_kind_and_author(
    enrolled_person, uu_user, forvaltning_user, client_for
):
    JournalNoteFactory(
        person=enrolled_person, author=uu_user, kind=NoteKind.PHONE, text="Telefon fra UU."
    )
    JournalNoteFactory(
        person=enrolled_person, author=forvaltning_user, kind=NoteKind.PHONE, text="Telefon fra F."
    )
    JournalNoteFactory(
        person=enrolled_person, author=uu_user, kind=NoteKind.LETTER, text="Brev fra UU."
    )
    url = reverse("students:detail", args=[enrolled_person.pk])
    client = client_for(uu_user)
    page = body(client.get(url, {"journal_art": NoteKind.PHONE}))
    assert "Telefon fra UU." in page and "Telefon fra F." in page
    assert "Brev fra UU." not in page
    page = body(client.get(url, {"journal_art": NoteKind.PHONE, "journal_af": uu_user.pk}))
    assert "Telefon fra UU." in page
    assert "Telefon fra F." not in page
    assert "Ingen notater matcher filteret." in body(
        client.get(url, {"journal_art": NoteKind.EMAIL})
    )


def test_the_journal_is_paginated(enrolled_person, uu_user, client_for):
    today = timezone.localdate()
    for i in range(25):
        JournalNoteFactory(
            person=enrolled_person,
            author=uu_user,
            occurred_on=today - timedelta(days=i),
            text=f"Notat nummer {i:02d}.",
        )
    url = reverse("students:detail", args=[enrolled_person.pk])
    first = body(client_for(uu_user).get(url))
    assert "Notat nummer 00." in first and "Notat nummer 24." not in first
    assert "Side 1 af 2" in first
    second = body(client_for(uu_user).get(url, {"journal_side": 2}))
    assert "Notat nummer 24." in second and "Notat nummer 00." not in second


def test_the_plan_print_includes_the_journal_when_asked(
    enrolled_person, uu_user, institution_user, client_for
):
    JournalNoteFactory(person=enrolled_person, author=uu_user, text="Teamets notat.")
    JournalNoteFactory(
        person=enrolled_person, author=uu_user, text="Delt notat.", for_institution=True
    )
    url = reverse("students:plan_print", args=[enrolled_person.pk])
    plain = body(client_for(uu_user).get(url))
    assert "Medtag journalen" in plain and "Teamets notat." not in plain
    full = body(client_for(uu_user).get(url, {"journal": "1"}))
    assert "Teamets notat." in full and "Delt notat." in full
    assert AccessLog.objects.filter(purpose="Udskrift af uddannelsesplan med journal").exists()
    institution_print = body(client_for(institution_user).get(url, {"journal": "1"}))
    assert "Delt notat." in institution_print
    assert "Teamets notat." not in institution_print


@pytest.mark.parametrize("user_fixture", ["uu_user", "institution_user"])
def test_person_page_queries_do_not_grow_with_the_journal(
    user_fixture, request, enrolled_person, uu_user, forvaltning_user, client_for
):
    user = request.getfixturevalue(user_fixture)
    client = client_for(user)
    url = reverse("students:detail", args=[enrolled_person.pk])
    goal = factories.PlanGoalFactory(plan=enrolled_person.plan)

    def add(n):
        for i in range(n):
            note = JournalNoteFactory.build(
                person=enrolled_person,
                author=(uu_user, forvaltning_user)[i % 2],
                for_institution=i % 3 == 0,
                goal=goal if i % 4 == 0 else None,
            )
            note.save()

    add(5)
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    add(495)
    with CaptureQueriesContext(connection) as five_hundred:
        assert client.get(url).status_code == 200
    assert len(five) == len(five_hundred), "\n".join(
        q["sql"] for q in five_hundred.captured_queries
    )
