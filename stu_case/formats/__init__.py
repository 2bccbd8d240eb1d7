"""How dates are shown: the format modules per language (``FORMAT_MODULE_PATH``) and the
helpers Python code uses for the same formats (notification texts, flag details, PDFs).

Templates: ``{{ day|date:"SHORT_DATE_FORMAT" }}``; Python: ``short_date(day)``. A datetime is
shown in local time (Europe/Copenhagen), as the templates' ``date`` filter does.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value: date | datetime | None) -> str:
    """``03.12.2026`` (``""`` for ``None``)."""
    return date_format(_local(value), "SHORT_DATE_FORMAT") if value else ""


def short_datetime(value: datetime | None) -> str:
    """``03.12.2026 14:05`` in local time (``""`` for ``None``)."""
    return date_format(_local(value), "SHORT_DATETIME_FORMAT") if value else ""
