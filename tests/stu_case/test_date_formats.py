"""Dates show the Danish way in both languages: 03.12.2026, in Copenhagen time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from stu_case.formats import short_date, short_datetime

DAY = date(2026, 12, 3)
# 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Copenhagen.
NEW_YEAR_UTC = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))


@pytest.mark.parametrize("language", ["da", "en"])
def test_named_formats_in_templates(language):
    with translation.override(language):
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=DAY) == "03.12.2026"
        assert _render('{{ t|date:"SHORT_DATETIME_FORMAT" }}', t=NEW_YEAR_UTC) == "01.01.2027 00:30"
        assert _render('{{ t|date:"TIME_FORMAT" }}', t=NEW_YEAR_UTC) == "00:30"
        long = _render('{{ d|date:"DATE_FORMAT" }}', d=DAY)
    assert long == {"da": "3. december 2026", "en": "3. December 2026"}[language]


@pytest.mark.parametrize("language", ["da", "en"])
def test_python_helpers_use_the_same_formats(language):
    with translation.override(language):
        assert short_date(DAY) == "03.12.2026"
        assert short_date(NEW_YEAR_UTC) == "01.01.2027"  # the local date, not UTC's
        assert short_datetime(NEW_YEAR_UTC) == "01.01.2027 00:30"
        assert short_date(None) == short_datetime(None) == ""


def test_english_keeps_its_number_and_input_formats():
    """Only the display of dates is Danish in English; numbers and date input stay Django's."""
    from django.utils.formats import get_format

    with translation.override("en"):
        assert get_format("DECIMAL_SEPARATOR") == "."
        assert "%Y-%m-%d" in get_format("DATE_INPUT_FORMATS")
    with translation.override("da"):
        assert get_format("DECIMAL_SEPARATOR") == ","


# ---------------------------------------------------------------- one way to show a date
ROOT = Path(__file__).resolve().parents[2]
APPS = ("stu_case", "institutions", "students", "visitation", "transitions")
# A date filter or {% now %} with a literal format; ISO ``Y-m-d`` (the value of an
# <input type="date">) is data, not display.
LITERAL_TEMPLATE_FORMAT = re.compile(
    r"""(?:\|date:|\{%\s*now\s+)(["'])(?![A-Z_]+_FORMAT\1)(?!Y-m-d\1)[^"']*\1"""
)
# strftime / f-string / date_format with a day.month.year display format.
LITERAL_PYTHON_FORMAT = re.compile(
    r"""strftime\(\s*["']%d\.%m|:%d\.%m\.%Y[^"']*\}|date_format\([^)]*["'][dj]\.[mnF]"""
)


def test_templates_show_dates_with_the_named_formats():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for match in LITERAL_TEMPLATE_FORMAT.finditer(path.read_text())
    ]
    assert offenders == [], 'use |date:"SHORT_DATE_FORMAT" (or another named format)'


def test_python_code_shows_dates_with_the_format_helpers():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for match in LITERAL_PYTHON_FORMAT.finditer(path.read_text())
    ]
    assert offenders == [], "use stu_case.formats.short_date / short_datetime"


def test_the_guards_catch_what_they_look_for():
    assert LITERAL_TEMPLATE_FORMAT.search('{{ d|date:"d.m.Y" }}')
    assert LITERAL_TEMPLATE_FORMAT.search("{% now 'j. F Y' %}")
    assert not LITERAL_TEMPLATE_FORMAT.search('{{ d|date:"SHORT_DATE_FORMAT" }}')
    assert not LITERAL_TEMPLATE_FORMAT.search("{{ d|date:'Y-m-d' }}")
    assert LITERAL_PYTHON_FORMAT.search('day.strftime("%d.%m.%Y")')
    assert LITERAL_PYTHON_FORMAT.search('f"{day:%d.%m.%Y}"')
    assert LITERAL_PYTHON_FORMAT.search('date_format(day, "d.m.Y")')
    assert not LITERAL_PYTHON_FORMAT.search('date_format(day, "SHORT_DATE_FORMAT")')
    assert not LITERAL_PYTHON_FORMAT.search('datetime.strptime(text, "%d.%m.%Y")')
