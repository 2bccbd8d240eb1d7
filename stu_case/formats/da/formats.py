"""Danish date and time formats (Django's own, stated here so the pages cannot drift).

Templates use the names: ``{{ day|date:"SHORT_DATE_FORMAT" }}`` → ``03.12.2026``,
``"SHORT_DATETIME_FORMAT"`` → ``03.12.2026 14:05``, ``"DATE_FORMAT"`` → ``3. december 2026``,
``"YEAR_MONTH_FORMAT"`` → ``december 2026``, ``"TIME_FORMAT"`` → ``14:05``. Python code uses
``stu_case.formats.short_date`` and friends. Number formats stay Django's.
"""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
