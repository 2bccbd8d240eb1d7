"""Code speaks for itself: no issue numbers and no pointers to documents outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = (
    "stu_case",
    "institutions",
    "students",
    "visitation",
    "transitions",
    "templates",
    "tests",
)
SUFFIXES = {".py", ".html", ".css", ".js", ".txt"}
FORBIDDEN = re.compile(r"\b[Ii]ssues? #?\d+|\bDESIGN(?:\.md)?\b|\.\./shared|shared/reference")


def _files():
    for top in (*SCANNED, "static/css", "static/js"):
        for path in (ROOT / top).rglob("*"):
            if path.suffix in SUFFIXES and path.is_file() and "vendor" not in path.parts:
                yield path


def test_no_issue_numbers_or_outside_documents_in_code():
    me = Path(__file__).resolve()
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
        for path in _files()
        if path != me
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not hits, "references to issues or outside documents:\n" + "\n".join(hits)
