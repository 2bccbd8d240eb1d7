"""The rising-absence rule, in pure Python (no database): one source of truth.

The rule and its edge cases are documented on ``students.models.AbsenceRule``. The detection
job gets each enrolment's latest periods from one SQL query (window function) and calls
``evaluate`` on them; the tests call it directly too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Thresholds:
    """A municipality's thresholds (defaults = ``AbsenceRule``'s field defaults)."""

    min_rate: Decimal = Decimal(15)
    min_rise: Decimal = Decimal(5)
    baseline_periods: int = 3
    min_baseline_periods: int = 1
    illegal_rate: Decimal = Decimal(10)
    resolve_after: int = 2

    @classmethod
    def from_rule(cls, rule) -> Thresholds:
        return cls(
            min_rate=Decimal(rule.min_rate_pct),
            min_rise=Decimal(rule.min_rise_points),
            baseline_periods=max(1, rule.baseline_periods),
            min_baseline_periods=max(1, rule.min_baseline_periods),
            illegal_rate=Decimal(rule.illegal_rate_pct),
            resolve_after=max(1, rule.resolve_after_periods),
        )

    @property
    def window(self) -> int:
        """How many of the latest periods the rule looks at."""
        return 1 + max(self.baseline_periods, self.resolve_after)


@dataclass(frozen=True)
class PeriodRate:
    """One reported period with planned hours > 0, as percentages."""

    period_start: date
    period_end: date
    rate: Decimal
    illegal_rate: Decimal

    def is_below(self, t: Thresholds) -> bool:
        return self.rate < t.min_rate and self.illegal_rate < t.illegal_rate


@dataclass(frozen=True)
class Decision:
    raise_flag: bool
    below: bool
    """The latest ``resolve_after`` periods are all below the thresholds (resolve an open flag)."""
    latest: PeriodRate | None = None
    baseline_mean: Decimal | None = None
    baseline_count: int = 0
    reasons: tuple[str, ...] = field(default_factory=tuple)
    """``"rising"`` and/or ``"illegal"``."""


def rates_from_reports(reports: Iterable) -> list[PeriodRate]:
    """``PeriodRate``s newest first from report-like objects; 0 planned hours are skipped."""
    out = []
    for r in sorted(reports, key=lambda r: r.period_start, reverse=True):
        planned = Decimal(r.planned_hours)
        if planned <= 0:
            continue
        legal, illegal = Decimal(r.absent_legal), Decimal(r.absent_illegal)
        out.append(
            PeriodRate(
                period_start=r.period_start,
                period_end=r.period_end,
                rate=(legal + illegal) * HUNDRED / planned,
                illegal_rate=illegal * HUNDRED / planned,
            )
        )
    return out


def evaluate(rates: Sequence[PeriodRate], t: Thresholds) -> Decision:
    """Apply the rule to one enrolment's periods, newest first (0-hour periods left out)."""
    if not rates:
        return Decision(raise_flag=False, below=False)
    latest = rates[0]
    baseline = list(rates[1 : 1 + t.baseline_periods])
    mean = sum((r.rate for r in baseline), Decimal(0)) / len(baseline) if baseline else None
    reasons = []
    if (
        len(baseline) >= t.min_baseline_periods
        and mean is not None
        and latest.rate >= t.min_rate
        and latest.rate >= mean + t.min_rise
    ):
        reasons.append("rising")
    if latest.illegal_rate >= t.illegal_rate:
        reasons.append("illegal")
    recent = rates[: t.resolve_after]
    below = len(recent) >= t.resolve_after and all(r.is_below(t) for r in recent)
    return Decision(
        raise_flag=bool(reasons),
        below=below,
        latest=latest,
        baseline_mean=mean,
        baseline_count=len(baseline),
        reasons=tuple(reasons),
    )


def number(value: Decimal | None) -> str:
    """``22.456`` → ``22,5``, ``30.0`` → ``30`` (Danish, one decimal at most)."""
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal(1))
    return f"{rounded}".replace(".", ",")


def pct(value: Decimal | None) -> str:
    """``22.456`` → ``22,5 %``, ``30.0`` → ``30 %`` (Danish)."""
    return "–" if value is None else f"{number(value)} %"


def period_label(start: date, end: date) -> str:
    from institutions.reporting import Period

    return Period(start, end).label


def describe(decision: Decision, t: Thresholds) -> str:
    """A Danish sentence for the flag: what was measured and which part of the rule fired."""
    latest = decision.latest
    if latest is None:
        return ""
    parts = [
        _("Fraværet i %(period)s var %(rate)s (heraf ulovligt %(illegal)s).")
        % {
            "period": period_label(latest.period_start, latest.period_end).lower(),
            "rate": pct(latest.rate),
            "illegal": pct(latest.illegal_rate),
        }
    ]
    if decision.baseline_mean is not None:
        parts.append(
            _("Gennemsnittet i de %(n)s foregående perioder var %(mean)s.")
            % {"n": decision.baseline_count, "mean": pct(decision.baseline_mean)}
        )
    if "rising" in decision.reasons:
        parts.append(
            _(
                "Stigningen på %(delta)s procentpoint er over kommunens tærskel (mindst "
                "%(min)s og %(rise)s procentpoint over gennemsnittet)."
            )
            % {
                "delta": number(latest.rate - decision.baseline_mean),
                "min": pct(t.min_rate),
                "rise": number(t.min_rise),
            }
        )
    if "illegal" in decision.reasons:
        parts.append(
            _("Det ulovlige fravær er over kommunens tærskel på %(ill)s.")
            % {"ill": pct(t.illegal_rate)}
        )
    return " ".join(parts)
