"""Reads for status meetings: the meeting list, the automatic agenda, meeting mode, the portal.

The agenda holds every active STU student of the municipality (status enrolled or paused, with
an open enrolment) exactly once, with what the team needs to see, the most urgent first. It
costs a constant number of queries whatever the number of students (one per kind of data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.permissions import Action
from students.models import (
    EducationPlan,
    Enrolment,
    Flag,
    PersonStatus,
    Severity,
    YoungPerson,
)
from students.models.absence_rule import PeriodRate, evaluate, pct
from students.services.absence import rules_by_municipality, thresholds_for
from students.services.absence_checks import latest_rates
from transitions.models.meetings import (
    ActionStatus,
    MeetingAction,
    MeetingItem,
    MeetingStatus,
    StatusAnswer,
    StatusMeeting,
    StatusMeetingSettings,
    StatusRequest,
    Wellbeing,
)

from . import exit as exit_selectors
from . import internships as internship_selectors
from . import pathway as pathway_selectors

ACTIVE_PERSON_STATUSES = (PersonStatus.ENROLLED, PersonStatus.PAUSED)
REVISION_SOON_DAYS = 30

# Urgency weights: a critical flag outweighs everything else; then overdue work.
WEIGHTS = {
    "critical": 100,
    "warning": 30,
    "info": 5,
    "overdue_action": 25,
    "revision_overdue": 50,
    "revision_soon": 10,
    "absence_rule": 40,
    "absence_rising": 15,
    "poor_wellbeing": 35,
    "mixed_wellbeing": 10,
    "concerns": 30,
    "final_year": 20,
    "paused": 15,
}


def settings_for(municipality_id: int) -> StatusMeetingSettings:
    """The municipality's settings, or unsaved defaults when an administrator set none."""
    found = StatusMeetingSettings.objects.filter(municipality_id=municipality_id).first()
    return found or StatusMeetingSettings(municipality_id=municipality_id)


# ---------------------------------------------------------------- meetings
def meetings(*, user) -> QuerySet[StatusMeeting]:
    return (
        permissions.status_meetings_for(user)
        .annotate(
            request_count=Count("requests", distinct=True),
            answered_count=Count(
                "requests", filter=Q(requests__answered_at__isnull=False), distinct=True
            ),
        )
        .order_by("-starts_at", "-pk")
    )


def meeting_detail(*, user, pk) -> StatusMeeting:
    return permissions.get_or_404(
        permissions.status_meetings_for(user),
        pk,
        queryset=StatusMeeting.objects.select_related(
            "municipality", "created_by", "closed_by"
        ).prefetch_related("participants"),
    )


def meeting_requests(*, meeting) -> list[StatusRequest]:
    return list(
        meeting.requests.select_related("institution", "answered_by")
        .annotate(answer_count=Count("answers"))
        .order_by("institution__name")
    )


def team_members(*, municipality_id: int) -> QuerySet:
    """The municipality's team (UU, jobcenter, forvaltning, leder): participants, responsibles."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality_id)
        .with_role(*roles.TEAM_ROLES)
        .order_by("first_name", "last_name", "username")
    )


# ---------------------------------------------------------------- the agenda
@dataclass
class AbsenceTrend:
    latest: Decimal
    latest_label: str
    baseline: Decimal | None
    direction: str  # "rising", "falling", "stable", "" (too few periods)
    rule_fired: bool

    @property
    def text(self) -> str:
        base = _("Seneste periode %(rate)s") % {"rate": pct(self.latest)}
        if self.baseline is not None:
            base += " " + _("(gennemsnit før: %(mean)s)") % {"mean": pct(self.baseline)}
        return base

    @property
    def direction_label(self) -> str:
        return {
            "rising": _("stigende"),
            "falling": _("faldende"),
            "stable": _("stabilt"),
        }.get(self.direction, "")


@dataclass
class AgendaRow:
    person: YoungPerson
    enrolment: Enrolment | None
    flags: list[Flag] = field(default_factory=list)
    absence: AbsenceTrend | None = None
    revision_due: date | None = None
    revision_overdue: bool = False
    revision_soon: bool = False
    final_year: bool = False
    paused: bool = False
    pause_status: str = ""
    exit_status: str = ""
    internship_status: str = ""
    answer: StatusAnswer | None = None
    item: MeetingItem | None = None
    open_actions: list[MeetingAction] = field(default_factory=list)
    meeting_actions: list[MeetingAction] = field(default_factory=list)
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def urgency_reason(self) -> str:
        return ", ".join(self.reasons[:4]) if self.reasons else _("Ingen særlige opmærksomheder")

    @property
    def urgency_level(self) -> str:
        """For the tag colour: critical / warning / ok."""
        if self.score >= WEIGHTS["critical"]:
            return "critical"
        if self.score >= WEIGHTS["mixed_wellbeing"]:
            return "warning"
        return "ok"

    @property
    def overdue_actions(self) -> list[MeetingAction]:
        return [a for a in self.open_actions if a.status == ActionStatus.OPEN and a.is_overdue]

    @property
    def earlier_open_actions(self) -> list[MeetingAction]:
        """Open actions from earlier meetings, to follow up."""
        return [a for a in self.open_actions if a.status == ActionStatus.OPEN]


def _scored(row: AgendaRow, meeting_day: date) -> AgendaRow:
    score, reasons = 0, []
    by_severity = {Severity.CRITICAL: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for flag in row.flags:
        by_severity[flag.severity] = by_severity.get(flag.severity, 0) + 1
    if by_severity[Severity.CRITICAL]:
        score += WEIGHTS["critical"] * by_severity[Severity.CRITICAL]
        reasons.append(
            ngettext("%(n)s kritisk flag", "%(n)s kritiske flag", by_severity[Severity.CRITICAL])
            % {"n": by_severity[Severity.CRITICAL]}
        )
    overdue = [
        a for a in row.open_actions if a.status == ActionStatus.OPEN and a.deadline < meeting_day
    ]
    if overdue:
        score += WEIGHTS["overdue_action"] * len(overdue)
        reasons.append(
            ngettext("%(n)s overskredet opgave", "%(n)s overskredne opgaver", len(overdue))
            % {"n": len(overdue)}
        )
    if row.revision_overdue:
        score += WEIGHTS["revision_overdue"]
        reasons.append(_("planrevision overskredet"))
    if row.absence and row.absence.rule_fired:
        score += WEIGHTS["absence_rule"]
        reasons.append(_("stigende/højt fravær"))
    elif row.absence and row.absence.direction == "rising":
        score += WEIGHTS["absence_rising"]
        reasons.append(_("fraværet stiger"))
    if row.answer is not None:
        if row.answer.wellbeing == Wellbeing.POOR:
            score += WEIGHTS["poor_wellbeing"]
            reasons.append(_("institutionen melder mistrivsel"))
        elif row.answer.wellbeing == Wellbeing.MIXED:
            score += WEIGHTS["mixed_wellbeing"]
            reasons.append(_("svingende trivsel"))
        if row.answer.concerns.strip():
            score += WEIGHTS["concerns"]
            reasons.append(_("institutionen er bekymret"))
    if by_severity[Severity.WARNING]:
        score += WEIGHTS["warning"] * by_severity[Severity.WARNING]
        reasons.append(
            ngettext("%(n)s flag", "%(n)s flag", by_severity[Severity.WARNING])
            % {"n": by_severity[Severity.WARNING]}
        )
    if row.final_year:
        score += WEIGHTS["final_year"]
        reasons.append(_("sidste år af STU"))
    if row.paused:
        score += WEIGHTS["paused"]
        reasons.append(_("på pause"))
    if row.revision_soon:
        score += WEIGHTS["revision_soon"]
        reasons.append(_("planrevision snart"))
    if by_severity[Severity.INFO]:
        score += WEIGHTS["info"] * by_severity[Severity.INFO]
    row.score = score
    row.reasons = [reasons[0][:1].upper() + reasons[0][1:], *reasons[1:]] if reasons else []
    return row


def _absence_trends(enrolments: list[Enrolment], municipality_id: int) -> dict[int, AbsenceTrend]:
    """Each enrolment's absence trend by the municipality's rising-absence rule (2 queries)."""
    if not enrolments:
        return {}
    rules = rules_by_municipality([municipality_id])
    t = thresholds_for(rules, municipality_id)
    rows = latest_rates(enrolment_ids=[e.pk for e in enrolments], window=t.window)
    out = {}
    for enrolment_id, _person_id, _m, starts, ends, rates, illegal in rows:
        periods = [
            PeriodRate(s, e, Decimal(r), Decimal(i))
            for s, e, r, i in zip(starts, ends, rates, illegal, strict=True)
        ][: t.window]
        decision = evaluate(periods, t)
        if decision.latest is None:
            continue
        direction = ""
        if decision.baseline_mean is not None:
            delta = decision.latest.rate - decision.baseline_mean
            if delta >= t.min_rise:
                direction = "rising"
            elif delta <= -t.min_rise:
                direction = "falling"
            else:
                direction = "stable"
        from students.models.absence_rule import period_label

        out[enrolment_id] = AbsenceTrend(
            latest=decision.latest.rate,
            latest_label=period_label(decision.latest.period_start, decision.latest.period_end),
            baseline=decision.baseline_mean,
            direction=direction,
            rule_fired=decision.raise_flag,
        )
    return out


def _active_enrolments(*, user, municipality_id: int, only_person_ids=None) -> list[Enrolment]:
    """The open enrolment of every active STU student of the municipality the user may see
    (or of those in ``only_person_ids``). One row per person (an open enrolment is unique per
    person). One query."""
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
    qs = Enrolment.objects.open().filter(
        person__municipality_id=municipality_id,
        person__status__in=ACTIVE_PERSON_STATUSES,
        person__in=visible.values("pk"),
    )
    if only_person_ids is not None:
        qs = qs.filter(person_id__in=list(only_person_ids))
    return list(
        qs.select_related("person", "person__contact_person", "institution").defer("person__cpr")
    )


def build_agenda(*, user, meeting: StatusMeeting, only_person_ids=None) -> list[AgendaRow]:
    """The meeting's agenda: one row per student, the most urgent first.

    Before the walk-through starts it is live (every active student now). Once started, the
    order is the items' (frozen when the team began), and students who became active since
    are added at the end by ``services.meeting_items_sync``; students on an item who are no
    longer active stay (they were discussed). ``only_person_ids`` narrows it (meeting mode).
    """
    meeting_day = meeting.local_date
    enrolments = _active_enrolments(
        user=user, municipality_id=meeting.municipality_id, only_person_ids=only_person_ids
    )
    items_qs = MeetingItem.objects.filter(meeting=meeting)
    if only_person_ids is not None:
        items_qs = items_qs.filter(person_id__in=list(only_person_ids))
    items = {i.person_id: i for i in items_qs}
    rows = _agenda_rows(user=user, enrolments=enrolments, items=items)
    ids = list(rows)
    if not ids:
        return []

    for flag in Flag.objects.open().filter(person_id__in=ids).order_by("-raised_at"):
        rows[flag.person_id].flags.append(flag)
    trends = _absence_trends(
        [r.enrolment for r in rows.values() if r.enrolment], meeting.municipality_id
    )
    due = dict(
        EducationPlan.objects.filter(person_id__in=ids).values_list(
            "person_id", "next_revision_due"
        )
    )
    answers = {
        a.person_id: a
        for a in StatusAnswer.objects.filter(request__meeting=meeting, person_id__in=ids)
        .select_related("request__institution", "answered_by")
        .order_by("answered_at")
    }
    _attach_actions(rows, meeting=meeting)
    pauses = pathway_selectors.pause_status_for(person_ids=ids)
    exits = exit_selectors.exit_status_for(person_ids=ids)
    internships = internship_selectors.internship_status_for(person_ids=ids)

    for pid, row in rows.items():
        e = row.enrolment
        if e is not None:
            row.absence = trends.get(e.pk)
            row.final_year = e.in_final_year_on(meeting_day)
            row.paused = e.status == "paused" or row.person.status == PersonStatus.PAUSED
        row.revision_due = due.get(pid)
        if row.revision_due:
            row.revision_overdue = row.revision_due < meeting_day
            row.revision_soon = (
                not row.revision_overdue
                and row.revision_due <= meeting_day + timedelta(days=REVISION_SOON_DAYS)
            )
        row.pause_status = pauses.get(pid, "")
        row.exit_status = exits.get(pid, "")
        row.internship_status = internships.get(pid, "")
        row.answer = answers.get(pid)
        _scored(row, meeting_day)

    ordered = sorted(
        rows.values(),
        key=lambda r: (-r.score, r.person.last_name, r.person.first_name, r.person.pk),
    )
    if items:
        ordered.sort(key=lambda r: r.item.position if r.item else 10**9)
    return ordered


def _agenda_rows(*, user, enrolments, items: dict[int, MeetingItem]) -> dict[int, AgendaRow]:
    """A row per active student, plus the visible students on an item who are no longer
    active; each row with its item, if any."""
    rows: dict[int, AgendaRow] = {
        e.person_id: AgendaRow(person=e.person, enrolment=e) for e in enrolments
    }
    if items:
        visible = set(
            permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
            .filter(pk__in=list(items))
            .values_list("pk", flat=True)
        )
        # Students on an item who are no longer active (usually none): their person rows.
        gone = {
            p.pk: p
            for p in YoungPerson.objects.filter(pk__in=[p for p in visible if p not in rows])
            .select_related("contact_person")
            .defer("cpr")  # encrypted, never on the agenda: not decrypted for every row
        }
        for pid, item in items.items():
            if pid in gone:
                rows[pid] = AgendaRow(person=gone[pid], enrolment=None)
            if pid in rows:
                rows[pid].item = item
    return rows


def _attach_actions(rows: dict[int, AgendaRow], *, meeting: StatusMeeting) -> None:
    """This meeting's actions and the open actions from other meetings, on each row."""
    for action in (
        MeetingAction.objects.filter(person_id__in=list(rows))
        .filter(Q(status=ActionStatus.OPEN) | Q(meeting=meeting))
        .select_related("responsible", "meeting")
        .order_by("deadline", "pk")
    ):
        row = rows[action.person_id]
        if action.meeting_id == meeting.pk:
            row.meeting_actions.append(action)
        if action.status == ActionStatus.OPEN and action.meeting_id != meeting.pk:
            row.open_actions.append(action)


def item_at(*, meeting: StatusMeeting, position: int) -> MeetingItem | None:
    return (
        MeetingItem.objects.filter(meeting=meeting, position=position)
        .select_related("person")
        .first()
    )


def item_count(*, meeting: StatusMeeting) -> int:
    return MeetingItem.objects.filter(meeting=meeting).count()


def minutes_rows(*, meeting: StatusMeeting) -> list[dict]:
    """Per student on the meeting: the status, decisions and actions agreed (for the PDF)."""
    actions: dict[int, list[MeetingAction]] = {}
    for a in meeting.actions.select_related("responsible").order_by("deadline", "pk"):
        actions.setdefault(a.person_id, []).append(a)
    done_here = {}
    for a in (
        MeetingAction.objects.filter(
            done_at__isnull=False,
            person_id__in=meeting.items.values("person_id"),
            done_at__gte=meeting.started_at or meeting.starts_at,
            done_at__lte=meeting.closed_at or timezone.now(),
        )
        .exclude(meeting=meeting)
        .select_related("responsible", "meeting")
    ):
        done_here.setdefault(a.person_id, []).append(a)
    return [
        {
            "item": item,
            "person": item.person,
            "actions": actions.get(item.person_id, []),
            "followed_up": done_here.get(item.person_id, []),
        }
        for item in meeting.items.select_related("person").order_by("position")
    ]


def minutes_context(*, meeting: StatusMeeting) -> dict:
    return {
        "meeting": meeting,
        "municipality": meeting.municipality,
        "participants": list(meeting.participants.order_by("first_name", "last_name")),
        "rows": minutes_rows(meeting=meeting),
        "draft": meeting.status != MeetingStatus.CLOSED,
        "printed_at": timezone.localtime(),
    }


def open_actions_for(*, user, municipality_id: int) -> QuerySet[MeetingAction]:
    visible = permissions.young_people_for(user, permissions.VIEW_SENSITIVE)
    return (
        MeetingAction.objects.filter(
            status=ActionStatus.OPEN,
            person__municipality_id=municipality_id,
            person__in=visible.values("pk"),
        )
        .select_related("person", "responsible", "meeting")
        .order_by("deadline", "pk")
    )


def upcoming_meeting(*, municipality_id: int, today: date | None = None):
    today = today or timezone.localdate()
    return (
        StatusMeeting.objects.filter(
            municipality_id=municipality_id,
            status=MeetingStatus.PLANNED,
            starts_at__date__gte=today,
        )
        .order_by("starts_at")
        .first()
    )


# ---------------------------------------------------------------- the institution portal
def portal_requests(*, user, institution) -> QuerySet[StatusRequest]:
    return (
        permissions.portal_status_requests_for(user)
        .filter(institution=institution)
        .select_related("meeting__municipality", "answered_by")
        .order_by("-meeting__starts_at")
    )


def portal_request_students(*, user, status_request) -> list[dict]:
    """The institution's own enrolled students of the meeting's municipality, each with the
    answer given so far. Two queries."""
    enrolments = list(
        permissions.status_request_enrolments(user, status_request)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    answers = {
        a.person_id: a
        for a in StatusAnswer.objects.filter(
            request=status_request, person_id__in=[e.person_id for e in enrolments]
        )
    }
    return [
        {"enrolment": e, "person": e.person, "answer": answers.get(e.person_id)} for e in enrolments
    ]


def person_meeting_actions(*, person) -> list[MeetingAction]:
    return list(
        MeetingAction.objects.filter(person=person)
        .select_related("responsible", "meeting")
        .order_by("status", "deadline")
    )


def person_panel(*, user, person) -> dict:
    """The person's actions from status meetings, open first (for ``transitions:person``)."""
    actions = person_meeting_actions(person=person)
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue_on(today)
    return {
        "meetings_actions": actions,
        "meetings_open_count": sum(1 for a in actions if a.status == ActionStatus.OPEN),
        "meetings_can_take_part": permissions.can(user, Action.TAKE_PART_IN_STATUS_MEETINGS),
    }
