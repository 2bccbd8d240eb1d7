"""Demo absence data for ``manage.py seed_demo``.

Half a year of monthly reports for the municipality's open enrolments (quarterly where the
agreement says so), a summer month without planned hours, one corrected report, and one
young person at Vejle Produktionsskole whose absence rises sharply in the latest month. The
last month at STU Vejle is left unreported, so the demo user ``institution`` has a period to
report (and sees the reminder after the deadline). Then the real jobs run, so the flags on
the case pages come from the data.

Reports are submitted through the portal's service, by a member of each institution's staff.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from stu_case.calendar import month_start_after
from students.models import AbsenceRule, Enrolment
from students.services import absence as services
from students.services import absence_checks

MONTHS = 6
EVERYDAY_LEGAL_PCT = (0, 0, 0, 1.5, 3, 4, 5, 6)
EVERYDAY_ILLEGAL_PCT = (0, 0, 0, 0, 0, 1.5, 3)


def seed_absence(*, municipality, staff_by_institution: dict, today: date, rng, contact_user):
    """``staff_by_institution``: institution id → a staff user who reports for it."""
    # The municipality took the portal into use six months ago: no reminders before that.
    go_live = month_start_after(today, -MONTHS)
    AbsenceRule.objects.update_or_create(
        municipality=municipality, defaults={"reporting_required_from": go_live}
    )
    enrolments = list(
        Enrolment.objects.active()
        .filter(
            person__municipality=municipality,
            institution_id__in=list(staff_by_institution),
        )
        .select_related("person", "institution")
        .order_by("institution__name", "person__last_name", "pk")
    )
    rules = services.rules_by_municipality([municipality.pk])
    terms = services.reporting_terms(institution_ids=list(staff_by_institution), rules=rules)
    rising = next(
        (
            e
            for e in enrolments
            if e.institution.name == "Vejle Produktionsskole"
            and e.person.contact_person_id == contact_user.pk
            and e.start_date <= month_start_after(today, -4)
        ),
        None,
    )
    # period → institution → rows
    batches: dict = defaultdict(lambda: defaultdict(list))
    for e in enrolments:
        periods = terms.periods_between(
            municipality_id=municipality.pk,
            institution_id=e.institution_id,
            start=max(e.start_date, go_live),
            end=today,
        )
        for period, _terms in periods:
            if period.end >= today or period.start < go_live:
                continue
            last_month = period.end >= month_start_after(today, -1)
            if last_month and e.institution.name == "STU Vejle":
                continue  # left for the demo user to report
            planned = Decimal(e.hours_per_year) * period.months / 12
            planned *= Decimal(period.days_overlapping(e.start_date, None)) / period.days
            planned = planned.quantize(Decimal(1))
            if period.months == 1 and period.start.month == 7 and not last_month:
                planned = Decimal(0)  # summer holiday: nothing planned
            # Everyday absence as a share of the planned hours (at most 6 % legal and 3 % illegal),
            # so only the one young person below crosses the rising-absence thresholds, whatever
            # day the demo is built on (a short first period must not look alarming).
            legal = (planned * Decimal(rng.choice(EVERYDAY_LEGAL_PCT)) / 100).quantize(
                Decimal("0.5")
            )
            illegal = (planned * Decimal(rng.choice(EVERYDAY_ILLEGAL_PCT)) / 100).quantize(
                Decimal("0.5")
            )
            if e is rising and planned:
                if last_month:
                    legal, illegal = (planned * Decimal("0.22")).quantize(Decimal(1)), Decimal(4)
                else:
                    legal, illegal = Decimal(2), Decimal(0)
            batches[period][e.institution_id].append(
                services.ReportRow(
                    key=str(e.pk),
                    enrolment_id=e.pk,
                    planned_hours=planned,
                    absent_legal=legal,
                    absent_illegal=illegal,
                    note="Sommerferie" if not planned else "",
                )
            )
    count = 0
    by_pk = {i.pk: i for i in {e.institution for e in enrolments}}
    for period in sorted(batches):
        for institution_id, rows in batches[period].items():
            count += len(
                services.absence_reports_submit(
                    user=staff_by_institution[institution_id],
                    institution=by_pk[institution_id],
                    period=period,
                    rows=rows,
                    today=today,
                )
            )
    # One correction with its history: a doctor's note arrived after the report, so absence
    # reported as illegal becomes legal (the total, and so the flags, stay as they were).
    from students.models import AbsenceReport

    corrected = (
        AbsenceReport.objects.filter(enrolment__institution__name="STU Vejle", planned_hours__gt=0)
        .select_related("enrolment")
        .order_by("-absent_illegal", "-period_start", "pk")
        .first()
    )
    if corrected is not None:
        services.absence_report_correct(
            report=corrected,
            user=staff_by_institution[corrected.enrolment.institution_id],
            planned_hours=corrected.planned_hours,
            absent_legal=corrected.absent_legal + corrected.absent_illegal,
            absent_illegal=Decimal(0),
            note="Sygemelding fra lægen",
            reason="Sygemeldingen kom efter indberetningen",
        )
    rising_result = absence_checks.absence_detect_rising()
    missing = absence_checks.absence_check_missing_reports(today=today)
    lines = [
        f"Fravær: {count} indberetninger for {MONTHS} måneder; {rising_result.raised} flag for "
        f"stigende fravær, {missing.raised} for manglende indberetning, "
        f"{missing.reminders} påmindelser"
    ]
    if rising is not None:
        lines.append(f"  stigende fravær: {rising.person.full_name} ({rising.institution.name})")
    return lines
