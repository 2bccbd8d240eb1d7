"""Reads of the catalogue, scoped through ``stu_case.permissions``.

Seen from a municipality: the price is the agreed price when a quality agreement with the
user's municipality is valid today (else the list price), and the quality status comes from
the municipality's latest review of the institution ("overdue" once its next review is due).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions

from .models import (
    AREA_ORDER,
    Institution,
    QualityAgreement,
    QualityArea,
    QualityReview,
    QualityReviewItem,
    QualityStandard,
    QualityStatus,
    TargetGroup,
)


def _valid_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def catalogue(*, user, filters: dict | None = None, today: date | None = None) -> QuerySet:
    """The catalogue list: one query for the page plus one for the target groups."""
    filters = filters or {}
    today = today or timezone.localdate()
    municipality_id = user.municipality_id if permissions.works_for_municipality(user) else None
    qs = permissions.catalogue_institutions_for(user).filter(is_active=True)

    if municipality_id is not None:
        agreement = QualityAgreement.objects.filter(
            _valid_on(today), institution=OuterRef("pk"), municipalities=municipality_id
        ).order_by("-valid_from")
        latest = QualityReview.objects.filter(
            institution=OuterRef("pk"), municipality_id=municipality_id
        ).order_by("-review_date", "-id")
        qs = qs.annotate(
            agreement_title=Subquery(agreement.values("title")[:1]),
            agreement_price=Subquery(agreement.values("price_per_year")[:1]),
            has_agreement=Exists(agreement),
            latest_result=Subquery(latest.values("result")[:1]),
            latest_review_date=Subquery(latest.values("review_date")[:1]),
            latest_next_due=Subquery(latest.values("next_review_due")[:1]),
        ).annotate(
            effective_price=Coalesce(F("agreement_price"), F("price_per_year")),
            quality_status=Case(
                When(latest_result__isnull=True, then=Value(QualityStatus.NOT_REVIEWED.value)),
                When(latest_next_due__lt=today, then=Value(QualityStatus.OVERDUE.value)),
                default=F("latest_result"),
                output_field=CharField(),
            ),
        )
    else:
        # Institution staff and administrators: list prices, no municipality's view.
        qs = qs.annotate(
            effective_price=F("price_per_year"),
            quality_status=Value(None, output_field=CharField()),
        )
    if filters.get("q"):
        for term in filters["q"].split():
            qs = qs.filter(Q(name__icontains=term) | Q(city__icontains=term))
    if filters.get("target_group"):
        qs = qs.filter(target_groups=filters["target_group"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("max_price") is not None:
        qs = qs.filter(effective_price__lte=filters["max_price"])
    if filters.get("quality_status") and municipality_id:
        qs = qs.filter(quality_status=filters["quality_status"])
    if filters.get("with_agreement") and municipality_id:
        qs = qs.filter(has_agreement=True)
    return qs.prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name"))
    ).order_by("name", "pk")


def institution_detail(*, user, pk) -> Institution:
    return permissions.get_or_404(
        permissions.catalogue_institutions_for(user),
        pk,
        queryset=Institution.objects.prefetch_related("target_groups"),
    )


def quality_status_for(
    *, user, institution: Institution
) -> tuple[str | None, QualityReview | None]:
    """The institution's quality status seen from the user's municipality."""
    if not permissions.works_for_municipality(user):
        return None, None
    latest = (
        QualityReview.objects.filter(institution=institution, municipality_id=user.municipality_id)
        .select_related("reviewed_by")
        .order_by("-review_date", "-id")
        .first()
    )
    if latest is None:
        return QualityStatus.NOT_REVIEWED.value, None
    if latest.is_overdue:
        return QualityStatus.OVERDUE.value, latest
    return latest.result, latest


def agreements_for(*, user, institution: Institution) -> QuerySet:
    """Municipal staff see their municipality's agreements with the institution; its own
    staff and administrators see all of the institution's agreements."""
    qs = institution.agreements.prefetch_related("municipalities").order_by("-valid_from")
    if user.is_superuser or (
        permissions.is_institution_staff(user) and not permissions.works_for_municipality(user)
    ):
        return qs
    if permissions.works_for_municipality(user):
        return qs.filter(municipalities=user.municipality_id)
    return qs.none()


def reviews_for(*, user, institution: Institution) -> QuerySet:
    qs = institution.quality_reviews.select_related("municipality", "reviewed_by").order_by(
        "-review_date", "-id"
    )
    if user.is_superuser or (
        permissions.is_institution_staff(user) and not permissions.works_for_municipality(user)
    ):
        return qs
    if permissions.works_for_municipality(user):
        return qs.filter(municipality_id=user.municipality_id)
    return qs.none()


def standards_with_results(*, user, institution: Institution, review: QualityReview | None):
    """The user's municipality's standards by area, each with its result in ``review``."""
    if not permissions.works_for_municipality(user):
        return OrderedDict()
    results = {}
    if review is not None:
        results = {
            item.standard_id: item for item in QualityReviewItem.objects.filter(review=review)
        }
    grouped: OrderedDict[str, dict] = OrderedDict(
        (a, {"label": QualityArea(a).label, "standards": []}) for a in AREA_ORDER
    )
    for standard in QualityStandard.objects.filter(
        municipality_id=user.municipality_id, is_active=True
    ).order_by("area", "title"):
        grouped[standard.area]["standards"].append(
            {"standard": standard, "item": results.get(standard.pk)}
        )
    return OrderedDict((k, v) for k, v in grouped.items() if v["standards"])


def target_group_choices() -> list[tuple[int, str]]:
    return list(TargetGroup.objects.filter(is_active=True).values_list("pk", "name"))


# ---------------------------------------------------------------- agreement overlaps
def overlapping_agreements(
    *,
    institution: Institution,
    municipality_ids,
    valid_from: date,
    valid_to: date | None,
    exclude_pk: int | None = None,
) -> list[QualityAgreement]:
    """Agreements between the institution and any of the municipalities overlapping the
    period ``valid_from``–``valid_to`` (open-ended when ``None``)."""
    qs = QualityAgreement.objects.filter(
        institution=institution, municipalities__in=list(municipality_ids)
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.distinct())


def overlap_message(clash: list[QualityAgreement]) -> str:
    return _(
        "Perioden overlapper en anden aftale mellem institutionen og en af kommunerne: "
        "%(titles)s. Afslut den gamle aftale, før den nye begynder."
    ) % {"titles": ", ".join(f"“{a.title}”" for a in clash)}
