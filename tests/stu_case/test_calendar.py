"""The calendar module at the awkward dates: month ends, leap days and year ends."""

from datetime import date

import pytest

from stu_case.calendar import (
    add_months,
    add_years,
    anniversary,
    days_in_month,
    last_of_month,
    month_start_after,
    months_between,
    period_end,
    period_start,
    quarter_of,
    whole_years_between,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),  # 31 January + 1 month: February's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # ... 29 February in a leap year
        (date(2027, 3, 31), 1, date(2027, 4, 30)),  # into a 30-day month
        (date(2027, 1, 31), 2, date(2027, 3, 31)),  # the day comes back where it exists
        (date(2027, 8, 31), -6, date(2027, 2, 28)),  # backwards, clamped the same way
        (date(2027, 3, 15), -6, date(2026, 9, 15)),  # backwards over a year end
        (date(2026, 12, 31), 1, date(2027, 1, 31)),  # over a year end
        (date(2027, 1, 1), -1, date(2026, 12, 1)),
        (date(2026, 11, 30), 14, date(2028, 1, 30)),
        (date(2027, 5, 17), 0, date(2027, 5, 17)),
        (date(2027, 5, 17), -36, date(2024, 5, 17)),
    ],
)
def test_add_months_keeps_the_day_and_clamps_it_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2028, 2, 29), 1, date(2029, 2, 28)),  # 29 February + 1 year
        (date(2028, 2, 29), 4, date(2032, 2, 29)),  # leap year to leap year keeps the 29th
        (date(2028, 2, 29), -1, date(2027, 2, 28)),
        (date(2026, 12, 31), 1, date(2027, 12, 31)),
        (date(2027, 1, 1), -3, date(2024, 1, 1)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


def test_first_and_last_of_month():
    assert month_start_after(date(2027, 12, 31), 0) == date(2027, 12, 1)
    assert last_of_month(date(2027, 12, 1)) == date(2027, 12, 31)
    assert last_of_month(date(2028, 2, 3)) == date(2028, 2, 29)
    assert last_of_month(date(2027, 2, 3)) == date(2027, 2, 28)
    assert last_of_month(date(2027, 4, 30)) == date(2027, 4, 30)
    assert [days_in_month(2100, 2), days_in_month(2000, 2)] == [28, 29]  # century rules


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 1)),  # always a 1st, never clamped
        (date(2027, 12, 15), 1, date(2028, 1, 1)),  # over a year end
        (date(2027, 1, 15), -1, date(2026, 12, 1)),  # back over a year end
        (date(2027, 3, 31), -13, date(2026, 2, 1)),
        (date(2027, 3, 31), 0, date(2027, 3, 1)),
    ],
)
def test_month_start_after_gives_the_first_of_a_month(day, months, expected):
    assert month_start_after(day, months) == expected


def test_months_between_counts_month_boundaries_not_days():
    assert months_between(date(2027, 1, 31), date(2027, 2, 1)) == 1
    assert months_between(date(2027, 3, 1), date(2027, 3, 31)) == 0
    assert months_between(date(2026, 11, 15), date(2027, 2, 1)) == 3
    assert months_between(date(2027, 2, 1), date(2026, 11, 15)) == -3
    # ... and undoes month_start_after / add_months
    assert months_between(date(2027, 1, 31), add_months(date(2027, 1, 31), 13)) == 13


@pytest.mark.parametrize(
    ("day", "months", "start", "end"),
    [
        (date(2027, 2, 14), 3, date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 3, 31), 3, date(2027, 1, 1), date(2027, 3, 31)),  # the quarter's last day
        (date(2027, 4, 1), 3, date(2027, 4, 1), date(2027, 6, 30)),
        (date(2027, 12, 31), 3, date(2027, 10, 1), date(2027, 12, 31)),  # year end
        (date(2028, 2, 29), 1, date(2028, 2, 1), date(2028, 2, 29)),  # leap day
        (date(2027, 7, 4), 6, date(2027, 7, 1), date(2027, 12, 31)),
        (date(2027, 7, 4), 12, date(2027, 1, 1), date(2027, 12, 31)),
    ],
)
def test_periods_follow_each_other_from_1_january(day, months, start, end):
    assert (period_start(day, months), period_end(day, months)) == (start, end)


def test_periods_restart_on_1_january_when_their_length_does_not_divide_the_year():
    assert period_start(date(2027, 12, 24), 5) == date(2027, 11, 1)
    assert period_end(date(2027, 12, 24), 5) == date(2028, 3, 31)
    assert period_start(date(2028, 2, 1), 5) == date(2028, 1, 1)


@pytest.mark.parametrize("months", [0, 13, -3])
def test_a_period_is_one_to_twelve_months(months):
    with pytest.raises(ValueError):
        period_start(date(2027, 1, 1), months)


def test_quarter_of():
    quarters = [quarter_of(date(2027, month, 1)) for month in range(1, 13)]
    assert quarters == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


def test_whole_years_between_is_an_age():
    born = date(2008, 6, 15)
    assert whole_years_between(born, date(2026, 6, 14)) == 17
    assert whole_years_between(born, date(2026, 6, 15)) == 18
    leap = date(2008, 2, 29)
    assert whole_years_between(leap, date(2026, 2, 28)) == 17  # not yet in a common year
    assert whole_years_between(leap, date(2026, 3, 1)) == 18
    assert whole_years_between(leap, date(2028, 2, 29)) == 20


def test_anniversary_is_the_first_day_of_the_new_age():
    leap = date(2008, 2, 29)
    assert anniversary(leap, 25) == date(2033, 3, 1)  # common year: 1 March, not 28 February
    assert whole_years_between(leap, date(2033, 2, 28)) == 24
    assert whole_years_between(leap, date(2033, 3, 1)) == 25
    assert anniversary(leap, 24) == date(2032, 2, 29)
    assert anniversary(date(2008, 12, 31), 18) == date(2026, 12, 31)
