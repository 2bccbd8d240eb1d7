"""Writes to the catalogue: institutions, quality reviews, agreements, and the overdue job.

Administrators edit the catalogue in the Django admin, which validates through the same
model ``clean`` methods and ``selectors.overlapping_agreements``; these services are what
code (the demo data, jobs) uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stu_case.accounts import roles
from stu_case.formats import short_date
from stu_case.notifications.services import notification_send

from . import selectors
from .models import (
    Institution,
    QualityAgreement,
    QualityReview,
    QualityReviewItem,
    QualityStandard,
)


@transaction.atomic
def institution_create(*, target_groups: Iterable = (), **fields) -> Institution:
    institution = Institution(**fields)
    institution.full_clean(exclude=["staff_group"])  # save() creates the staff group
    institution.save()
    if target_groups:
        institution.target_groups.set(target_groups)
    return institution


INSTITUTION_FIELDS = (
    "name",
    "kind",
    "address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "contact_name",
    "offer_description",
    "capacity",
    "price_per_year",
)


@transaction.atomic
def institution_update(
    *, institution: Institution, target_groups: Iterable | None = None, **fields
) -> Institution:
    """Update the catalogue data of an institution (the CVR number never changes)."""
    unknown = set(fields) - set(INSTITUTION_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    changed = [f for f, v in fields.items() if getattr(institution, f) != v]
    for f in changed:
        setattr(institution, f, fields[f])
    if changed:
        institution.full_clean()
        institution.save(update_fields=changed)
    if target_groups is not None:
        institution.target_groups.set(target_groups)
    return institution


@transaction.atomic
def institution_deactivate(*, institution: Institution) -> Institution:
    """Institutions are deactivated, never deleted: history and enrolments refer to them."""
    if institution.is_active:
        institution.is_active = False
        institution.save(update_fields=["is_active"])
    return institution


@transaction.atomic
def quality_standard_create(*, municipality, area: str, title: str, requirement: str):
    standard = QualityStandard(
        municipality=municipality, area=area, title=title, requirement=requirement
    )
    standard.full_clean()
    standard.save()
    return standard


@transaction.atomic
def quality_review_record(
    *,
    institution: Institution,
    municipality,
    review_date: date,
    result: str,
    next_review_due: date,
    notes: str = "",
    reviewed_by=None,
    items: Sequence[tuple[QualityStandard, str, str]] = (),
) -> QualityReview:
    """Record a follow-up review, optionally with a result per quality standard."""
    review = QualityReview(
        institution=institution,
        municipality=municipality,
        review_date=review_date,
        result=result,
        next_review_due=next_review_due,
        notes=notes,
        reviewed_by=reviewed_by,
    )
    review.full_clean()
    review.save()
    for standard, item_result, note in items:
        item = QualityReviewItem(review=review, standard=standard, result=item_result, note=note)
        item.full_clean()
        item.save()
    return review


@transaction.atomic
def quality_agreement_create(
    *,
    institution: Institution,
    municipalities: Sequence,
    title: str,
    valid_from: date,
    valid_to: date | None = None,
    price_per_year: Decimal | None = None,
    **fields,
) -> QualityAgreement:
    """Create an agreement for one or more municipalities (a shared tender has several).

    Refused when it would overlap another agreement between the same institution and one of
    the municipalities: the reporting terms must be unambiguous on every day.
    """
    if not municipalities:
        raise ValidationError({"municipalities": _("Vælg mindst én kommune.")})
    agreement = QualityAgreement(
        institution=institution,
        title=title,
        valid_from=valid_from,
        valid_to=valid_to,
        price_per_year=price_per_year,
        **fields,
    )
    agreement.full_clean()
    clash = selectors.overlapping_agreements(
        institution=institution,
        municipality_ids=[m.pk for m in municipalities],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if clash:
        raise ValidationError(selectors.overlap_message(clash))
    agreement.save()
    agreement.municipalities.set(municipalities)
    return agreement


# ---------------------------------------------------------------- the overdue-review job
def quality_reviews_remind_overdue(*, today: date | None = None) -> int:
    """Remind each municipality's managers once when its latest review of an active
    institution is past ``next_review_due``. Returns the number of reviews reminded about.

    Safe to run twice or concurrently: the reviews are claimed with ``SELECT … FOR UPDATE
    SKIP LOCKED`` and stamped ``overdue_notified_at`` in the same transaction. A new review
    replaces the latest one, so the next time it falls due there is a new reminder.
    """
    with translation.override(settings.LANGUAGE_CODE):  # stored texts: the site language
        return _remind_overdue(today or timezone.localdate())


def _remind_overdue(today: date) -> int:
    latest = QualityReview.objects.filter(
        institution=OuterRef("institution"), municipality=OuterRef("municipality")
    ).order_by("-review_date", "-id")
    with transaction.atomic():
        due = list(
            QualityReview.objects.filter(
                pk=Subquery(latest.values("pk")[:1]),
                next_review_due__lt=today,
                overdue_notified_at__isnull=True,
                institution__is_active=True,
            )
            .select_related("institution", "municipality")
            .select_for_update(skip_locked=True, of=("self",))
        )
        if not due:
            return 0
        QualityReview.objects.filter(pk__in=[r.pk for r in due]).update(
            overdue_notified_at=timezone.now()
        )
        recipients = _review_recipients({r.municipality_id for r in due})
        for review in due:
            for user in recipients.get(review.municipality_id, []):
                notification_send(
                    recipient=user,
                    title=_("Kvalitetsopfølgning overskredet: %(inst)s")
                    % {"inst": review.institution.name},
                    body=_(
                        "Næste opfølgning på %(inst)s skulle være sket senest %(due)s. "
                        "Seneste opfølgning var %(last)s (%(result)s)."
                    )
                    % {
                        "inst": review.institution.name,
                        "due": short_date(review.next_review_due),
                        "last": short_date(review.review_date),
                        "result": review.get_result_display().lower(),
                    },
                    url=reverse("institutions:detail", args=[review.institution_id]),
                )
    return len(due)


def _review_recipients(municipality_ids: set[int]) -> dict[int, list]:
    """The municipality's managers (``leder``); without any, its ``forvaltning`` staff."""
    users = (
        get_user_model()
        .objects.active()
        .in_municipality(*municipality_ids)
        .with_role(*roles.QUALITY_REVIEW_ROLES)
        .prefetch_related("groups")
    )
    leaders: dict[int, list] = defaultdict(list)
    others: dict[int, list] = defaultdict(list)
    for user in users:
        names = {g.name for g in user.groups.all()}
        (leaders if roles.LEDER in names else others)[user.municipality_id].append(user)
    return {m: leaders.get(m) or others.get(m, []) for m in municipality_ids}


# ---------------------------------------------------------------- internship places
INTERNSHIP_PLACE_FIELDS = (
    "company_name",
    "cvr",
    "address",
    "postal_code",
    "city",
    "contact_name",
    "contact_phone",
    "contact_email",
    "trades",
    "accommodations",
    "description",
    "capacity",
    "is_active",
    "shared_with_jobcenter",
)


@transaction.atomic
def internship_place_save(*, institution: Institution, data: dict, place=None):
    """Create or update an internship place kept by ``institution`` (its consultant)."""
    from .models import InternshipPlace

    place = place or InternshipPlace(institution=institution)
    if place.institution_id != institution.pk:
        raise ValidationError(_("Praktikstedet hører til en anden institution."))
    for field in INTERNSHIP_PLACE_FIELDS:
        if field in data:
            setattr(place, field, data[field])
    place.cvr = (place.cvr or "").replace(" ", "")
    place.full_clean()
    if place.pk:
        place.save(update_fields=[*INTERNSHIP_PLACE_FIELDS, "updated_at"])
    else:
        place.save()
    return place
