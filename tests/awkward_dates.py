"""The awkward moments the date-sensitive tests also run at (``make test-dates``).

Computed from the real today, so they stay in the near future as the years pass: the next
31 December and 1 January (just after midnight, when the UTC date is still the old year), the
next 29 February, the last day of the next 30-day month, the days of the next spring and autumn
clock changes in Europe/Copenhagen (just after midnight, on the 23- and 25-hour days), and the
day before the end of the next quarter but the one at New Year (status meetings every three months and quarterly absence
periods cross a boundary). ``python -m tests.awkward_dates`` prints one per line, in the form
``--today`` takes.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _next_on_or_after(today: date, month: int, day: int) -> date:
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def _next_leap_day(today: date) -> date:
    year = today.year
    while not (calendar.isleap(year) and date(year, 2, 29) >= today):
        year += 1
    return date(year, 2, 29)


def _next_end_of_30_day_month(today: date) -> date:
    day = today
    while True:
        last = calendar.monthrange(day.year, day.month)[1]
        end = date(day.year, day.month, last)
        if last == 30 and end >= today:
            return end
        day = end + timedelta(days=1)


def _clock_change_days(today: date) -> list[date]:
    """The next days (from ``today``) whose UTC offset in Copenhagen differs at their end."""
    found: dict[str, date] = {}
    day = today
    while len(found) < 2:
        start = datetime.combine(day, time(0), COPENHAGEN).utcoffset()
        end = datetime.combine(day + timedelta(days=1), time(0), COPENHAGEN).utcoffset()
        if start != end:
            found.setdefault("spring" if end > start else "autumn", day)
        day += timedelta(days=1)
    return sorted(found.values())


def _day_before_next_quarter_end(today: date) -> date:
    """Not the one at New Year: the 31 December moment covers that."""
    for offset in range(0, 400):
        day = today + timedelta(days=offset)
        tomorrow = day + timedelta(days=1)
        if (
            tomorrow.month in (3, 6, 9)
            and tomorrow.day == calendar.monthrange(tomorrow.year, tomorrow.month)[1]
        ):
            return day
    raise AssertionError("no quarter end within a year")


def awkward_moments(today: date) -> list[str]:
    new_year = _next_on_or_after(today, 1, 1)
    moments = [
        f"{_next_on_or_after(today, 12, 31).isoformat()}T14:00",
        f"{new_year.isoformat()}T00:20",
        _next_leap_day(today).isoformat(),
        _next_end_of_30_day_month(today).isoformat(),
        *(f"{d.isoformat()}T00:30" for d in _clock_change_days(today)),
        _day_before_next_quarter_end(today).isoformat(),
    ]
    return moments


if __name__ == "__main__":
    print("\n".join(awkward_moments(datetime.now(COPENHAGEN).date())))
