"""The moments ``make test-dates`` runs the suite at are the awkward ones the README promises."""

from __future__ import annotations

from datetime import UTC, date

from tests.awkward_dates import awkward_moments
from tests.conftest import parse_today


def test_moments_from_a_december_day():
    assert awkward_moments(date(2026, 12, 3)) == [
        "2026-12-31T14:00",
        "2027-01-01T00:20",  # 23:20 UTC on 31 December
        "2028-02-29",
        "2027-04-30",
        "2027-03-28T00:30",  # 23 hours long in Copenhagen
        "2027-10-31T00:30",  # 25 hours long
        "2027-03-30",
    ]


def test_moments_from_a_leap_day_itself():
    moments = awkward_moments(date(2028, 2, 29))
    assert "2028-02-29" in moments
    assert "2028-04-30" in moments
    assert "2028-03-26T00:30" in moments and "2028-10-29T00:30" in moments
    assert "2028-03-30" in moments


def test_parse_today_is_copenhagen_time():
    moment = parse_today("2027-01-01T00:20")
    assert moment.utcoffset().total_seconds() == 3600
    assert moment.date() == date(2027, 1, 1)
    assert moment.astimezone(UTC).date() == date(2026, 12, 31)
    assert parse_today("2028-02-29").hour == 10
