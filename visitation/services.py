"""Writes for visitation: clarification, recommendation, sign-offs, meetings, decisions, appeals.

Keyword-only, atomic, ``full_clean`` before save. Person status changes, enrolments, plan
updates and flags go through ``students.services``; object permissions through
``stu_case.permissions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.notifications.services import notification_send
from students.models import (
    CLARIFICATION_MAX_WEEKS,
    EducationPlan,
    FlagKind,
    PersonStatus,
    Severity,
    YoungPerson,
    add_years,
)
from students.services import enrolments as enrolment_services
from students.services import flags as flag_services
from students.services import people as people_services
from students.services import plans as plan_services

from .models import (
    SIGN_OFF_ROLE,
    Agency,
    AgendaItem,
    Appeal,
    AppealGuidance,
    AppealOutcome,
    Committee,
    CommitteeAccessGrant,
    Decision,
    InstitutionVisit,
    IntroCourse,
    Meeting,
    MeetingStatus,
    MemberKind,
    OfferedInstitution,
    Outcome,
    Recommendation,
    RecommendationStatus,
    SchoolCoordination,
    SignOff,
    Wish,
)

DEFAULT_APPEAL_GUIDANCE = (
    "Du kan klage over afgørelsen til Klagenævnet for Specialundervisning. Klagenævnets "
    "sekretariat ligger i Ankestyrelsen. Du kan klage over, om du får tilbudt STU, og over om "
    "indholdet passer til dine ønsker og behov, herunder din uddannelsesplan. Klagen sendes "
    "direkte til klagenævnet – kommunen skal ikke vurdere sagen igen først.\n\n"
    "Skriv i klagen, hvad du er uenig i, og vedlæg gerne dette brev. Du kan klage digitalt via "
    "Ankestyrelsens hjemmeside. Ring til din kontaktperson, hvis du vil have hjælp til at klage."
)


def _set_person_status(person: YoungPerson, status: str) -> None:
    if person.status != status:
        people_services.young_person_update(person=person, data={"status": status})


def _advance_to_clarification(person: YoungPerson) -> None:
    """The first visit, course or wish moves an expected candidate into clarification."""
    if person.status == PersonStatus.CANDIDATE:
        _set_person_status(person, PersonStatus.CLARIFICATION)


def _save(obj, data: dict):
    for field, value in data.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


# ---------------------------------------------------------------- before STU
@transaction.atomic
def school_coordination_save(*, person: YoungPerson, data: dict, user) -> SchoolCoordination:
    """Register (or update) an expected candidate with the primary school."""
    coordination = SchoolCoordination.objects.filter(person=person).first()
    if coordination is None:
        coordination = SchoolCoordination(person=person, registered_by=user)
    return _save(coordination, data)


@transaction.atomic
def visit_save(
    *, person: YoungPerson, data: dict, user, visit: InstitutionVisit | None = None
) -> InstitutionVisit:
    visit = visit or InstitutionVisit(person=person, recorded_by=user)
    _save(visit, data)
    _advance_to_clarification(person)
    return visit


@transaction.atomic
def intro_course_save(
    *, person: YoungPerson, data: dict, user, course: IntroCourse | None = None
) -> IntroCourse:
    course = course or IntroCourse(person=person, recorded_by=user)
    _save(course, data)
    _advance_to_clarification(person)
    return course


@transaction.atomic
def wish_add(*, person: YoungPerson, institution, reason: str, user) -> Wish:
    """Add a wish at the bottom of the young person's ranked list."""
    last = Wish.objects.filter(person=person).aggregate(m=Max("rank"))["m"] or 0
    wish = Wish(person=person, institution=institution, rank=last + 1, reason=reason)
    wish.recorded_by = user
    wish.full_clean()
    wish.save()
    _advance_to_clarification(person)
    return wish


@transaction.atomic
def wish_move(*, wish: Wish, up: bool) -> Wish:
    """Swap a wish with its neighbour above (``up``) or below."""
    wishes = Wish.objects.select_for_update().filter(person_id=wish.person_id)
    neighbour = (
        wishes.filter(rank__lt=wish.rank).order_by("-rank").first()
        if up
        else wishes.filter(rank__gt=wish.rank).order_by("rank").first()
    )
    if neighbour is None:
        return wish
    mine, theirs = wish.rank, neighbour.rank
    # Two steps through a free rank (0) keep the unique (person, rank) constraint satisfied.
    Wish.objects.filter(pk=wish.pk).update(rank=0)
    Wish.objects.filter(pk=neighbour.pk).update(rank=mine)
    Wish.objects.filter(pk=wish.pk).update(rank=theirs)
    wish.refresh_from_db()
    return wish


@transaction.atomic
def wish_remove(*, wish: Wish) -> None:
    person_id, rank = wish.person_id, wish.rank
    wish.delete()
    for later in Wish.objects.filter(person_id=person_id, rank__gt=rank).order_by("rank"):
        Wish.objects.filter(pk=later.pk).update(rank=F("rank") - 1)


def visited_institution_ids(*, person: YoungPerson) -> set[int]:
    """Different institutions the young person has seen: visits and introduction courses."""
    visits = InstitutionVisit.objects.filter(person=person).values_list("institution_id", flat=True)
    courses = IntroCourse.objects.filter(person=person).values_list("institution_id", flat=True)
    return set(visits) | set(courses)


# ---------------------------------------------------------------- the recommendation
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


# ---------------------------------------------------------------- meetings and agenda
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


# ---------------------------------------------------------------- committee access
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
    within the access period after its decision; members who left lose it. Safe to repeat.
    """
    now = now or timezone.now()
    members = list(committee.members.filter(is_active=True).select_related("user"))
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


def people_started(*, today: date | None = None) -> int:
    """Periodic: a decided young person whose STU has started is now enrolled."""
    today = today or timezone.localdate()
    count = 0
    for person in YoungPerson.objects.filter(
        status=PersonStatus.DECIDED,
        enrolments__status="active",
        enrolments__start_date__lte=today,
    ).distinct():
        with transaction.atomic():
            _set_person_status(person, PersonStatus.ENROLLED)
        count += 1
    return count


# ---------------------------------------------------------------- decisions
def appeal_guidance_for(municipality) -> tuple[str, int | None]:
    """The municipality's own guidance, else the common one, else the built-in text."""
    guidance = (
        AppealGuidance.objects.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .order_by(F("municipality_id").asc(nulls_last=True))
        .first()
    )
    if guidance is None:
        return DEFAULT_APPEAL_GUIDANCE, None
    return guidance.text, guidance.deadline_weeks


DECISION_FIELDS = (
    "outcome",
    "institution",
    "start_date",
    "other_offer",
    "legal_basis",
    "facts",
    "considerations",
    "justification",
    "hearing_sent_on",
    "hearing_answered_on",
    "hearing_answer",
    "decided_on",
)


def _validate_voters(agenda_item: AgendaItem, voters: list) -> None:
    committee = agenda_item.meeting.committee
    voting_ids = set(
        committee.members.filter(is_active=True, kind=MemberKind.VOTING).values_list(
            "user_id", flat=True
        )
    )
    if not voters:
        raise ValidationError({"voters": _("Vælg de stemmeberettigede medlemmer, der deltog.")})
    recommender = agenda_item.recommendation.recommended_by_id
    if any(v.pk == recommender for v in voters):
        raise ValidationError(
            {
                "voters": _(
                    "Den UU-vejleder, der har skrevet indstillingen, kan ikke stemme om sin "
                    "egen indstilling."
                )
            }
        )
    strangers = [str(v) for v in voters if v.pk not in voting_ids]
    if strangers:
        raise ValidationError(
            {
                "voters": _("%(names)s er ikke stemmeberettiget medlem af udvalget.")
                % {"names": ", ".join(strangers)}
            }
        )


@transaction.atomic
def decision_record(*, agenda_item: AgendaItem, data: dict, voters: list, user) -> Decision:
    """Record the committee's decision — all or nothing.

    Granted: the enrolment starts (with its clarification phase, giving the institution
    access), the plan is updated with a revision, the person is decided/enrolled and the
    contact person is notified. Refused / other offer: the pipeline step closes with its
    reasons. Postponed: the recommendation is ready for a later meeting. Every outcome except
    postponed gets a stored decision letter. The members' access runs out after the period.
    """
    agenda_item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting__committee", "recommendation", "person")
        .get(pk=agenda_item.pk)
    )
    if hasattr(agenda_item, "decision") and agenda_item.decision.pk:
        raise ValidationError(_("Der er allerede truffet afgørelse i denne sag."))
    if not permissions.can_record_decision(user, agenda_item):
        raise ValidationError(_("Du kan ikke registrere afgørelser for dette udvalg."))
    recommendation = agenda_item.recommendation
    person = YoungPerson.objects.select_for_update().get(pk=agenda_item.person_id)
    committee = agenda_item.meeting.committee
    _validate_voters(agenda_item, voters)

    guidance, deadline_weeks = appeal_guidance_for(person.municipality)
    decision = Decision(
        recommendation=recommendation,
        agenda_item=agenda_item,
        person=person,
        recorded_by=user,
        appeal_guidance=guidance,
    )
    for field in DECISION_FIELDS:
        if field in data:
            setattr(decision, field, data[field])
    if decision.outcome != Outcome.GRANTED:
        decision.institution = None
        decision.start_date = None
    if decision.outcome != Outcome.OTHER_OFFER:
        decision.other_offer = ""
    if deadline_weeks and decision.decided_on:
        decision.appeal_deadline = decision.decided_on + timedelta(weeks=deadline_weeks)
    decision.full_clean()
    decision.save()
    decision.voters.set(voters)

    now = timezone.now()
    agenda_item.decided_at = now
    agenda_item.access_until = now + timedelta(days=committee.access_days_after_decision)
    agenda_item.save(update_fields=["decided_at", "access_until"])

    if decision.outcome == Outcome.POSTPONED:
        recommendation.status = RecommendationStatus.READY
        recommendation.save(update_fields=["status", "updated_at"])
        return decision

    recommendation.status = RecommendationStatus.DECIDED
    recommendation.save(update_fields=["status", "updated_at"])
    if decision.outcome == Outcome.GRANTED:
        _carry_out_grant(decision=decision, person=person, user=user)
    else:
        _set_person_status(person, PersonStatus.REFUSED)
    from .letters import decision_letter_create

    decision_letter_create(decision=decision, user=user)
    _notify_contact_person(decision=decision, person=person)
    return decision


def _carry_out_grant(*, decision: Decision, person: YoungPerson, user) -> None:
    enrolment = enrolment_services.enrolment_start(
        person=person,
        institution=decision.institution,
        start_date=decision.start_date,
        clarification_weeks=CLARIFICATION_MAX_WEEKS,
    )
    decision.enrolment = enrolment
    decision.save(update_fields=["enrolment"])
    today = timezone.localdate()
    # enrolment_start marks the person enrolled; until the start date they are "visiteret".
    if decision.start_date > today:
        _set_person_status(person, PersonStatus.DECIDED)
    plan = EducationPlan.objects.get(person=person)
    clarification = _(
        "Afklaringsforløb på %(institution)s fra %(start)s til %(end)s (højst 12 uger). "
        "Planen gøres færdig ved afklaringsforløbets afslutning."
    ) % {
        "institution": decision.institution,
        "start": enrolment.start_date.strftime("%d.%m.%Y"),
        "end": enrolment.clarification_end_date.strftime("%d.%m.%Y"),
    }
    activities = clarification + ("\n\n" + plan.activities if plan.activities else "")
    due = min(max(enrolment.clarification_end_date, today), add_years(today, 1))
    plan_services.plan_update(
        plan=plan,
        expected_version=plan.version,
        data={"activities": activities, "next_revision_due": due},
        revision=plan_services.RevisionInfo(
            reason=_("Afgørelse om STU: bevilget på %(institution)s fra %(start)s.")
            % {
                "institution": decision.institution,
                "start": decision.start_date.strftime("%d.%m.%Y"),
            },
            justification=decision.justification,
            young_person_took_part=bool(decision.recommendation.young_person_heard_on),
            relatives_took_part=bool(decision.recommendation.relatives_heard_on),
        ),
        user=user,
    )


def _notify_contact_person(*, decision: Decision, person: YoungPerson) -> None:
    recipient = person.contact_person or decision.recommendation.recommended_by
    text = {
        Outcome.GRANTED: _("%(name)s er visiteret til STU på %(institution)s fra %(start)s."),
        Outcome.REFUSED: _("%(name)s har fået afslag på STU."),
        Outcome.OTHER_OFFER: _("%(name)s har fået tilbudt andet end STU."),
    }[decision.outcome] % {
        "name": person.full_name,
        "institution": decision.institution or "",
        "start": decision.start_date.strftime("%d.%m.%Y") if decision.start_date else "",
    }
    notification_send(
        recipient=recipient,
        title=_("Afgørelse i visitationsudvalget: %(name)s") % {"name": person.full_name},
        body=text
        + " "
        + _("Husk at sende afgørelsesbrevet og registrere, hvornår afgørelsen er meddelt."),
        url=reverse("visitation:person", args=[person.pk]),
    )


@transaction.atomic
def decision_mark_notified(*, decision: Decision, notified_on: date) -> Decision:
    """Record when the party got the decision; an appeal deadline runs from that day."""
    decision.notified_on = notified_on
    _text, weeks = appeal_guidance_for(decision.person.municipality)
    if weeks:
        decision.appeal_deadline = notified_on + timedelta(weeks=weeks)
    decision.full_clean()
    decision.save(update_fields=["notified_on", "appeal_deadline"])
    return decision


# ---------------------------------------------------------------- appeals
APPEAL_FIELDS = (
    "received_on",
    "grounds",
    "sent_to_board_on",
    "board_reference",
    "outcome",
    "outcome_on",
    "outcome_notes",
)


@transaction.atomic
def appeal_register(*, decision: Decision, data: dict, user) -> Appeal:
    if decision.outcome == Outcome.POSTPONED:
        raise ValidationError(_("En udsættelse er ikke en afgørelse, der kan påklages."))
    appeal = Appeal(decision=decision, person_id=decision.person_id, registered_by=user)
    _save(appeal, {k: v for k, v in data.items() if k in APPEAL_FIELDS})
    _follow_up_appeal(appeal)
    return appeal


@transaction.atomic
def appeal_update(*, appeal: Appeal, data: dict, user) -> Appeal:
    before = appeal.outcome
    _save(appeal, {k: v for k, v in data.items() if k in APPEAL_FIELDS})
    if appeal.outcome != before:
        _follow_up_appeal(appeal)
    return appeal


def _follow_up_appeal(appeal: Appeal) -> None:
    """Changed or sent back by the board: the municipality must decide again.

    A refused case is reopened (the recommendation is ready for a new meeting) and the team
    gets a flag on the person, so it is on the next status meeting's agenda too.
    """
    if appeal.outcome not in (AppealOutcome.CHANGED, AppealOutcome.SENT_BACK):
        return
    person = YoungPerson.objects.get(pk=appeal.person_id)
    recommendation = appeal.decision.recommendation
    if (
        person.status == PersonStatus.REFUSED
        and not Recommendation.objects.filter(
            person=person, status__in=["draft", "submitted", "ready", "on_agenda"]
        ).exists()
    ):
        recommendation.status = RecommendationStatus.READY
        recommendation.save(update_fields=["status", "updated_at"])
        _set_person_status(person, PersonStatus.RECOMMENDED)
    flag_services.flag_raise(
        person=person,
        kind=FlagKind.OTHER,
        severity=Severity.CRITICAL,
        details=_(
            "Klagenævnet for Specialundervisning har %(outcome)s afgørelsen af %(date)s. "
            "Kommunen skal træffe en ny afgørelse."
        )
        % {
            "outcome": appeal.get_outcome_display().lower(),
            "date": appeal.decision.decided_on.strftime("%d.%m.%Y"),
        },
    )


# ---------------------------------------------------------------- committee admin
@transaction.atomic
def committee_member_save(*, member, data: dict):
    """Add or change a member (the admin uses the same rules through ``clean``)."""
    _save(member, data)
    committee_sync_access(committee=member.committee)
    return member
