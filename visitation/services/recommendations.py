"""Visitation writes: the recommendation, its offers and the pre-coordination sign-offs."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from students.models import PersonStatus, YoungPerson
from visitation.models.recommendations import (
    SIGN_OFF_ROLE,
    Agency,
    OfferedInstitution,
    Recommendation,
    RecommendationStatus,
    SignOff,
)
from visitation.services.clarification import _save, _set_person_status

RECOMMENDATION_FIELDS = (
    "target_group_assessment",
    "other_options",
    "single_offer_reason",
    "proposed_institution",
    "proposed_start",
    "young_person_view",
    "young_person_heard_on",
    "relatives_view",
    "relatives_heard_on",
    "relatives_not_heard_reason",
    "alternative_institution",
    "alternative_proposal",
    "alternative_answer",
    "alternative_answer_reason",
    "alternative_answered_on",
)


def _set_offers(recommendation: Recommendation, institutions: Iterable) -> bool:
    wanted = {i.pk: i for i in institutions}
    current = set(recommendation.offers.values_list("institution_id", flat=True))
    removed = current - set(wanted)
    if removed:
        recommendation.offers.filter(institution_id__in=removed).delete()
    for pk in set(wanted) - current:
        OfferedInstitution.objects.create(
            recommendation=recommendation,
            person_id=recommendation.person_id,
            institution=wanted[pk],
        )
    return bool(removed or set(wanted) - current)


@transaction.atomic
def recommendation_create(
    *, person: YoungPerson, data: dict, offered: Iterable, user
) -> Recommendation:
    """Start UU's recommendation as a draft (it may be incomplete until submitted)."""
    if Recommendation.objects.filter(
        person=person, status__in=["draft", "submitted", "ready", "on_agenda"]
    ).exists():
        raise ValidationError(_("Den unge har allerede en åben indstilling."))
    recommendation = Recommendation(person=person, recommended_by=user)
    _save(recommendation, {k: v for k, v in data.items() if k in RECOMMENDATION_FIELDS})
    _set_offers(recommendation, offered)
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, data: dict, offered: Iterable, user
) -> Recommendation:
    """Change the content. After submission a change makes earlier sign-offs stale: the
    version goes up and the recommendation waits for pre-coordination again."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not recommendation.is_editable:
        raise ValidationError(
            _("Indstillingen er %(status)s og kan ikke længere ændres.")
            % {"status": recommendation.get_status_display().lower()}
        )
    changed = [
        f for f in RECOMMENDATION_FIELDS if f in data and getattr(recommendation, f) != data[f]
    ]
    for f in changed:
        setattr(recommendation, f, data[f])
    recommendation.full_clean()
    offers_changed = _set_offers(recommendation, offered)
    if (changed or offers_changed) and recommendation.status != RecommendationStatus.DRAFT:
        recommendation.version += 1
        recommendation.status = RecommendationStatus.SUBMITTED
        _check_submission(recommendation)
    recommendation.save()
    return recommendation


def _check_submission(recommendation: Recommendation) -> None:
    problems = recommendation.submission_problems()
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def recommendation_submit(*, recommendation: Recommendation, user) -> Recommendation:
    """Send the recommendation to pre-coordination with the administration and jobcenter."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != RecommendationStatus.DRAFT:
        raise ValidationError(_("Indstillingen er allerede sendt."))
    _check_submission(recommendation)
    recommendation.status = RecommendationStatus.SUBMITTED
    recommendation.submitted_at = timezone.now()
    recommendation.save(update_fields=["status", "submitted_at", "updated_at"])
    _set_person_status(recommendation.person, PersonStatus.RECOMMENDED)
    return recommendation


@transaction.atomic
def recommendation_withdraw(*, recommendation: Recommendation, user) -> Recommendation:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not recommendation.is_editable:
        raise ValidationError(
            _("En indstilling på dagsordenen skal fjernes fra dagsordenen, før den trækkes.")
        )
    recommendation.status = RecommendationStatus.WITHDRAWN
    recommendation.save(update_fields=["status", "updated_at"])
    if recommendation.person.status == PersonStatus.RECOMMENDED:
        _set_person_status(recommendation.person, PersonStatus.CLARIFICATION)
    return recommendation


def current_sign_offs(recommendation: Recommendation) -> dict[str, SignOff]:
    """The sign-off of each agency on the current version (stale ones do not count)."""
    return {
        s.agency: s
        for s in recommendation.sign_offs.all()
        if s.recommendation_version == recommendation.version
    }


def agenda_blockers(recommendation: Recommendation) -> list[str]:
    """Why the recommendation cannot go on an agenda yet (empty list = it can)."""
    if recommendation.status == RecommendationStatus.DRAFT:
        return [_("Indstillingen er en kladde og er ikke sendt til forhåndskoordinering.")]
    if recommendation.status not in (RecommendationStatus.SUBMITTED, RecommendationStatus.READY):
        return [
            _("Indstillingen er %(status)s.")
            % {"status": recommendation.get_status_display().lower()}
        ]
    blockers = []
    signed = current_sign_offs(recommendation)
    for agency in Agency:
        sign_off = signed.get(agency.value)
        if sign_off is None:
            blockers.append(
                _("Mangler forhåndskoordinering med %(agency)s.") % {"agency": agency.label.lower()}
            )
        elif not sign_off.agrees:
            blockers.append(
                _("%(agency)s er ikke enig: %(comment)s")
                % {"agency": agency.label, "comment": sign_off.comment}
            )
    return blockers


def _refresh_readiness(recommendation: Recommendation) -> None:
    if recommendation.status not in (RecommendationStatus.SUBMITTED, RecommendationStatus.READY):
        return
    ready = not agenda_blockers(recommendation)
    status = RecommendationStatus.READY if ready else RecommendationStatus.SUBMITTED
    if recommendation.status != status:
        recommendation.status = status
        recommendation.save(update_fields=["status", "updated_at"])


@transaction.atomic
def sign_off_record(
    *, recommendation: Recommendation, agency: str, agrees: bool, comment: str, user
) -> SignOff:
    """The social administration or the jobcenter agrees (or comments) before the meeting."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status not in (RecommendationStatus.SUBMITTED, RecommendationStatus.READY):
        raise ValidationError(
            _("Indstillingen kan kun forhåndskoordineres, når den er sendt og ikke er afgjort.")
        )
    if not permissions.has_role(user, SIGN_OFF_ROLE[agency]):
        raise ValidationError(
            _("Kun %(agency)s kan forhåndskoordinere på egne vegne.")
            % {"agency": Agency(agency).label.lower()}
        )
    sign_off = SignOff.objects.filter(
        recommendation=recommendation,
        agency=agency,
        recommendation_version=recommendation.version,
    ).first() or SignOff(
        recommendation=recommendation,
        person_id=recommendation.person_id,
        agency=agency,
        recommendation_version=recommendation.version,
    )
    _save(
        sign_off,
        {"agrees": agrees, "comment": comment, "signed_by": user, "signed_at": timezone.now()},
    )
    _refresh_readiness(recommendation)
    return sign_off
