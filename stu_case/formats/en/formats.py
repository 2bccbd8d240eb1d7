"""English pages show dates the Danish way (``03.12.2026``, ``3. December 2026``, 24-hour
clock), like the Danish pages, so a date reads the same whichever language a user picks.
Only the date and time display formats differ from Django's English (they are the Danish
module's, read by Django as this module's attributes); input and number formats stay Django's."""

from stu_case.formats.da.formats import (  # noqa: F401 - Django reads them from this module
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONTH_DAY_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)
