"""Danish is the source language and the default; English comes only from the language cookie.

The English catalogue (locale/en/LC_MESSAGES/django.po) must be complete: no empty msgstr and
no fuzzy entry (fuzzy entries are left out of the compiled .mo, so they would show in Danish).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# PO entries are separated by blank lines; strings may continue over several quoted lines.
_STRING = r'"(?:[^"\\]|\\.)*"'
_MSGID = re.compile(rf"^msgid ((?:{_STRING}\s*)+)", re.MULTILINE)
_MSGSTR = re.compile(rf"^msgstr(?:\[\d+\])? ((?:{_STRING}\s*)+)", re.MULTILINE)


def _entries(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text) if "msgid " in block]


def _joined(quoted: str) -> str:
    """The text of a (possibly multi-line) quoted PO string, without the quotes."""
    return "".join(part[1:-1] for part in re.findall(_STRING, quoted))


def test_login_page_is_danish_by_default(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Log ind på STU Case" in body
    assert "Log in to STU Case" not in body
    assert '<html lang="da">' in body


def test_language_cookie_switches_the_login_page_to_english(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Log in to STU Case" in body
    assert "Log in with your username and password." in body
    assert "Log ind" not in body
    assert '<html lang="en">' in body


def test_python_strings_are_english_with_the_cookie(client_for, uu_user, person):
    """Model choices and verbose names (gettext_lazy) follow the cookie as well."""
    client = client_for(uu_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("students:list")).content.decode()
    assert "Young people" in body
    assert "Search by name" in body
    assert "<td>Clarification</td>" in body  # person.status, a TextChoices label
    assert "<td>Afklaring</td>" not in body
    assert "Søg på navn" not in body


def test_english_catalogue_is_complete():
    text = EN_PO.read_text(encoding="utf-8")
    entries = _entries(text)
    assert len(entries) > 100, "the English catalogue looks empty"
    fuzzy = [e for e in entries if re.search(r"^#,.*\bfuzzy\b", e, re.MULTILINE)]
    assert not fuzzy, "fuzzy entries:\n\n" + "\n\n".join(fuzzy)
    untranslated = []
    for entry in entries:
        msgid = _MSGID.search(entry)
        if msgid is None or not _joined(msgid.group(1)):  # obsolete (#~) or the header
            continue
        msgstrs = _MSGSTR.findall(entry)
        if not msgstrs or any(not _joined(s) for s in msgstrs):
            untranslated.append(entry)
    assert not untranslated, "empty msgstr:\n\n" + "\n\n".join(untranslated)


def test_compiled_catalogue_exists_next_to_the_po_file():
    mo = EN_PO.with_suffix(".mo")
    assert mo.exists(), "run: manage.py compilemessages -l en"


def test_the_error_page_speaks_the_users_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        english = render_to_string("500.html")
    assert '<html lang="en">' in english
    assert "An error occurred" in english
    danish = render_to_string("500.html")
    assert '<html lang="da">' in danish
    assert "Der opstod en fejl" in danish
