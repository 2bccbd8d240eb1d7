"""URL matrix entries: transitions meetings (issue 4). Collected by url_matrix.py."""

from __future__ import annotations

ENTRIES: list = []
