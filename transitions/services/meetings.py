"""Writes for status meetings, and the periodic jobs that prepare and follow them up.

Every job is safe to run twice (or concurrently): status requests are unique per meeting and
institution, reminders and team notices are claimed with an ``UPDATE … WHERE … IS NULL``,
the "no meeting planned" notice is unique per municipality and period, and overdue actions
raise at most one open ACTION_OVERDUE flag per person (the flag table's constraint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.calendar import add_months, period_end, period_start
from stu_case.formats import short_date
from stu_case.i18n import in_site_language
from stu_case.notifications.models import NotificationKind
from stu_case.notifications.services import notification_send
from stu_case.pdf import render_pdf
from students.models import Enrolment
from students.services import flags as flag_services
from transitions import flags as transition_flags
from transitions.models.meetings import (
    ActionStatus,
    MeetingAction,
    MeetingItem,
    MeetingStatus,
    StatusAnswer,
    StatusMeeting,
    StatusMeetingGapNotice,
    StatusRequest,
)
from transitions.selectors import meetings as selectors

User = get_user_model()


def _local_date(dt: datetime) -> date:
    return timezone.localtime(dt).date()


def _team(municipality_id: int, *role_names: str):
    return (
        User.objects.active()
        .in_municipality(municipality_id)
        .with_role(*(role_names or roles.TEAM_ROLES))
    )


def _institution_staff(institution_id: int):
    return User.objects.filter(
        institution_memberships__institution_id=institution_id, is_active=True
    ).distinct()


# ---------------------------------------------------------------- meetings
@transaction.atomic
def status_meeting_create(
    *,
    municipality,
    starts_at: datetime,
    place: str,
    participants,
    other_participants: str = "",
    user,
) -> StatusMeeting:
    meeting = StatusMeeting(
        municipality=municipality,
        starts_at=starts_at,
        place=place,
        other_participants=other_participants,
        created_by=user,
    )
    meeting.full_clean()
    if starts_at < timezone.now() - timedelta(hours=12):
        raise ValidationError({"date": _("Et nyt statusmøde kan ikke ligge i fortiden.")})
    meeting.save()
    allowed = set(
        selectors.team_members(municipality_id=municipality.pk).values_list("pk", flat=True)
    )
    chosen = [p for p in participants if p.pk in allowed]
    meeting.participants.set(chosen)
    return meeting


@transaction.atomic
@in_site_language
def status_meeting_update(
    *,
    meeting: StatusMeeting,
    starts_at: datetime,
    place: str,
    participants,
    other_participants: str = "",
    user,
) -> StatusMeeting:
    """Move or change a planned meeting. When the status requests are already out, the
    unanswered ones get the new answer deadline and their institutions are told."""
    meeting = StatusMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt statusmøde kan ændres."))
    if starts_at < timezone.now():
        raise ValidationError({"date": _("Mødet skal ligge i fremtiden.")})
    old_day = _local_date(meeting.starts_at)
    meeting.starts_at = starts_at
    meeting.place = place
    meeting.other_participants = other_participants
    meeting.full_clean()
    meeting.save()
    allowed = set(
        selectors.team_members(municipality_id=meeting.municipality_id).values_list("pk", flat=True)
    )
    meeting.participants.set([p for p in participants if p.pk in allowed])
    new_day = _local_date(starts_at)
    if new_day != old_day:
        conf = selectors.settings_for(meeting.municipality_id)
        deadline = max(timezone.localdate(), new_day - timedelta(days=conf.answer_deadline_days))
        for req in meeting.requests.filter(answered_at__isnull=True):
            req.deadline = deadline
            req.save(update_fields=["deadline"])
            url = reverse("transitions:meeting_portal_request", args=[req.pk])
            for staff in _institution_staff(req.institution_id):
                notification_send(
                    kind=NotificationKind.MEETINGS,
                    recipient=staff,
                    title=_("Statusmødet er flyttet til %(day)s") % {"day": short_date(new_day)},
                    body=_("Giv status for jeres elever fra kommunen senest %(deadline)s.")
                    % {"deadline": short_date(deadline)},
                    url=url,
                )
    return meeting


@transaction.atomic
def meeting_items_sync(*, meeting: StatusMeeting, user) -> int:
    """Freeze the agenda's order into items (first call) and append students who became
    active since (later calls). Returns the number of items added. Safe to call twice."""
    meeting = StatusMeeting.objects.select_for_update().get(pk=meeting.pk)
    rows = selectors.build_agenda(user=user, meeting=meeting)
    existing = set(MeetingItem.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    last = MeetingItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    new = []
    for row in rows:
        if row.person.pk in existing:
            continue
        last += 1
        new.append(
            MeetingItem(
                meeting=meeting,
                person=row.person,
                position=last,
                urgency_reason=row.urgency_reason[:300],
            )
        )
    MeetingItem.objects.bulk_create(new)
    if meeting.started_at is None:
        meeting.started_at = timezone.now()
        meeting.save(update_fields=["started_at"])
    return len(new)


@transaction.atomic
def meeting_item_record(
    *, item: MeetingItem, status_note: str, decisions: str, user
) -> MeetingItem:
    if item.meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("Mødet er afsluttet; referatet kan ikke ændres."))
    item.status_note = status_note.strip()
    item.decisions = decisions.strip()
    item.discussed_at = timezone.now()
    item.updated_by = user
    item.full_clean()
    item.save(update_fields=["status_note", "decisions", "discussed_at", "updated_by"])
    if item.meeting.status == MeetingStatus.PLANNED:
        StatusMeeting.objects.filter(pk=item.meeting_id, status=MeetingStatus.PLANNED).update(
            status=MeetingStatus.HELD
        )
    return item


@transaction.atomic
def meeting_action_create(
    *, meeting: StatusMeeting, person, description: str, responsible, deadline: date, user
) -> MeetingAction:
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("Mødet er afsluttet; der kan ikke tilføjes opgaver."))
    if (
        not selectors.team_members(municipality_id=meeting.municipality_id)
        .filter(pk=responsible.pk)
        .exists()
    ):
        raise ValidationError({"responsible": _("Den ansvarlige skal være med i kommunens team.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("Fristen kan ikke ligge i fortiden.")})
    action = MeetingAction(
        meeting=meeting,
        person=person,
        description=description.strip(),
        responsible=responsible,
        deadline=deadline,
        created_by=user,
    )
    action.full_clean()
    action.save()
    if responsible.pk != user.pk:
        notification_send(
            kind=NotificationKind.DEADLINES,
            recipient=responsible,
            title=_("Ny opgave fra statusmødet"),
            body=_("%(what)s – frist %(deadline)s.")
            % {"what": action.description, "deadline": short_date(deadline)},
            url=reverse("transitions:meeting_actions"),
        )
    return action


@transaction.atomic
def meeting_action_complete(*, action: MeetingAction, user, note: str = "") -> MeetingAction:
    """Mark an action done; the person's ACTION_OVERDUE flag is resolved when nothing overdue
    is left. Marking it twice changes nothing."""
    action = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if action.status == ActionStatus.DONE:
        return action
    action.status = ActionStatus.DONE
    action.done_at = timezone.now()
    action.done_by = user
    action.done_note = note.strip()[:300]
    action.save(update_fields=["status", "done_at", "done_by", "done_note"])
    _resolve_overdue_flag_if_clear(action.person_id, timezone.localdate(), user=user)
    return action


def _resolve_overdue_flag_if_clear(person_id: int, today: date, *, user) -> int:
    still = MeetingAction.objects.filter(
        person_id=person_id, status=ActionStatus.OPEN, deadline__lt=today
    ).exists()
    if still:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return flag_services.flags_sync(
            kind=transition_flags.ACTION_OVERDUE,
            due={},
            scope=flag_services.people([person_id]),
            reason=_("Opgaverne fra statusmødet er udført."),
            resolved_by=user,
        ).resolved


@transaction.atomic
def status_meeting_close(
    *,
    meeting: StatusMeeting,
    summary: str,
    user,
    participants=None,
    other_participants: str | None = None,
) -> StatusMeeting:
    """Close the meeting (the minutes are final). ``participants``: who actually attended
    (members of the municipality's team); ``None`` keeps the planned participants."""
    meeting = StatusMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("Mødet er allerede afsluttet."))
    if not meeting.items.exists():
        raise ValidationError(
            _("Gå eleverne igennem, før mødet afsluttes (start gennemgangen af dagsordenen).")
        )
    meeting.summary = summary.strip()
    if other_participants is not None:
        meeting.other_participants = other_participants.strip()
    if participants is not None:
        team = selectors.team_members(municipality_id=meeting.municipality_id)
        allowed = set(team.values_list("pk", flat=True))
        meeting.participants.set([p for p in participants if p.pk in allowed])
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = user
    meeting.save(
        update_fields=["summary", "other_participants", "status", "closed_at", "closed_by"]
    )
    return meeting


# ---------------------------------------------------------------- the institution's answer
@transaction.atomic
def status_answers_save(*, status_request: StatusRequest, answers: list[dict], user) -> int:
    """Store the institution's answers (one per student; a new answer replaces the old) and
    mark the request answered. ``answers``: dicts with ``person`` and the answer fields."""
    meeting = status_request.meeting
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("Statusmødet er afsluttet; svaret kan ikke længere ændres."))
    allowed = set(
        permissions.status_request_enrolments(user, status_request).values_list(
            "person_id", flat=True
        )
    )
    now = timezone.now()
    saved = 0
    for data in answers:
        person = data.pop("person")
        if person.pk not in allowed:
            raise ValidationError(_("Eleven er ikke indskrevet på institutionen."))
        answer, _created = StatusAnswer.objects.update_or_create(
            request=status_request,
            person=person,
            defaults={**data, "answered_by": user, "answered_at": now},
        )
        answer.full_clean()
        saved += 1
    status_request.answered_at = now
    status_request.answered_by = user
    status_request.save(update_fields=["answered_at", "answered_by"])
    return saved


# ---------------------------------------------------------------- periodic jobs
@dataclass
class PrepResult:
    requests_created: int = 0
    team_notified: int = 0
    institution_notices: int = 0
    meetings: list[int] = field(default_factory=list)


def _institutions_with_students(municipality_id: int) -> list[int]:
    return sorted(
        set(
            Enrolment.objects.open()
            .filter(
                person__municipality_id=municipality_id,
                institution__is_active=True,
            )
            .values_list("institution_id", flat=True)
        )
    )


@in_site_language
def status_requests_send(*, now: datetime | None = None) -> PrepResult:
    """N days before each planned meeting: a status request to every institution with enrolled
    students of the municipality (notifying its staff), and one notice to the team."""
    now = now or timezone.now()
    today = _local_date(now)
    result = PrepResult()
    for meeting in StatusMeeting.objects.filter(
        status=MeetingStatus.PLANNED, starts_at__gt=now
    ).select_related("municipality"):
        conf = selectors.settings_for(meeting.municipality_id)
        meeting_day = _local_date(meeting.starts_at)
        if today < meeting_day - timedelta(days=conf.request_lead_days):
            continue
        result.meetings.append(meeting.pk)
        deadline = max(today, meeting_day - timedelta(days=conf.answer_deadline_days))
        for institution_id in _institutions_with_students(meeting.municipality_id):
            try:
                with transaction.atomic():
                    req = StatusRequest.objects.create(
                        meeting=meeting,
                        institution_id=institution_id,
                        deadline=deadline,
                        sent_at=now,
                    )
            except IntegrityError:
                continue  # already sent (or a concurrent run sent it)
            result.requests_created += 1
            url = reverse("transitions:meeting_portal_request", args=[req.pk])
            for staff in _institution_staff(institution_id):
                notification_send(
                    kind=NotificationKind.MEETINGS,
                    recipient=staff,
                    title=_("Statusanmodning fra %(m)s") % {"m": meeting.municipality},
                    body=_(
                        "Kommunen holder statusmøde %(day)s. Giv status for jeres elever fra "
                        "kommunen senest %(deadline)s."
                    )
                    % {"day": short_date(meeting_day), "deadline": short_date(deadline)},
                    url=url,
                )
                result.institution_notices += 1
        claimed = StatusMeeting.objects.filter(pk=meeting.pk, requests_sent_at__isnull=True).update(
            requests_sent_at=now
        )
        if claimed:
            count = meeting.requests.count()
            for member in _team(meeting.municipality_id):
                notification_send(
                    kind=NotificationKind.MEETINGS,
                    recipient=member,
                    title=_("Statusmøde %(day)s: statusanmodninger er sendt")
                    % {"day": short_date(meeting_day)},
                    body=_("%(n)s institution(er) er bedt om status inden %(deadline)s.")
                    % {"n": count, "deadline": short_date(deadline)},
                    url=reverse("transitions:meeting_detail", args=[meeting.pk]),
                )
                result.team_notified += 1
    return result


@in_site_language
def status_requests_remind(*, now: datetime | None = None) -> int:
    """Remind (once) the institutions that have not answered after the reminder delay."""
    now = now or timezone.now()
    reminded = 0
    candidates = StatusRequest.objects.filter(
        answered_at__isnull=True,
        reminded_at__isnull=True,
        meeting__status=MeetingStatus.PLANNED,
        meeting__starts_at__gt=now,
    ).select_related("meeting__municipality", "institution")
    for req in candidates:
        conf = selectors.settings_for(req.meeting.municipality_id)
        if req.sent_at > now - timedelta(days=conf.reminder_after_days):
            continue
        claimed = StatusRequest.objects.filter(
            pk=req.pk, reminded_at__isnull=True, answered_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            continue
        reminded += 1
        for staff in _institution_staff(req.institution_id):
            notification_send(
                kind=NotificationKind.MEETINGS,
                recipient=staff,
                title=_("Påmindelse: statusanmodning fra %(m)s") % {"m": req.meeting.municipality},
                body=_("Vi mangler jeres status for eleverne. Svarfristen er %(deadline)s.")
                % {"deadline": short_date(req.deadline)},
                url=reverse("transitions:meeting_portal_request", args=[req.pk]),
            )
    return reminded


def gap_period(today: date, frequency_months: int) -> tuple[date, date]:
    """The fixed period of ``frequency_months`` months that ``today`` falls in (periods start
    in January and follow each other), e.g. quarters for 3."""
    return period_start(today, frequency_months), period_end(today, frequency_months)


@in_site_language
def status_meeting_gaps_notify(*, today: date | None = None) -> int:
    """Tell the team (UU and leaders) when no meeting is planned within the coming period of
    the frequency (e.g. the next 3 months). Once per municipality and period."""
    today = today or timezone.localdate()
    from stu_case.accounts.models import Municipality

    notified = 0
    has_students = set(Enrolment.objects.open().values_list("person__municipality_id", flat=True))
    for municipality in Municipality.objects.filter(pk__in=has_students):
        conf = selectors.settings_for(municipality.pk)
        horizon = add_months(today, conf.frequency_months)
        planned = StatusMeeting.objects.filter(
            municipality=municipality,
            status=MeetingStatus.PLANNED,
            starts_at__date__gte=today,
            starts_at__date__lte=horizon,
        ).exists()
        if planned:
            continue
        start, end = gap_period(today, conf.frequency_months)
        try:
            with transaction.atomic():
                StatusMeetingGapNotice.objects.create(
                    municipality=municipality, period_start=start, period_end=end
                )
        except IntegrityError:
            continue
        for member in _team(municipality.pk, *roles.STATUS_MEETING_GAP_ROLES):
            notification_send(
                kind=NotificationKind.MEETINGS,
                recipient=member,
                title=_("Der er ikke planlagt et statusmøde"),
                body=_(
                    "Teamet holder statusmøde hver %(n)s. måned, men der er intet møde planlagt "
                    "før %(until)s. Planlæg det næste statusmøde."
                )
                % {"n": conf.frequency_months, "until": short_date(horizon)},
                url=reverse("transitions:meeting_list"),
            )
        notified += 1
    return notified


@dataclass
class OverdueResult:
    raised: int = 0
    resolved: int = 0
    notified: int = 0


@in_site_language
def meeting_actions_flag_overdue(*, today: date | None = None) -> OverdueResult:
    """Raise ACTION_OVERDUE on the young person for open actions past their deadline (one
    flag per person), remind the responsible once per action, and resolve flags whose
    actions are done."""
    today = today or timezone.localdate()
    result = OverdueResult()
    overdue = list(
        MeetingAction.objects.filter(status=ActionStatus.OPEN, deadline__lt=today)
        .select_related("person", "responsible")
        .order_by("person_id", "deadline")
    )
    by_person: dict[int, list[MeetingAction]] = {}
    for action in overdue:
        by_person.setdefault(action.person_id, []).append(action)
    due = {
        person_id: flag_services.FlagDue(
            details=_("Opgaver fra statusmødet er ikke udført til tiden: %(lines)s")
            % {
                "lines": "; ".join(
                    _("%(what)s (%(who)s, frist %(deadline)s)")
                    % {
                        "what": a.description,
                        "who": a.responsible,
                        "deadline": short_date(a.deadline),
                    }
                    for a in actions
                )
            },
            data={"action_ids": [a.pk for a in actions]},
        )
        for person_id, actions in by_person.items()
    }
    sync = flag_services.flags_sync(
        kind=transition_flags.ACTION_OVERDUE,
        due=due,
        reason=_("Opgaverne fra statusmødet er udført."),
        resolved_by="meeting_actions_flag_overdue",
    )
    result.raised, result.resolved = len(sync.raised), sync.resolved
    for action in overdue:
        claimed = MeetingAction.objects.filter(
            pk=action.pk, overdue_notified_at__isnull=True
        ).update(overdue_notified_at=timezone.now())
        if claimed:
            notification_send(
                kind=NotificationKind.DEADLINES,
                recipient=action.responsible,
                title=_("Opgave fra statusmødet er overskredet"),
                body=_("%(what)s for %(person)s – fristen var %(deadline)s.")
                % {
                    "what": action.description,
                    "person": action.person,
                    "deadline": short_date(action.deadline),
                },
                url=reverse("transitions:meeting_actions"),
            )
            result.notified += 1
    return result


# ---------------------------------------------------------------- minutes (PDF)
def minutes_html(ctx: dict) -> str:
    from django.template.loader import render_to_string

    with translation.override("da"):
        return render_to_string("transitions/meetings/minutes_pdf.html", ctx)


def minutes_pdf(ctx: dict) -> bytes:
    """The minutes as PDF."""
    return render_pdf(minutes_html(ctx))
