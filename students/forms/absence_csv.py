"""Reading the absence upload: semicolon-separated, header row, Danish decimal comma.

Columns (header names are matched without regard to case, spaces, hyphens or æ/ø/å):

============================  ==========================================================
``forløb_id``                 the enrolment id from the portal (the downloadable template
                              has it filled in). Identifies the student.
``navn`` or ``fornavn`` +     with ``fødselsdato`` (dd.mm.åååå or åååå-mm-dd): identifies
``efternavn``                 the student when there is no ``forløb_id``, e.g. in an export
                              from the institution's own system. Never CPR: institutions
                              do not see CPR numbers.
``planlagte_timer``           required
``lovligt_fravær``            hours; empty = 0
``ulovligt_fravær``           hours; empty = 0
``note``                      optional
============================  ==========================================================

Parsing turns each line into a ``ReportRow`` (key ``Linje N``) or line errors; the service
then validates the rows as a whole. Nothing is saved unless every line is valid.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial

from django.utils.translation import gettext as _

from students.services.absence import ReportRow

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000

HEADER_ALIASES = {
    "forloeb_id": "enrolment_id",
    "forloebsid": "enrolment_id",
    "forloeb": "enrolment_id",
    "id": "enrolment_id",
    "navn": "name",
    "elev": "name",
    "fornavn": "first_name",
    "efternavn": "last_name",
    "foedselsdato": "birth_date",
    "foedt": "birth_date",
    "planlagte_timer": "planned_hours",
    "planlagt": "planned_hours",
    "timer": "planned_hours",
    "lovligt_fravaer": "absent_legal",
    "lovligt": "absent_legal",
    "ulovligt_fravaer": "absent_illegal",
    "ulovligt": "absent_illegal",
    "note": "note",
    "bemaerkning": "note",
}
# The template names the students without their birth dates: institution staff never see
# one (it is six of the CPR number's ten digits). ``forløb_id`` identifies the student.
TEMPLATE_HEADER = [
    "forløb_id",
    "navn",
    "planlagte_timer",
    "lovligt_fravær",
    "ulovligt_fravær",
    "note",
]


def normalise_header(text: str) -> str:
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def parse_hours(raw: str) -> Decimal | None:
    """``12,5`` / ``12.5`` / ``1.234,5`` → Decimal; empty → None; else ``ValueError``."""
    text = (raw or "").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise ValueError(raw)
    return value


def format_hours(value) -> str:
    """Decimal(12.50) → ``12,5``; Decimal(70) → ``70``."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_date(raw: str) -> date | None:
    text = (raw or "").strip()
    for fmt in ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's BOM), else Windows-1252 (what Danish Excel saves)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass
class ParsedFile:
    rows: list[ReportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)
    """Row key → a short description of the student (for the error report)."""


def parse(data: bytes, *, enrolments) -> ParsedFile:
    """Parse the upload; ``enrolments`` (with ``person``) resolve names and birth dates.

    ``enrolments`` are the institution's students the user may see; a name matching none of
    them stays unresolved (``enrolment_id=None`` → "unknown or not enrolled" from the
    service, which decides on every id).
    """
    out = ParsedFile()
    if len(data) > MAX_BYTES:
        out.errors.append(_("Filen er for stor (højst 1 MB)."))
        return out
    text = decode(data)
    problem = _first_line_problem(text.splitlines())
    if problem:
        out.errors.append(problem)
        return out
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [HEADER_ALIASES.get(normalise_header(h), normalise_header(h)) for h in next(reader)]
    columns = {name: i for i, name in reversed(list(enumerate(header)))}
    missing = _missing_columns(columns)
    if missing:
        out.errors.append(
            _("Linje 1: Overskriftslinjen mangler kolonnen/kolonnerne: %(cols)s.")
            % {"cols": ", ".join(missing)}
        )
        return out

    by_id = {e.pk: e for e in enrolments}
    by_name: dict[tuple[str, date], list] = {}
    for e in enrolments:
        key = (_name_key(e.person.full_name), e.person.birth_date)
        by_name.setdefault(key, []).append(e)

    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(out.rows) >= MAX_ROWS:
            out.errors.append(_("Filen har for mange linjer (højst %(n)s).") % {"n": MAX_ROWS})
            break
        key = _("Linje %(n)s") % {"n": number}
        _parse_line(out, key, partial(_cell, values, columns), by_id=by_id, by_name=by_name)
    if not out.rows and not out.errors:
        out.errors.append(_("Filen indeholder ingen elever."))
    return out


def _first_line_problem(lines: list[str]) -> str | None:
    if not lines or not lines[0].strip():
        return _("Filen er tom. Første linje skal være en overskriftslinje.")
    if ";" not in lines[0]:
        return _(
            "Linje 1: Kolonnerne skal være adskilt med semikolon (;). Gem filen som "
            "“CSV (semikolonsepareret)”."
        )
    return None


def _missing_columns(columns: dict[str, int]) -> list[str]:
    missing = [
        label
        for key, label in (
            ("planned_hours", "planlagte_timer"),
            ("absent_legal", "lovligt_fravær"),
            ("absent_illegal", "ulovligt_fravær"),
        )
        if key not in columns
    ]
    has_id = "enrolment_id" in columns
    has_name = "name" in columns or ("first_name" in columns and "last_name" in columns)
    if not has_id and not (has_name and "birth_date" in columns):
        missing.append(_("forløb_id (eller navn og fødselsdato)"))
    return missing


def _cell(values: list[str], columns: dict[str, int], name: str) -> str:
    i = columns.get(name)
    return values[i].strip() if i is not None and i < len(values) else ""


def _parse_line(out: ParsedFile, key: str, cell: Callable[[str], str], *, by_id, by_name) -> None:
    """One data line → a row in ``out.rows``, or its problems in ``out.errors``."""
    line_errors: list[str] = []
    raw_id = cell("enrolment_id")
    name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
    enrolment_id = _line_enrolment_id(cell, raw_id, name, by_name, line_errors)
    hours = _line_hours(cell, line_errors)
    student = by_id.get(enrolment_id)
    out.lines[key] = (
        student.person.full_name
        if student
        else name or (_("forløb %(id)s") % {"id": raw_id[:20]} if raw_id else "")
    )
    if line_errors:
        out.errors.extend(f"{key}: {m}" for m in line_errors)
        return
    out.rows.append(
        ReportRow(
            key=key,
            enrolment_id=enrolment_id,
            planned_hours=hours["planned_hours"],
            absent_legal=hours["absent_legal"],
            absent_illegal=hours["absent_illegal"],
            note=cell("note")[:1000],
        )
    )


def _line_enrolment_id(
    cell: Callable[[str], str], raw_id: str, name: str, by_name, line_errors: list[str]
) -> int | None:
    """The line's enrolment id, given or found by name and birth date (problems appended)."""
    if raw_id:
        if not raw_id.isdigit():
            line_errors.append(_("Forløbs-id “%(v)s” er ikke et tal.") % {"v": raw_id[:20]})
            return None
        # Whether the user may report for it is the service's decision.
        return int(raw_id)
    if not name:
        line_errors.append(_("Linjen mangler forløb_id eller navn og fødselsdato."))
        return None
    born = parse_date(cell("birth_date"))
    if born is None:
        line_errors.append(
            _("Fødselsdatoen “%(v)s” kan ikke læses (brug dd.mm.åååå).")
            % {"v": cell("birth_date")[:20]}
        )
        return None
    matches = by_name.get((_name_key(name), born), [])
    if len(matches) > 1:
        line_errors.append(
            _("Der er flere elever med det navn og den fødselsdato: brug forløb_id.")
        )
    return matches[0].pk if len(matches) == 1 else None


def _line_hours(cell: Callable[[str], str], line_errors: list[str]) -> dict[str, Decimal | None]:
    hours = {}
    for field_name, label in (
        ("planned_hours", _("planlagte timer")),
        ("absent_legal", _("lovligt fravær")),
        ("absent_illegal", _("ulovligt fravær")),
    ):
        raw = cell(field_name)
        try:
            hours[field_name] = parse_hours(raw)
        except ValueError:
            hours[field_name] = None
            line_errors.append(
                _("%(what)s “%(v)s” er ikke et tal (brug fx 12,5).")
                % {"what": label.capitalize(), "v": raw[:20]}
            )
    return hours


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def template_csv(rows) -> str:
    """The downloadable template for a period, prefilled with the students and planned hours."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    for row in rows:
        person = row.enrolment.person
        planned = row.planned_prefill
        writer.writerow(
            [
                row.enrolment.pk,
                person.full_name,
                format_hours(planned),
                "",
                "",
                "",
            ]
        )
    return "\ufeff" + buffer.getvalue()
