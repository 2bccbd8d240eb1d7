"""Reads about the letters sent to a young person."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from students.models.letters import Letter, LetterAttempt, LetterRecipient

#: The person page shows the latest letters; older ones are in the change history.
PAGE_LETTERS = 20


def person_letters(*, person) -> list[Letter]:
    """The latest letters with their recipients (two queries whatever the number)."""
    return list(
        person.letters.order_by("-created_at", "-pk").prefetch_related(
            Prefetch("recipients", queryset=LetterRecipient.objects.order_by("pk"))
        )[:PAGE_LETTERS]
    )


def letter_for(*, person, letter_id) -> Letter:
    """One of the person's letters (404 for another person's), with recipients and attempts."""
    return get_object_or_404(
        person.letters.select_related("created_by").prefetch_related(
            Prefetch("recipients", queryset=LetterRecipient.objects.order_by("pk")),
            Prefetch("attempts", queryset=LetterAttempt.objects.order_by("at", "pk")),
        ),
        pk=letter_id,
    )


def person_hearings(*, person) -> QuerySet[Letter]:
    """The person's hearing letters (with an answer deadline), newest first."""
    return person.letters.filter(answer_deadline__isnull=False).order_by("-created_at", "-pk")


def pending_hearings() -> QuerySet[Letter]:
    """Hearing letters still waiting: no answer registered and nothing decided about their
    subject yet (a decision letter on the same subject ends the hearing)."""
    decided = Letter.objects.filter(subject=OuterRef("subject"), answer_deadline__isnull=True)
    return Letter.objects.filter(answer_deadline__isnull=False, answered_on__isnull=True).exclude(
        Exists(decided)
    )
