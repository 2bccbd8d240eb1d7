"""Visitation reads: decisions, their letters and appeals."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from stu_case import permissions
from visitation.models.decisions import Appeal, Decision, DecisionLetter


def decisions(*, person) -> list[Decision]:
    return list(
        person.visitation_decisions.select_related(
            "institution",
            "recorded_by",
            "agenda_item__meeting",
            "recommendation",
        )
        .prefetch_related(
            "voters",
            Prefetch(
                "appeals",
                queryset=Appeal.objects.select_related("registered_by").order_by("-received_on"),
            ),
            Prefetch(
                "letters",
                queryset=DecisionLetter.objects.defer("pdf").order_by("-version"),
            ),
        )
        .order_by("-decided_on", "-pk")
    )


def decision_for(*, user, pk) -> Decision:
    """A decision whose person the user may see the case material of, else 404."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    try:
        return Decision.objects.select_related(
            "person__municipality",
            "recommendation",
            "agenda_item__meeting__committee",
            "institution",
        ).get(pk=pk, person__in=visible)
    except (Decision.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def latest_letter(*, decision) -> DecisionLetter:
    letter = decision.letters.order_by("-version").first()
    if letter is None:
        raise Http404
    return letter


def appeal_for(*, user, pk) -> Appeal:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE).values("pk")
    try:
        return Appeal.objects.select_related("decision__person", "decision__recommendation").get(
            pk=pk, person__in=visible
        )
    except (Appeal.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
