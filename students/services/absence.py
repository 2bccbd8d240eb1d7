"""Writes for absence reporting.

- ``absence_reports_submit``: one institution, one period, many students, all or nothing.
  Used by the portal's table form and by the CSV upload, so both validate alike.
- ``absence_report_correct``: the correction path (before/after, who, when, why).

After a submission or a correction the checks for the affected enrolments are queued on
commit; when the broker is down the request still succeeds (the periodic jobs catch up).
The checks themselves are in ``absence_checks``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from institutions.models import Institution
from institutions.reporting import Defaults, Period, ReportingTerms, Terms
from stu_case import permissions
from stu_case.formats import short_date
from students.models import AbsenceReport, AbsenceReportCorrection, AbsenceRule
from students.models.absence import _hours
from students.models.absence_rule import Thresholds

logger = logging.getLogger(__name__)


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
    _check_submission(period, rows, today or timezone.localdate())
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
    errors: RowErrors = defaultdict(list)
    seen: set[int] = set()
    reports: list[AbsenceReport] = []
    for row in rows:
        row_errors = check_hours(row, period)
        enrolment = enrolments.get(row.enrolment_id)
        row_errors[:0] = _enrolment_errors(
            enrolment,
            institution=institution,
            period=period,
            terms=terms,
            seen=seen,
            already=already,
        )
        if not row_errors:
            report, row_errors = _new_report(row, enrolment, period=period, user=user)
        if row_errors:
            errors[row.key].extend(row_errors)
            continue
        reports.append(report)
    if errors:
        raise AbsenceSubmissionError(dict(errors))
    if validate_only:
        return reports
    _save_reports(reports)
    enqueue_absence_checks(enrolment_ids=[r.enrolment_id for r in reports])
    return reports


def _check_submission(period: Period, rows: Sequence[ReportRow], today: date) -> None:
    """The whole submission's problems (a future period, no rows) before any row is read."""
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


def _enrolment_errors(
    enrolment, *, institution: Institution, period: Period, terms: ReportingTerms, seen, already
) -> list[tuple[str | None, str]]:
    """A row's enrolment problems (unknown, listed twice, period, already reported), shown
    before its hour problems. Marks the enrolment as ``seen``."""
    if enrolment is None:
        return [
            (
                None,
                _("Eleven er ukendt eller ikke indskrevet på %(inst)s.")
                % {"inst": institution.name},
            )
        ]
    if enrolment.pk in seen:
        return [(None, _("Eleven står mere end én gang i indberetningen."))]
    seen.add(enrolment.pk)
    errors = _check_period(terms, enrolment, period)
    if enrolment.pk in already:
        errors.insert(
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
    return errors


def _new_report(
    row: ReportRow, enrolment, *, period: Period, user
) -> tuple[AbsenceReport, list[tuple[str | None, str]]]:
    """The unsaved report for a row that passed the checks, with the model's own field errors."""
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
        return report, [(f, m) for f, msgs in exc.message_dict.items() for m in msgs]
    return report, []


def _save_reports(reports: list[AbsenceReport]) -> None:
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


def _check_period(terms: ReportingTerms, enrolment, period: Period):
    errors: list[tuple[str | None, str]] = []
    last_day = enrolment_last_day(enrolment)
    if period.end < enrolment.start_date:
        errors.append(
            (
                None,
                _("Perioden ligger før forløbets start den %(d)s.")
                % {"d": short_date(enrolment.start_date)},
            )
        )
    elif period.start > last_day:
        errors.append(
            (
                None,
                _("Perioden ligger efter forløbets slut den %(d)s.") % {"d": short_date(last_day)},
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
        from students.tasks import absence as tasks

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
