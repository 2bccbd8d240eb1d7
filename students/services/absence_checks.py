"""The jobs that watch absence reporting.

- ``absence_detect_rising``: the rising-absence job (set-based: one SQL query with a window
  function for all enrolments, bulk-safe idempotent flag inserts).
- ``absence_check_missing_reports``: reminders after the deadline, flags after the grace days.
- ``absence_checks_for_enrolments``: both, for the enrolments a submission or correction
  touched (queued on commit by ``absence.enqueue_absence_checks``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import Institution, InstitutionMembership
from institutions.reporting import Period
from stu_case.accounts import roles
from stu_case.calendar import month_start_after
from stu_case.formats import short_date
from stu_case.i18n import in_site_language
from stu_case.notifications.models import NotificationKind
from stu_case.notifications.services import notification_send
from students import flags as student_flags
from students.models import (
    OPEN_ENROLMENT_STATUSES,
    AbsenceReminder,
    AbsenceReport,
    Enrolment,
    Flag,
)
from students.models.absence_rule import PeriodRate, Thresholds, describe, evaluate
from students.services import flags as flag_services
from students.services.absence import (
    DEFAULT_THRESHOLDS,
    reporting_terms,
    rules_by_municipality,
    thresholds_for,
)

logger = logging.getLogger(__name__)


LOOKBACK_MONTHS = 12
"""The missing-report job looks at periods that ended within this many months."""


# ---------------------------------------------------------------- rising absence
_RATES_SQL = """
WITH ranked AS (
    SELECT ar.enrolment_id, ar.period_start, ar.period_end,
           (ar.absent_legal + ar.absent_illegal) * 100.0 / ar.planned_hours AS rate,
           ar.absent_illegal * 100.0 / ar.planned_hours AS illegal_rate,
           ROW_NUMBER() OVER (
               PARTITION BY ar.enrolment_id ORDER BY ar.period_start DESC
           ) AS rn
    FROM {report} ar
    JOIN {enrolment} e ON e.id = ar.enrolment_id
    WHERE ar.planned_hours > 0 AND e.status = ANY(%(statuses)s) {subset}
)
SELECT r.enrolment_id, e.person_id, p.municipality_id,
       ARRAY_AGG(r.period_start ORDER BY r.rn),
       ARRAY_AGG(r.period_end ORDER BY r.rn),
       ARRAY_AGG(r.rate ORDER BY r.rn),
       ARRAY_AGG(r.illegal_rate ORDER BY r.rn)
FROM ranked r
JOIN {enrolment} e ON e.id = r.enrolment_id
JOIN {person} p ON p.id = e.person_id
WHERE r.rn <= %(window)s
GROUP BY r.enrolment_id, e.person_id, p.municipality_id
"""


def latest_rates(*, enrolment_ids: list[int] | None, window: int):
    """Each open enrolment's latest ``window`` periods with planned hours, newest first (read by
    the detection job here and by the status-meeting agenda).

    One query for all enrolments: a window function ranks each enrolment's reports, and the
    aggregate returns them as arrays. Periods with 0 planned hours are left out (no division
    by zero, and a holiday month is neither "low" nor "high"); missing periods are simply
    not there (a gap is not a zero).
    """
    sql = _RATES_SQL.format(
        report=AbsenceReport._meta.db_table,
        enrolment=Enrolment._meta.db_table,
        person=Enrolment._meta.get_field("person").related_model._meta.db_table,
        subset="AND ar.enrolment_id = ANY(%(ids)s)" if enrolment_ids is not None else "",
    )
    params = {
        "statuses": [str(s) for s in OPEN_ENROLMENT_STATUSES],
        "window": window,
        "ids": enrolment_ids or [],
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class DetectionResult:
    evaluated: int = 0
    raised: int = 0
    resolved: int = 0
    raised_person_ids: list[int] = field(default_factory=list)


@in_site_language
def absence_detect_rising(
    *, enrolment_ids: Iterable[int] | None = None, now=None
) -> DetectionResult:
    """Raise, and resolve, RISING_ABSENCE flags for open enrolments (all, or these ids).

    A flag is raised when the rule fires and resolved once the absence has been below the
    thresholds for the municipality's number of periods (in between it stays as it is), or
    when the young person has left STU. Safe to run twice or concurrently (the flag service
    inserts in bulk against the one-open-flag constraint and notifies only what it inserted).
    """
    now = now or timezone.now()
    ids = sorted(set(enrolment_ids)) if enrolment_ids is not None else None
    rules = rules_by_municipality()
    window = max(
        [DEFAULT_THRESHOLDS.window] + [Thresholds.from_rule(r).window for r in rules.values()]
    )
    rows = latest_rates(enrolment_ids=ids, window=window)

    due: dict[int, flag_services.FlagDue] = {}
    below: dict[int, list[int]] = defaultdict(list)  # periods below → young people
    for enrolment_id, person_id, municipality_id, starts, ends, rates, illegal in rows:
        t = thresholds_for(rules, municipality_id)
        periods = [
            PeriodRate(s, e, Decimal(r), Decimal(i))
            for s, e, r, i in zip(starts, ends, rates, illegal, strict=True)
        ][: t.window]
        decision = evaluate(periods, t)
        if decision.raise_flag:
            due[person_id] = _rising_flag(decision, enrolment_id, t)
        elif decision.below:
            below[t.resolve_after].append(person_id)

    result = DetectionResult(evaluated=len(rows))
    sync = partial(
        flag_services.flags_sync,
        kind=student_flags.RISING_ABSENCE,
        resolved_by="absence_detect_rising",
        now=now,
    )
    with transaction.atomic():
        raised = sync(due=due, scope=flag_services.NOBODY, notify=_notify_rising).raised
        result.raised = len(raised)
        result.raised_person_ids = [f.person_id for f in raised]
        for n, person_ids in below.items():
            result.resolved += sync(
                due={},
                scope=flag_services.people(person_ids),
                reason=_(
                    "Løst automatisk: fraværet har ligget under tærsklen i %(n)s perioder i træk."
                )
                % {"n": n},
            ).resolved
        if ids is None:
            result.resolved += sync(
                due={},
                scope=flag_services.without_open_enrolment(),
                reason=_("Løst automatisk: den unge er ikke længere i et STU-forløb."),
            ).resolved
    return result


def _rising_flag(decision, enrolment_id: int, t: Thresholds) -> flag_services.FlagDue:
    baseline = decision.baseline_mean
    return flag_services.FlagDue(
        details=describe(decision, t),
        data={
            "enrolment": enrolment_id,
            "period_start": decision.latest.period_start.isoformat(),
            "period_end": decision.latest.period_end.isoformat(),
            "rate": str(round(decision.latest.rate, 2)),
            "illegal_rate": str(round(decision.latest.illegal_rate, 2)),
            "baseline_mean": str(round(baseline, 2)) if baseline is not None else None,
            "reasons": list(decision.reasons),
        },
    )


def _municipal_fallback_recipients(municipality_id: int, cache: dict) -> list:
    """Managers of the municipality, for a young person without a contact person."""
    if municipality_id not in cache:
        cache[municipality_id] = list(
            get_user_model()
            .objects.active()
            .in_municipality(municipality_id)
            .with_role(roles.LEDER)
        )
    return cache[municipality_id]


def _notify_rising(flags: list[Flag]) -> None:
    """Tell the contact person (inbox + e-mail). No name in the text: e-mail is not a safe
    channel for person data; the link leads to the case page, where access is checked."""
    cache: dict[int, list] = {}
    for flag in flags:
        person = flag.person
        contact = person.contact_person
        recipients = (
            [contact]
            if contact is not None and contact.is_active
            else _municipal_fallback_recipients(person.municipality_id, cache)
        )
        for recipient in recipients:
            notification_send(
                kind=NotificationKind.DEADLINES,
                recipient=recipient,
                title=_("Stigende fravær hos en ung i din sagsstamme"),
                body=flag.details,
                url=reverse("students:detail", args=[person.pk]) + "#absence",
            )


# ---------------------------------------------------------------- missing reports
@dataclass
class MissingResult:
    reminders: int = 0
    raised: int = 0
    resolved: int = 0
    missing: int = 0


@in_site_language
def absence_check_missing_reports(
    *, today: date | None = None, enrolment_ids: Iterable[int] | None = None
) -> MissingResult:
    """Remind institutions after the deadline; flag the young person after the grace days.

    Looks at each active enrolment's reporting periods that ended within ``LOOKBACK_MONTHS``
    (and not before the municipality's ``reporting_required_from``). A period counts as
    reported when any report of the enrolment overlaps it. Reminders go once per institution
    and period (``AbsenceReminder`` is the claim); MISSING_ABSENCE_REPORT flags are raised
    once and resolved when nothing is overdue any more (report arrived, enrolment paused or
    ended). With ``enrolment_ids`` only those enrolments' flags are touched, no reminders.
    """
    today = today or timezone.localdate()
    ids = sorted(set(enrolment_ids)) if enrolment_ids is not None else None
    person_ids, overdue, flag_periods = _overdue_periods(today, ids)
    result = MissingResult(missing=sum(len(v) for v in overdue.values()))
    if ids is None:
        result.reminders = _send_reminders(overdue)
    # A paused or ended enrolment expects nothing, so its young person's flag resolves too.
    sync = flag_services.flags_sync(
        kind=student_flags.MISSING_ABSENCE_REPORT,
        due=_missing_flags(flag_periods),
        scope=flag_services.EVERYONE if ids is None else flag_services.people(person_ids),
        reason=_("Løst automatisk: der mangler ikke længere fraværsindberetninger."),
        resolved_by="absence_check_missing_reports",
    )
    result.raised, result.resolved = len(sync.raised), sync.resolved
    return result


def _overdue_periods(today: date, ids: list[int] | None):
    """The young people of the active enrolments (these ids, or all); the overdue periods, by
    institution and period, with the young people missing; and, by young person, the periods
    overdue past the grace days as ``(period, deadline, institution id)``."""
    window_start = month_start_after(today, -LOOKBACK_MONTHS)
    enrolments = Enrolment.objects.active().filter(institution__is_active=True)
    if ids is not None:
        enrolments = enrolments.filter(pk__in=ids)
    enrolments = list(
        enrolments.values_list(
            "pk",
            "person_id",
            "institution_id",
            "person__municipality_id",
            "start_date",
            "end_date",
            "planned_end_date",
        )
    )
    rules = rules_by_municipality()
    terms = reporting_terms(institution_ids={e[2] for e in enrolments}, rules=rules)
    covered: dict[int, list[tuple[date, date]]] = defaultdict(list)
    reports = AbsenceReport.objects.filter(
        period_end__gte=window_start, enrolment__in=Enrolment.objects.active()
    )
    if ids is not None:
        reports = reports.filter(enrolment_id__in=ids)
    for enrolment_id, start, end in reports.values_list(
        "enrolment_id", "period_start", "period_end"
    ):
        covered[enrolment_id].append((start, end))

    overdue: dict[tuple[int, Period], list[int]] = defaultdict(list)
    flag_periods: dict[int, list[tuple[Period, date, int]]] = defaultdict(list)
    for pk, person_id, institution_id, municipality_id, start, end, planned_end in enrolments:
        rule = rules.get(municipality_id)
        required_from = (rule.reporting_required_from if rule else None) or date.min
        first = max(start, window_start, required_from)
        last = min(today, end or planned_end)
        if first > last:
            continue
        for period, t in terms.periods_between(
            municipality_id=municipality_id, institution_id=institution_id, start=first, end=last
        ):
            if period.start < required_from or today <= t.deadline(period):
                continue
            if any(s <= period.end and period.start <= e for s, e in covered[pk]):
                continue
            overdue[(institution_id, period)].append(person_id)
            if today > t.flag_after(period):
                flag_periods[person_id].append((period, t.deadline(period), institution_id))
    return [e[1] for e in enrolments], overdue, flag_periods


def _missing_flags(flag_periods: dict) -> dict[int, flag_services.FlagDue]:
    names = dict(
        Institution.objects.filter(
            pk__in={p[2] for periods in flag_periods.values() for p in periods}
        ).values_list("pk", "name")
    )
    due = {}
    for person_id, periods in flag_periods.items():
        periods.sort()
        _last, deadline, institution_id = periods[-1]
        due[person_id] = flag_services.FlagDue(
            details=_(
                "%(inst)s har ikke indberettet fravær for %(periods)s (seneste frist %(deadline)s)."
            )
            % {
                "inst": names.get(institution_id, _("Institutionen")),
                "periods": ", ".join(p.label.lower() for p, _d, _i in periods),
                "deadline": short_date(deadline),
            },
            data={
                "institution": institution_id,
                "periods": [[p.start.isoformat(), p.end.isoformat()] for p, _d, _i in periods],
            },
        )
    return due


def _send_reminders(overdue: dict[tuple[int, Period], list[int]]) -> int:
    """Notify the staff of each institution once per overdue period (one message per person
    listing all newly overdue periods). Returns the number of institution-periods reminded."""
    claimed: dict[int, list[tuple[Period, int]]] = defaultdict(list)
    for (institution_id, period), person_ids in sorted(overdue.items(), key=lambda kv: kv[0][1]):
        try:
            with transaction.atomic():
                _reminder, created = AbsenceReminder.objects.get_or_create(
                    institution_id=institution_id,
                    period_start=period.start,
                    period_end=period.end,
                    defaults={"missing_count": len(person_ids)},
                )
        except IntegrityError:  # a concurrent run claimed it first
            created = False
        if created:
            claimed[institution_id].append((period, len(person_ids)))
    if not claimed:
        return 0
    staff: dict[int, list] = defaultdict(list)
    for membership in InstitutionMembership.objects.filter(
        institution_id__in=list(claimed), user__is_active=True
    ).select_related("user"):
        staff[membership.institution_id].append(membership.user)
    for institution_id, items in claimed.items():
        lines = [
            _("%(period)s: %(n)s elev(er) mangler") % {"period": p.label, "n": n} for p, n in items
        ]
        latest = items[-1][0]
        for user in staff.get(institution_id, []):
            notification_send(
                kind=NotificationKind.DEADLINES,
                recipient=user,
                title=_("Fraværsindberetning mangler"),
                body=_("Fristen for at indberette fravær er overskredet.")
                + "\n"
                + "\n".join(lines),
                url=reverse("portal:period", args=[institution_id, latest.key]),
            )
    return sum(len(items) for items in claimed.values())


def absence_checks_for_enrolments(*, enrolment_ids: Iterable[int]) -> dict:
    """What runs after a submission or correction: both checks for these enrolments only."""
    ids = list(enrolment_ids)
    rising = absence_detect_rising(enrolment_ids=ids)
    missing = absence_check_missing_reports(enrolment_ids=ids)
    return {"raised": rising.raised, "resolved": rising.resolved + missing.resolved}
