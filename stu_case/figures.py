"""Figures for the statistics pages: a table of numbers, drawn as a chart beside it, exported
as CSV or XLSX with exactly what the page shows.

A ``Figure`` is the one shape every statistics section returns: a title, column headings and
rows whose first cell names the row. The page renders the table (``includes/figure.html``),
the chart is drawn from the same numbers (``data-chart`` on the canvas, ``static/js/figures.js``, Chart.js served from
``node_modules``), and ``export_response`` writes the same figures, so the three cannot drift
apart. ``Median`` and ``DaysBetween`` are the expressions the sections count with.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from defusedcsv import csv
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Aggregate, FloatField, Func, IntegerField
from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.text import slugify

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Median(Aggregate):
    """The median (PostgreSQL ``percentile_cont(0.5)``), e.g. of days between two dates."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """Whole days from the date ``start`` to the date ``end`` (``end - start`` of two dates)."""

    template = "(%(expressions)s)"
    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(end, start, arg_joiner=" - ")


@dataclass(frozen=True)
class Figure:
    """One table of figures. ``chart`` is ``"bar"``, ``"line"`` or ``""`` (table only);
    ``series`` names the columns (by index, not the row label's) drawn in the chart."""

    key: str
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence]
    chart: str = "bar"
    series: Sequence[int] = field(default_factory=tuple)
    note: str = ""
    total_row: bool = False  # the last row sums the others: in the table, not the chart

    @property
    def dom_id(self) -> str:
        return f"figure-{self.key}"

    def chart_json(self) -> str:
        """``chart_data`` as JSON for the canvas's ``data-chart`` attribute (escaped by the
        template): no inline ``<script>``, not even a JSON one."""
        return json.dumps(self.chart_data(), cls=DjangoJSONEncoder)

    def display_rows(self) -> list[list]:
        """The rows as the page shows them: numbers grouped and with a decimal comma in the
        active language (``-`` stays ``None`` for the template to say "no data")."""
        return [[row[0], *[_display(v) for v in row[1:]]] for row in self.rows]

    def chart_data(self) -> dict:
        """What ``figures.js`` draws: the row labels and one dataset per series column."""
        series = self.series or range(1, len(self.columns))
        rows = self.rows[:-1] if self.total_row else self.rows
        return {
            "type": self.chart,
            "labels": [str(row[0]) for row in rows],
            "datasets": [
                {"label": str(self.columns[i]), "data": [_number(row[i]) for row in rows]}
                for i in series
            ],
        }


def _display(value):
    if isinstance(value, bool) or value is None or value == "":
        return value
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    if isinstance(value, float | Decimal):
        return number_format(value, 1, force_grouping=True)
    return value


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else None


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, int | float | Decimal) else str(value)


def export_response(figures: Sequence[Figure], *, fmt: str, name: str) -> HttpResponse:
    """The figures as a CSV (one block per figure, ``;``-separated as Danish Excel expects)
    or an XLSX workbook (one sheet per figure)."""
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(figures), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(_csv(figures), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def _csv(figures: Sequence[Figure]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(out, delimiter=";")
    for n, figure in enumerate(figures):
        if n:
            writer.writerow([])
        writer.writerow([str(figure.title)])
        writer.writerow([str(c) for c in figure.columns])
        for row in figure.rows:
            writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue()


def _csv_cell(value):
    """Decimals with a comma, as Danish Excel reads numbers from a CSV file."""
    value = _cell(value)
    return str(value).replace(".", ",") if isinstance(value, float | Decimal) else value


def _xlsx(figures: Sequence[Figure]) -> bytes:
    from openpyxl import Workbook  # imported when an export is asked for, not at start-up

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for figure in figures:
        title = _sheet_title(str(figure.title), used)
        sheet = book.create_sheet(title)
        sheet.append([str(figure.title)])
        sheet.append([str(c) for c in figure.columns])
        for row in figure.rows:
            sheet.append([_xlsx_cell(v) for v in row])
    if not figures:
        book.create_sheet("-")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value):
    value = _cell(value)
    # A text cell starting like a formula stays text (as defusedcsv does for the CSV).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, unique."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:28].strip() or "Ark"
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate, n = f"{clean} {n}", n + 1
    used.add(candidate.lower())
    return candidate
