"""Editing and removing a relative that someone else removed a moment before."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from students.forms.people import RelativeForm
from students.models import Relation, Relative
from tests import factories

GONE = "Den pårørende findes ikke længere"


def relative_data(**overrides) -> dict:
    data = {
        "name": "Hanne Holm",
        "relation": Relation.MOTHER,
        "phone": "",
        "email": "",
        "address": "",
        "involvement": "resource",
        "representation": "",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def removed_relative(person):
    """A relative of ``person``, already removed: its id is all that is left in the page."""
    relative = factories.RelativeFactory(person=person)
    relative_id = relative.pk
    relative.delete()
    return relative_id


def person_page(person) -> str:
    return reverse("students:detail", args=[person.pk]) + "#relatives"


def followed_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("method", ["get", "post"])
def test_editing_a_removed_relative_goes_back_to_the_person_page(
    method, person, removed_relative, uu_user, client_for
):
    client = client_for(uu_user)
    url = reverse("students:relative_edit", args=[person.pk, removed_relative])
    response = getattr(client, method)(url, relative_data() if method == "post" else None)
    assert response.status_code == 302
    assert response.url == person_page(person)
    assert GONE in followed_text(client.get(response.url))
    assert not Relative.objects.filter(pk=removed_relative).exists()


def test_a_relative_removed_while_the_edit_is_saved_is_not_brought_back(
    person, uu_user, client_for, monkeypatch
):
    """The other user's removal lands between opening the relative and saving the edit."""
    relative = factories.RelativeFactory(person=person, name="Hanne Holm")
    clean = RelativeForm.clean

    def clean_while_removed(form):
        Relative.objects.filter(pk=relative.pk).delete()
        return clean(form)

    monkeypatch.setattr(RelativeForm, "clean", clean_while_removed)
    client = client_for(uu_user)
    url = reverse("students:relative_edit", args=[person.pk, relative.pk])
    response = client.post(url, relative_data(name="Hanne Holm-Jensen"))
    assert response.status_code == 302
    assert response.url == person_page(person)
    assert GONE in followed_text(client.get(response.url))
    assert not person.relatives.exists()


def test_removing_a_removed_relative_says_it_is_already_gone(
    person, removed_relative, uu_user, client_for
):
    client = client_for(uu_user)
    url = reverse("students:relative_delete", args=[person.pk, removed_relative])
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == person_page(person)
    assert "Den pårørende er allerede fjernet" in followed_text(client.get(response.url))


def test_a_relative_of_another_young_person_is_not_edited_through_this_one(
    person, municipality, uu_user, client_for
):
    other = factories.RelativeFactory(
        person=factories.YoungPersonFactory(municipality=municipality), name="Anden Pårørende"
    )
    client = client_for(uu_user)
    url = reverse("students:relative_edit", args=[person.pk, other.pk])
    response = client.post(url, relative_data(name="Overskrevet"))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.name == "Anden Pårørende"
    client.post(reverse("students:relative_delete", args=[person.pk, other.pk]))
    assert Relative.objects.filter(pk=other.pk).exists()


def test_editing_an_existing_relative_still_saves(person, uu_user, client_for):
    relative = factories.RelativeFactory(person=person, name="Hanne Holm")
    client = client_for(uu_user)
    url = reverse("students:relative_edit", args=[person.pk, relative.pk])
    response = client.post(url, relative_data(name="Hanne Holm-Jensen"))
    assert response.status_code == 302
    relative.refresh_from_db()
    assert relative.name == "Hanne Holm-Jensen"
