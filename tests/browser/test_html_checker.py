"""The HTML check every browser test gets (``vnu.py``) catches invalid pages and passes valid
ones: the same checker and report, fed known documents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .vnu import PageChecks

pytestmark = pytest.mark.browser

VALID = """<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Gyldig</title></head>
<body><main><h1>Gyldig</h1>
<form method="get" data-hx-get="/unge/" data-hx-target="#results"><label for="q">Søg</label>
<input id="q" name="q"><button type="submit">Søg</button></form>
<div id="results"></div></main></body>
</html>
"""

# Two errors: an htmx attribute without the data- prefix, and a stray end tag (line 6).
INVALID = """<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Ugyldig</title></head>
<body><main><h1>Ugyldig</h1>
<form method="get" hx-get="/unge/"><button type="submit">Søg</button></form>
<p>Tekst</div></main></body>
</html>
"""

# Valid, with a warning: the type attribute on a JavaScript script is unnecessary.
WITH_WARNING = VALID.replace(
    "<title>Gyldig</title>",
    '<title>Gyldig</title><script type="text/javascript" src="/a.js"></script>',
)


@pytest.fixture
def checks(html_checker) -> PageChecks:
    if html_checker is None:
        pytest.skip("vnu cannot run here (Java or vnu.jar missing)")
    return PageChecks(*html_checker)


def test_an_invalid_page_fails_naming_the_page_and_each_error(checks):
    checks.add("GET http://testserver/ugyldig/ (200)", INVALID)
    with pytest.raises(AssertionError) as failure:
        checks.assert_valid()
    report = str(failure.value)
    assert "GET http://testserver/ugyldig/ (200): 2 error(s)" in report
    assert "line 5, column" in report and "“hx-get” not allowed" in report
    assert "line 6, column" in report and "“div”" in report


def test_a_valid_page_passes(checks):
    checks.add("GET http://testserver/gyldig/ (200)", VALID)
    checks.assert_valid()


def test_warnings_are_printed_not_failed(checks, capsys):
    checks.add("GET http://testserver/advarsel/ (200)", WITH_WARNING)
    checks.assert_valid()
    printed = capsys.readouterr().out
    assert "GET http://testserver/advarsel/ (200)" in printed
    assert "[warning]" in printed and "type" in printed


def test_every_document_the_browser_receives_is_checked(new_context, html_checks, html_checker):
    """The browser's documents reach the checker: a server page, and an invalid one."""
    if html_checker is None:
        pytest.skip("vnu cannot run here (Java or vnu.jar missing)")
    page = new_context().new_page()
    page.route("**/ugyldig/", lambda route: route.fulfill(content_type="text/html", body=INVALID))
    page.goto(reverse("login"))
    page.goto("/ugyldig/")
    html_checks.settle()
    assert [p.split(" ")[0] for p in html_checks.pages] == ["GET", "GET"]
    assert html_checks.pages[0].endswith(f"{reverse('login')} (200)")
    with pytest.raises(AssertionError, match=r"/ugyldig/ \(200\): 2 error\(s\)"):
        html_checks.assert_valid()
    html_checks.forget()  # the invalid page was the point: it must not fail this test too
