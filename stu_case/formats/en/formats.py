"""English pages show dates the Danish way (``03.12.2026``, ``3. December 2026``, 24-hour
clock), like the Danish pages, so a date reads the same whichever language a user picks.
Only the date and time display formats differ from Django's English; input formats and
number formats stay Django's."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
