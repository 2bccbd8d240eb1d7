"""Visitation reads: decisions, their letters and appeals."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from stu_case import permissions
from students.models.letters import Letter
from visitation.models.decisions import Appeal, Decision


def decisions(*, person) -> list[Decision]:
    return list(
        person.visitation_decisions.select_related(
            "institution",
            "recorded_by",
            "agenda_item__meeting",
            "recommendation",
            "letter",
        )
        .prefetch_related(
            "voters",
            Prefetch(
                "appeals",
                queryset=Appeal.objects.select_related("registered_by").order_by("-received_on"),
            ),
        )
        .order_by("-decided_on", "-pk")
    )


def decision_for(*, user, pk) -> Decision:
    """A decision whose person the user may see the case material of, else 404."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return permissions.get_or_404(
        Decision.objects.select_related(
            "person__municipality",
            "recommendation",
            "agenda_item__meeting__committee",
            "institution",
        ).filter(person__in=visible),
        pk,
    )


def latest_letter(*, decision) -> Letter:
    """The decision's letter as last made (``students.Letter``), else 404."""
    if decision.letter_id is None:
        raise Http404
    return decision.letter


def appeal_for(*, user, pk) -> Appeal:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    return permissions.get_or_404(
        Appeal.objects.select_related("decision__person", "decision__recommendation").filter(
            person__in=visible
        ),
        pk,
    )
