"""Writes for absence reporting, and the jobs that watch it.

- ``absence_reports_submit``: one institution, one period, many students, all or nothing.
  Used by the portal's table form and by the CSV upload, so both validate alike.
- ``absence_report_correct``: the correction path (before/after, who, when, why).
- ``absence_detect_rising``: the rising-absence job (set-based: one SQL query with a window
  function for all enrolments, bulk-safe idempotent flag inserts).
- ``absence_check_missing_reports``: reminders after the deadline, flags after the grace days.

After a submission or a correction the checks for the affected enrolments are queued on
commit; when the broker is down the request still succeeds (the periodic jobs catch up).
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import Institution, InstitutionMembership
from institutions.reporting import Defaults, Period, ReportingTerms, Terms, add_months
from stu_case import permissions
from stu_case.accounts import roles
from stu_case.i18n import in_site_language
from stu_case.notifications.services import notification_send

from ..models import (
    OPEN_ENROLMENT_STATUSES,
    AbsenceReminder,
    AbsenceReport,
    AbsenceReportCorrection,
    AbsenceRule,
    Enrolment,
    EnrolmentStatus,
    Flag,
    FlagKind,
    Severity,
    _hours,
)
from .rule import PeriodRate, Thresholds, describe, evaluate

logger = logging.getLogger(__name__)


LOOKBACK_MONTHS = 12
"""The missing-report job looks at periods that ended within this many months."""
DEFAULT_THRESHOLDS = Thresholds()


# ---------------------------------------------------------------- rules and terms
def rules_by_municipality(municipality_ids: Iterable[int] | None = None) -> dict[int, AbsenceRule]:
    qs = AbsenceRule.objects.all()
    if municipality_ids is not None:
        qs = qs.filter(municipality_id__in=list(municipality_ids))
    return {r.municipality_id: r for r in qs}


def thresholds_for(rules: dict[int, AbsenceRule], municipality_id: int) -> Thresholds:
    rule = rules.get(municipality_id)
    return Thresholds.from_rule(rule) if rule else DEFAULT_THRESHOLDS


def reporting_terms(
    *, institution_ids: Iterable[int], rules: dict[int, AbsenceRule] | None = None
) -> ReportingTerms:
    """Agreement look-up for these institutions, with each municipality's fallback terms."""
    rules = rules if rules is not None else rules_by_municipality()
    defaults = {
        m: Defaults(deadline_days=r.default_deadline_days, grace_days=r.default_grace_days)
        for m, r in rules.items()
    }
    return ReportingTerms(institution_ids=institution_ids, defaults=defaults)


def enrolment_last_day(enrolment) -> date:
    return enrolment.end_date or enrolment.planned_end_date


def expected_period(terms: ReportingTerms, enrolment, day: date) -> tuple[Period, Terms]:
    """The reporting period holding ``day`` for this enrolment, counted from its start."""
    municipality_id = enrolment.person.municipality_id
    if day < enrolment.start_date:
        t = terms.terms_on(
            municipality_id=municipality_id, institution_id=enrolment.institution_id, day=day
        )
        return t.period_for(day), t
    return terms.periods_between(
        municipality_id=municipality_id,
        institution_id=enrolment.institution_id,
        start=enrolment.start_date,
        end=day,
    )[-1]


# ---------------------------------------------------------------- submitting reports
@dataclass
class ReportRow:
    """One student's figures for a period, from a form row or a CSV line (``key``)."""

    key: str
    enrolment_id: int | None
    planned_hours: Decimal | None
    absent_legal: Decimal | None = None
    absent_illegal: Decimal | None = None
    note: str = ""


RowErrors = dict[str, list[tuple[str | None, str]]]


class AbsenceSubmissionError(Exception):
    """Nothing was saved. ``errors`` maps a row key ("" for the whole submission) to
    ``(field or None, message)`` pairs."""

    def __init__(self, errors: RowErrors):
        super().__init__("invalid absence submission")
        self.errors = errors

    @property
    def messages(self) -> list[str]:
        return [msg for pairs in self.errors.values() for _field, msg in pairs]


def check_hours(row: ReportRow, period: Period) -> list[tuple[str | None, str]]:
    """The hour rules for one row, as ``(field, message)`` pairs (also used by the
    correction form, so all problems show at once)."""
    errors: list[tuple[str | None, str]] = []
    if row.planned_hours is None:
        errors.append(("planned_hours", _("Udfyld de planlagte timer.")))
    for name, label in (
        ("planned_hours", _("Planlagte timer")),
        ("absent_legal", _("Lovligt fravær")),
        ("absent_illegal", _("Ulovligt fravær")),
    ):
        value = getattr(row, name)
        if value is not None and value < 0:
            errors.append((name, _("%(what)s kan ikke være negativt.") % {"what": label}))
    if errors:
        return errors
    max_hours = Decimal(period.days * 24)
    if row.planned_hours > max_hours:
        errors.append(
            (
                "planned_hours",
                _("%(h)s planlagte timer er flere, end der er timer i perioden.")
                % {"h": _hours(row.planned_hours)},
            )
        )
    absent = (row.absent_legal or 0) + (row.absent_illegal or 0)
    if absent > row.planned_hours:
        errors.append(
            (
                "absent_legal",
                _("Fraværet (%(absent)s timer) er større end de planlagte timer (%(planned)s).")
                % {"absent": _hours(absent), "planned": _hours(row.planned_hours)},
            )
        )
    return errors


@transaction.atomic
def absence_reports_submit(
    *,
    user,
    institution: Institution,
    period: Period,
    rows: Sequence[ReportRow],
    today: date | None = None,
    validate_only: bool = False,
) -> list[AbsenceReport]:
    """Save one period's absence for many students of one institution, all or nothing.

    Refused (``AbsenceSubmissionError``, nothing saved): a period in the future; a student
    who is unknown, not enrolled at the institution or whose enrolment has ended; a period
    outside the enrolment or not matching the agreement's reporting frequency; negative
    hours; absence above the planned hours; a student listed twice; a period already
    reported (that goes through ``absence_report_correct``). Queries: a constant handful
    whatever the number of rows (one bulk insert). ``validate_only`` checks without saving
    (the CSV upload uses it to report every line's problems at once).
    """
    today = today or timezone.localdate()
    errors: RowErrors = defaultdict(list)
    if period.start > today:
        errors[""].append(
            (
                None,
                _("%(period)s ligger i fremtiden og kan ikke indberettes endnu.")
                % {"period": period.label},
            )
        )
    if not rows:
        errors[""].append((None, _("Der er ingen elever at indberette for.")))
    if errors:
        raise AbsenceSubmissionError(dict(errors))

    ids = {r.enrolment_id for r in rows if r.enrolment_id is not None}
    enrolments = {
        e.pk: e
        for e in permissions.enrolments_for_institution_user(user)
        .filter(institution=institution, pk__in=ids)
        .select_related("person")
    }
    rules = rules_by_municipality({e.person.municipality_id for e in enrolments.values()})
    terms = reporting_terms(institution_ids=[institution.pk], rules=rules)
    already = {
        r.enrolment_id: r
        for r in AbsenceReport.objects.filter(
            enrolment_id__in=list(enrolments),
            period_start__lte=period.end,
            period_end__gte=period.start,
        )
    }
    seen: set[int] = set()
    reports: list[AbsenceReport] = []
    for row in rows:
        row_errors = check_hours(row, period)
        enrolment = enrolments.get(row.enrolment_id)
        if enrolment is None:
            row_errors.insert(
                0,
                (
                    None,
                    _("Eleven er ukendt eller ikke indskrevet på %(inst)s.")
                    % {"inst": institution.name},
                ),
            )
        elif enrolment.pk in seen:
            row_errors.insert(0, (None, _("Eleven står mere end én gang i indberetningen.")))
        else:
            seen.add(enrolment.pk)
            row_errors[:0] = _check_period(terms, enrolment, period)
            if enrolment.pk in already:
                row_errors.insert(
                    0,
                    (
                        None,
                        _(
                            "Der er allerede indberettet fravær for %(period)s. "
                            "Brug “Ret” ved indberetningen for at rette den."
                        )
                        % {"period": period.label.lower()},
                    ),
                )
        if row_errors:
            errors[row.key].extend(row_errors)
            continue
        report = AbsenceReport(
            enrolment=enrolment,
            period_start=period.start,
            period_end=period.end,
            planned_hours=row.planned_hours,
            absent_legal=row.absent_legal or Decimal(0),
            absent_illegal=row.absent_illegal or Decimal(0),
            note=row.note.strip(),
            submitted_by=user,
        )
        # Constraints (unique period, no overlap) were checked above in one query for all
        # rows and are enforced by the database, and the foreign keys are objects we just
        # fetched; validating them per row would cost queries per student.
        try:
            report.full_clean(
                exclude=["enrolment", "submitted_by"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors[row.key].extend((f, m) for f, msgs in exc.message_dict.items() for m in msgs)
            continue
        reports.append(report)
    if errors:
        raise AbsenceSubmissionError(dict(errors))
    if validate_only:
        return reports
    try:
        with transaction.atomic():
            AbsenceReport.objects.bulk_create(reports)
    except IntegrityError as exc:
        # Someone reported the same students for the period at the same moment.
        raise AbsenceSubmissionError(
            {
                "": [
                    (
                        None,
                        _(
                            "En anden har netop indberettet for nogle af eleverne i perioden. "
                            "Indlæs siden igen, og ret de indberetninger, der skal rettes."
                        ),
                    )
                ]
            }
        ) from exc
    enqueue_absence_checks(enrolment_ids=[r.enrolment_id for r in reports])
    return reports


def _check_period(terms: ReportingTerms, enrolment, period: Period):
    errors: list[tuple[str | None, str]] = []
    last_day = enrolment_last_day(enrolment)
    if period.end < enrolment.start_date:
        errors.append(
            (
                None,
                _("Perioden ligger før forløbets start den %(d)s.")
                % {"d": enrolment.start_date.strftime("%d.%m.%Y")},
            )
        )
    elif period.start > last_day:
        errors.append(
            (
                None,
                _("Perioden ligger efter forløbets slut den %(d)s.")
                % {"d": last_day.strftime("%d.%m.%Y")},
            )
        )
    else:
        expected, t = expected_period(terms, enrolment, max(period.start, enrolment.start_date))
        if expected != period:
            errors.append(
                (
                    None,
                    _(
                        "Perioden passer ikke med aftalens indberetning (%(freq)s): "
                        "indberet for %(expected)s."
                    )
                    % {"freq": t.frequency_label.lower(), "expected": expected.label.lower()},
                )
            )
    return errors


# ---------------------------------------------------------------- corrections
CORRECTABLE_FIELDS = ("planned_hours", "absent_legal", "absent_illegal", "note")


def _snapshot(report: AbsenceReport) -> dict:
    """The correctable values, hours with two decimals (as stored)."""
    return {
        "planned_hours": f"{Decimal(report.planned_hours):.2f}",
        "absent_legal": f"{Decimal(report.absent_legal):.2f}",
        "absent_illegal": f"{Decimal(report.absent_illegal):.2f}",
        "note": report.note,
    }


@transaction.atomic
def absence_report_correct(
    *,
    report: AbsenceReport,
    user,
    planned_hours: Decimal,
    absent_legal: Decimal,
    absent_illegal: Decimal,
    note: str,
    reason: str,
) -> AbsenceReportCorrection:
    """Correct a report; the correction records who, when, why and the values before/after."""
    report = AbsenceReport.objects.select_for_update().select_related("enrolment").get(pk=report.pk)
    if (
        not permissions.enrolments_for_institution_user(user)
        .filter(pk=report.enrolment_id)
        .exists()
    ):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor indberetningen rettes.")})
    period = Period(report.period_start, report.period_end)
    row = ReportRow("", report.enrolment_id, planned_hours, absent_legal, absent_illegal, note)
    problems = check_hours(row, period)
    if problems:
        raise ValidationError({f or "__all__": [m] for f, m in problems})
    before = _snapshot(report)
    report.planned_hours = planned_hours
    report.absent_legal = absent_legal or Decimal(0)
    report.absent_illegal = absent_illegal or Decimal(0)
    report.note = note.strip()
    after = _snapshot(report)
    if before == after:
        raise ValidationError(_("Der er ingen ændringer at gemme."))
    report.corrected_at = timezone.now()
    report.full_clean(validate_unique=False, validate_constraints=False)
    report.save(update_fields=[*CORRECTABLE_FIELDS, "corrected_at"])
    correction = AbsenceReportCorrection(
        report=report,
        corrected_by=user,
        corrected_at=report.corrected_at,
        reason=reason.strip(),
        before=before,
        after=after,
    )
    correction.full_clean()
    correction.save()
    enqueue_absence_checks(enrolment_ids=[report.enrolment_id])
    return correction


# ---------------------------------------------------------------- queueing the checks
def enqueue_absence_checks(*, enrolment_ids: Iterable[int]) -> None:
    """After commit, queue the rising-absence and missing-report checks for these enrolments.

    A broker failure (Redis down) is logged and swallowed: the report is saved, and the
    periodic jobs derive everything from stored data, so they catch up on their next run.
    """
    ids = sorted(set(enrolment_ids))
    if not ids:
        return

    def _send():
        from stu_case.celery import app
        from students import tasks

        try:
            # One connection attempt, no publish retries: a web request never waits for a
            # broker that is down (kombu's defaults retry for several seconds).
            with app.connection_for_write(transport_options={"max_retries": 0}) as conn:
                tasks.absence_checks_for_enrolments.apply_async(
                    kwargs={"enrolment_ids": ids}, connection=conn, retry=False
                )
        except Exception:  # noqa: BLE001 - any broker/worker failure must not break the request
            logger.warning(
                "Could not queue absence checks for %s enrolment(s); the periodic job will "
                "catch up.",
                len(ids),
                exc_info=True,
            )

    transaction.on_commit(_send)


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

    Safe to run twice or concurrently: the flags are inserted with ON CONFLICT DO NOTHING
    against the "one open flag per person and kind" constraint, and only the rows this run
    inserted (marked with a run id) are notified.
    """
    now = now or timezone.now()
    ids = sorted(set(enrolment_ids)) if enrolment_ids is not None else None
    rules = rules_by_municipality()
    window = max(
        [DEFAULT_THRESHOLDS.window] + [Thresholds.from_rule(r).window for r in rules.values()]
    )
    rows = latest_rates(enrolment_ids=ids, window=window)

    result = DetectionResult(evaluated=len(rows))
    triggered: dict[int, tuple] = {}
    below: dict[int, Thresholds] = {}
    for enrolment_id, person_id, municipality_id, starts, ends, rates, illegal in rows:
        t = thresholds_for(rules, municipality_id)
        periods = [
            PeriodRate(s, e, Decimal(r), Decimal(i))
            for s, e, r, i in zip(starts, ends, rates, illegal, strict=True)
        ][: t.window]
        decision = evaluate(periods, t)
        if decision.raise_flag:
            triggered[person_id] = (decision, enrolment_id, t)
        elif decision.below:
            below[person_id] = t

    person_ids = [r[1] for r in rows]
    open_qs = Flag.objects.filter(kind=FlagKind.RISING_ABSENCE, resolved_at__isnull=True)
    if ids is not None:
        open_qs = open_qs.filter(person_id__in=person_ids)
    open_flags = dict(open_qs.values_list("person_id", "pk"))
    run = uuid.uuid4().hex

    with transaction.atomic():
        new_flags = [
            Flag(
                person_id=person_id,
                kind=FlagKind.RISING_ABSENCE,
                severity=Severity.WARNING,
                details=describe(decision, t),
                raised_at=now,
                data={
                    "run": run,
                    "enrolment": enrolment_id,
                    "period_start": decision.latest.period_start.isoformat(),
                    "period_end": decision.latest.period_end.isoformat(),
                    "rate": str(round(decision.latest.rate, 2)),
                    "illegal_rate": str(round(decision.latest.illegal_rate, 2)),
                    "baseline_mean": (
                        str(round(decision.baseline_mean, 2))
                        if decision.baseline_mean is not None
                        else None
                    ),
                    "reasons": list(decision.reasons),
                },
            )
            for person_id, (decision, enrolment_id, t) in triggered.items()
            if person_id not in open_flags
        ]
        if new_flags:
            Flag.objects.bulk_create(new_flags, ignore_conflicts=True, batch_size=1000)
            created = list(
                Flag.objects.filter(
                    kind=FlagKind.RISING_ABSENCE,
                    resolved_at__isnull=True,
                    person_id__in=[f.person_id for f in new_flags],
                    data__run=run,
                ).select_related("person__contact_person")
            )
            result.raised = len(created)
            result.raised_person_ids = [f.person_id for f in created]
            _notify_rising(created)

        by_count: dict[int, list[int]] = defaultdict(list)
        for person_id, t in below.items():
            if person_id in open_flags:
                by_count[t.resolve_after].append(open_flags[person_id])
        for n, flag_ids in by_count.items():
            result.resolved += Flag.objects.filter(
                pk__in=flag_ids, resolved_at__isnull=True
            ).update(
                resolved_at=now,
                resolution=_(
                    "Løst automatisk: fraværet har ligget under tærsklen i %(n)s perioder i træk."
                )
                % {"n": n},
            )
        if ids is None:
            result.resolved += _resolve_without_open_enrolment(FlagKind.RISING_ABSENCE, now)
    return result


def _resolve_without_open_enrolment(kind: str, now) -> int:
    return (
        Flag.objects.filter(kind=kind, resolved_at__isnull=True)
        .filter(
            ~Exists(
                Enrolment.objects.filter(
                    person=OuterRef("person"), status__in=OPEN_ENROLMENT_STATUSES
                )
            )
        )
        .update(
            resolved_at=now,
            resolution=_("Løst automatisk: den unge er ikke længere i et STU-forløb."),
        )
    )


def _municipal_fallback_recipients(municipality_id: int, cache: dict) -> list:
    """Managers of the municipality, for a young person without a contact person."""
    if municipality_id not in cache:
        cache[municipality_id] = list(
            get_user_model()
            .objects.filter(
                municipality_id=municipality_id, is_active=True, groups__name=roles.LEDER
            )
            .distinct()
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
    now = timezone.now()
    ids = sorted(set(enrolment_ids)) if enrolment_ids is not None else None
    window_start = add_months(today, -LOOKBACK_MONTHS)

    enrolments = Enrolment.objects.filter(
        status=EnrolmentStatus.ACTIVE, institution__is_active=True
    )
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
        period_end__gte=window_start, enrolment__status=EnrolmentStatus.ACTIVE
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

    result = MissingResult(missing=sum(len(v) for v in overdue.values()))
    if ids is None:
        result.reminders = _send_reminders(overdue)
    with transaction.atomic():
        result.raised = _raise_missing_flags(flag_periods, now)
        open_qs = Flag.objects.filter(
            kind=FlagKind.MISSING_ABSENCE_REPORT, resolved_at__isnull=True
        ).exclude(person_id__in=list(flag_periods))
        if ids is not None:
            open_qs = open_qs.filter(person_id__in=[e[1] for e in enrolments])
        result.resolved = open_qs.update(
            resolved_at=now,
            resolution=_("Løst automatisk: der mangler ikke længere fraværsindberetninger."),
        )
        if ids is None:
            # Paused or ended: nothing is expected, whatever was missing before.
            result.resolved += _resolve_without_open_enrolment(FlagKind.MISSING_ABSENCE_REPORT, now)
    return result


def _raise_missing_flags(flag_periods: dict, now) -> int:
    if not flag_periods:
        return 0
    open_persons = set(
        Flag.objects.filter(
            kind=FlagKind.MISSING_ABSENCE_REPORT,
            resolved_at__isnull=True,
            person_id__in=list(flag_periods),
        ).values_list("person_id", flat=True)
    )
    names = dict(
        Institution.objects.filter(
            pk__in={p[2] for periods in flag_periods.values() for p in periods}
        ).values_list("pk", "name")
    )
    run = uuid.uuid4().hex
    new_flags = []
    for person_id, periods in flag_periods.items():
        if person_id in open_persons:
            continue
        periods.sort()
        labels = ", ".join(p.label.lower() for p, _d, _i in periods)
        last_period, deadline, institution_id = periods[-1]
        new_flags.append(
            Flag(
                person_id=person_id,
                kind=FlagKind.MISSING_ABSENCE_REPORT,
                severity=Severity.WARNING,
                raised_at=now,
                details=_(
                    "%(inst)s har ikke indberettet fravær for %(periods)s "
                    "(seneste frist %(deadline)s)."
                )
                % {
                    "inst": names.get(institution_id, _("Institutionen")),
                    "periods": labels,
                    "deadline": deadline.strftime("%d.%m.%Y"),
                },
                data={
                    "run": run,
                    "institution": institution_id,
                    "periods": [[p.start.isoformat(), p.end.isoformat()] for p, _d, _i in periods],
                },
            )
        )
    Flag.objects.bulk_create(new_flags, ignore_conflicts=True, batch_size=1000)
    return Flag.objects.filter(
        kind=FlagKind.MISSING_ABSENCE_REPORT,
        person_id__in=[f.person_id for f in new_flags],
        data__run=run,
    ).count()


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
