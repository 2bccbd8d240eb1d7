"""No page, partial or download the app renders is kept in a browser or proxy cache.

A person page left in the disk cache of a shared municipal PC (or of a proxy) can be read by
the next user, or from the back button after logging out. Every response the app renders
carries ``Cache-Control: no-store``; a view that sets a Cache-Control of its own keeps it, and
the matrix walk below fails if one of those leaves out ``no-store`` for a logged-in user. The
anonymous pages (the login page, the redirect to it) are not stored either: simpler, and
nothing on them is worth caching. Static files keep their own caching.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.url_matrix import Cast, collect_entries

ENTRIES = collect_entries()
BY_ID = {entry.id: entry for entry in ENTRIES}


@pytest.fixture
def cast(request, db):
    return Cast(request)


def not_stored(response) -> bool:
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    return "no-store" in directives


def fetch(entry, cast, client_for, **headers):
    """The entry's URL, as its first allowed cast member (or, for a URL nobody may open, such
    as a made-up calendar token, its first denied one: the 404 is not stored either)."""
    client = client_for(cast.user((entry.allowed or entry.denied)[0]))
    url = reverse(entry.name, kwargs=entry.kwargs(cast))
    data = entry.data(cast) if entry.data else {}
    if entry.method == "post":
        return client.post(url, data, headers=headers)
    return client.get(url, data, headers=headers)


def test_the_person_page_is_not_stored(person, uu_user, client_for):
    response = client_for(uu_user).get(reverse("students:detail", args=[person.pk]))
    assert response.status_code == 200
    assert person.first_name in response.content.decode()
    assert not_stored(response), response.headers.get("Cache-Control")
    assert "private" in response["Cache-Control"]


def test_the_caseload_and_its_htmx_partial_are_not_stored(person, uu_user, client_for):
    client = client_for(uu_user)
    page = client.get(reverse("students:list"))
    partial = client.get(reverse("students:list"), {"q": person.first_name}, HTTP_HX_REQUEST="true")
    assert page.status_code == partial.status_code == 200
    assert "<html" not in partial.content.decode()  # the table alone
    assert not_stored(page), page.headers.get("Cache-Control")
    assert not_stored(partial), partial.headers.get("Cache-Control")


@pytest.mark.parametrize("entry_id", ["portal:template", "visitation:letter"])
def test_csv_and_pdf_downloads_are_not_stored(entry_id, cast, client_for):
    response = fetch(BY_ID[entry_id], cast, client_for)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] in ("text/csv", "application/pdf")
    assert not_stored(response), response.headers.get("Cache-Control")


@pytest.mark.parametrize("entry", [pytest.param(e, id=e.id) for e in ENTRIES])
def test_no_url_is_stored_for_a_logged_in_user(entry, cast, client_for):
    """Each URL in the matrix, as its first allowed cast member: whatever the view, the answer
    (a page, a partial, a download, a redirect after a post) is not stored."""
    response = fetch(entry, cast, client_for)
    assert not_stored(response), f"{entry.id}: Cache-Control {response.get('Cache-Control')!r}"


def test_the_login_page_and_the_redirect_to_it_are_not_stored_either(db):
    assert not_stored(Client().get(reverse("login")))
    redirect = Client().get(reverse("students:list"))
    assert redirect.status_code == 302
    assert not_stored(redirect)


def test_static_files_keep_their_caching(uu_user, client_for):
    response = client_for(uu_user).get(f"{settings.STATIC_URL}css/app.css")
    assert response.status_code == 200
    assert not not_stored(response), response.headers.get("Cache-Control")
