"""Visitation writes: committee meetings, the agenda and the members' access to the cases."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from visitation.models.committee import (
    AgendaItem,
    Committee,
    CommitteeAccessGrant,
    Meeting,
    MeetingStatus,
)
from visitation.models.recommendations import Recommendation, RecommendationStatus
from visitation.services.recommendations import _refresh_readiness, agenda_blockers


def committee_check_composition(committee: Committee) -> None:
    problems = committee.composition_problems()
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def meeting_create(*, committee: Committee, starts_at: datetime, location: str, user) -> Meeting:
    """Plan a meeting. A committee whose composition breaks the rules cannot meet."""
    committee_check_composition(committee)
    meeting = Meeting(committee=committee, starts_at=starts_at, location=location, created_by=user)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_add_to_agenda(
    *, meeting: Meeting, recommendations: Iterable[Recommendation], user
) -> list[AgendaItem]:
    """Put ready recommendations on the agenda; the members get access to those cases."""
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Dagsordenen kan kun ændres for et planlagt møde."))
    committee_check_composition(meeting.committee)
    items = []
    position = meeting.items.aggregate(m=Max("position"))["m"] or 0
    for rec in recommendations:
        rec = Recommendation.objects.select_for_update().select_related("person").get(pk=rec.pk)
        if rec.person.municipality_id != meeting.committee.municipality_id:
            raise ValidationError(_("Indstillingen hører til en anden kommune."))
        _refresh_readiness(rec)
        blockers = agenda_blockers(rec)
        if blockers or rec.status != RecommendationStatus.READY:
            raise ValidationError(
                [_("%(name)s kan ikke sættes på dagsordenen:") % {"name": rec.person}, *blockers]
            )
        position += 1
        item = AgendaItem(
            meeting=meeting,
            recommendation=rec,
            person=rec.person,
            position=position,
            presenter=rec.recommended_by,
        )
        item.full_clean()
        item.save()
        rec.status = RecommendationStatus.ON_AGENDA
        rec.save(update_fields=["status", "updated_at"])
        items.append(item)
    committee_sync_access(committee=meeting.committee)
    return items


@transaction.atomic
def meeting_remove_from_agenda(*, item: AgendaItem, user) -> None:
    """Take an undecided case off the agenda: it is ready again, the members lose access."""
    if hasattr(item, "decision"):
        raise ValidationError(_("Sagen er afgjort og kan ikke fjernes fra dagsordenen."))
    rec = item.recommendation
    committee = item.meeting.committee
    _revoke_grants(CommitteeAccessGrant.objects.filter(agenda_item=item, revoked_at__isnull=True))
    item.delete()
    rec.status = RecommendationStatus.SUBMITTED
    rec.save(update_fields=["status", "updated_at"])
    _refresh_readiness(rec)
    committee_sync_access(committee=committee)


@transaction.atomic
def meeting_save_minutes(
    *, meeting: Meeting, minutes: str, attendees: str, held: bool, user
) -> Meeting:
    meeting.minutes = minutes
    meeting.attendees = attendees
    if held:
        meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "attendees", "status"])
    return meeting


def _revoke_grants(grants) -> int:
    """Close grants; remove the guardian permission where no other open grant remains."""
    now = timezone.now()
    closed = list(grants.select_related("user", "person"))
    if not closed:
        return 0
    CommitteeAccessGrant.objects.filter(pk__in=[g.pk for g in closed]).update(revoked_at=now)
    for pair in {(g.user_id, g.person_id): g for g in closed}.values():
        still_open = CommitteeAccessGrant.objects.filter(
            user_id=pair.user_id, person_id=pair.person_id, revoked_at__isnull=True
        ).exists()
        if not still_open:
            permissions.revoke_committee_member(pair.user, pair.person)
    return len(closed)


@transaction.atomic
def committee_sync_access(*, committee: Committee, now: datetime | None = None) -> int:
    """Make the per-user access of the members match the open agenda items.

    Every active member gets access to each case on an agenda that is undecided or still
    within the access period after its decision; members who left the committee, were
    deactivated or moved to another municipality lose it. Safe to repeat.
    """
    now = now or timezone.now()
    members = list(
        committee.members.filter(
            is_active=True, user__is_active=True, user__municipality_id=committee.municipality_id
        ).select_related("user")
    )
    open_items = list(
        AgendaItem.objects.filter(meeting__committee=committee)
        .filter(Q(access_until__isnull=True) | Q(access_until__gt=now))
        .select_related("person")
    )
    existing = set(
        CommitteeAccessGrant.objects.filter(
            agenda_item__in=open_items, revoked_at__isnull=True
        ).values_list("agenda_item_id", "user_id")
    )
    created = 0
    for item in open_items:
        for member in members:
            if (item.pk, member.user_id) in existing:
                continue
            CommitteeAccessGrant.objects.create(
                agenda_item=item, user=member.user, person=item.person
            )
            permissions.grant_committee_member(member.user, item.person)
            created += 1
    _revoke_grants(
        CommitteeAccessGrant.objects.filter(
            agenda_item__meeting__committee=committee, revoked_at__isnull=True
        ).exclude(user_id__in=[m.user_id for m in members])
    )
    return created


@transaction.atomic
def committee_access_revoke_expired(*, now: datetime | None = None) -> int:
    """Periodic: withdraw the members' access when the period after the decision has run out.

    Idempotent: a second run finds no open grant past its period and changes nothing.
    """
    now = now or timezone.now()
    return _revoke_grants(
        CommitteeAccessGrant.objects.filter(
            revoked_at__isnull=True,
            agenda_item__access_until__isnull=False,
            agenda_item__access_until__lte=now,
        )
    )
