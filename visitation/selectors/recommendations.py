"""Visitation reads: a person's recommendations, decorated for the templates."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from visitation.models.recommendations import (
    OfferedInstitution,
    Recommendation,
    RecommendationStatus,
    SignOff,
)
from visitation.services import recommendations as services


def recommendations(*, person) -> list[Recommendation]:
    return list(
        person.recommendations.select_related(
            "recommended_by", "proposed_institution", "alternative_institution"
        )
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=OfferedInstitution.objects.select_related("institution").order_by(
                    "institution__name"
                ),
            ),
            Prefetch(
                "sign_offs",
                queryset=SignOff.objects.select_related("signed_by").order_by("-signed_at"),
            ),
        )
        .order_by("-created_at")
    )


def recommendation_for(*, person, pk) -> Recommendation:
    try:
        return person.recommendations.select_related("recommended_by").get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def decorate_recommendation(rec: Recommendation) -> Recommendation:
    """Sign-off rows, agenda blockers and submission problems for the templates (no queries
    beyond the prefetched sign-offs and offers)."""
    from visitation.models.recommendations import Agency

    signed = services.current_sign_offs(rec)
    rec.current_sign_offs = signed
    rec.sign_off_rows = [{"label": a.label, "sign_off": signed.get(a.value)} for a in Agency]
    rec.blockers = (
        services.agenda_blockers(rec)
        if rec.is_editable and rec.status != RecommendationStatus.DRAFT
        else []
    )
    rec.problems = (
        rec.submission_problems(offered=[o.institution for o in rec.offers.all()])
        if rec.status == RecommendationStatus.DRAFT
        else []
    )
    return rec
