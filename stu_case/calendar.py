"""Calendar arithmetic on dates: the one place months and years are added or counted.

Every function takes and returns ``datetime.date`` (no time, so clock changes play no part).
Months do not all have the same length, so the functions say what they do with a day that
does not exist in the target month:

- ``add_months`` / ``add_years`` keep the day of the month and clamp it to the target month's
  last day: 31 January + 1 month is 28 (or 29) February, 29 February + 1 year is 28 February.
- ``month_start_after`` and ``period_start`` work on whole months and always give a 1st.

"Today" is ``django.utils.timezone.localdate()`` (the date in Europe/Copenhagen, the site's
``TIME_ZONE``), never ``date.today()`` (the server's clock, often UTC).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date


def _month_index(day: date) -> int:
    """Months since year 0, so month arithmetic is integer arithmetic."""
    return day.year * 12 + day.month - 1


def _from_month_index(index: int, day: int = 1) -> date:
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative: back), keeping the day of the
    month where it exists and else taking the month's last day: 31 January + 1 month is
    28/29 February, 31 August - 6 months is 28/29 February."""
    return _from_month_index(_month_index(day) + months, day.day)


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years`` years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def last_of_month(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=days_in_month(day.year, day.month))


def month_start_after(day: date, months: int) -> date:
    """The first day of the month ``months`` months after ``day``'s month (negative: before);
    ``month_start_after(d, 0)`` is the first of ``day``'s month."""
    return _from_month_index(_month_index(day) + months)


def months_between(start: date, end: date) -> int:
    """How many month boundaries lie between ``start``'s month and ``end``'s month (the days
    are ignored): 31 January → 1 February is 1, 1 March → 31 March is 0; negative when ``end``
    is in an earlier month."""
    return _month_index(end) - _month_index(start)


def period_start(day: date, months: int) -> date:
    """The first day of the ``months``-month period holding ``day``, periods following each
    other from 1 January: the quarter's first day for 3, the month's for 1, the half-year's
    for 6. The periods start again every 1 January, so for a length that does not divide 12
    (e.g. 5: January, June, November) the year's last period reaches into the next year."""
    if not 1 <= months <= 12:
        raise ValueError(f"a period of {months} months is not within a year")
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def period_end(day: date, months: int) -> date:
    """The last day of the ``months``-month period holding ``day`` (see ``period_start``)."""
    return last_of_month(add_months(period_start(day, months), months - 1))


def quarter_of(day: date) -> int:
    """1-4: the calendar quarter holding ``day``."""
    return (day.month - 1) // 3 + 1


def whole_years_between(start: date, end: date) -> int:
    """Completed years from ``start`` to ``end`` (an age): one more on each anniversary,
    and for 29 February only on 1 March in a common year."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def anniversary(start: date, years: int) -> date:
    """The day ``whole_years_between(start, day)`` first reaches ``years``: ``add_years``, except
    that 29 February's anniversary in a common year is 1 March (on 28 February the age is
    still one short)."""
    day = add_years(start, years)
    if day.day != start.day:
        return date(day.year, 3, 1)
    return day
