"""Factories for journal notes."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from students.models import JournalNote, NoteKind
from tests import factories

NOTE_TEXTS = (
    "Telefonsamtale med den unge om praktikken. Hun er glad for stedet, men trætter hurtigt.",
    "Møde med mor og den unge. Aftalt at se på bolig til næste forår.",
    "Mail fra institutionen: fraværet er faldet efter nyt skema.",
    "Samtale om transport: den unge vil gerne lære at tage bussen selv.",
)


class JournalNoteFactory(DjangoModelFactory):
    class Meta:
        model = JournalNote

    person = factory.SubFactory(factories.YoungPersonFactory)
    occurred_on = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=factories.rng().randint(0, 200))
    )
    kind = factory.LazyFunction(lambda: factories.rng().choice(NoteKind.values))
    present = "Den unge"
    text = factory.LazyFunction(lambda: factories.rng().choice(NOTE_TEXTS))
    author = factory.LazyAttribute(
        lambda o: (
            o.person.contact_person
            or factories.UserFactory(municipality=o.person.municipality, roles=["uu"])
        )
    )
