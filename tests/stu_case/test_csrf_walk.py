"""CSRF on every state change (SECURITY.md, requirement 13).

Django's test client skips CSRF checks unless asked. Here a client that enforces them posts,
without a token, to every URL in the URL matrix as a user who may use it (the anonymous visitor
for the public ones). Every such post must be refused with 403 before the view runs. A second
test shows that the same post with the token in the header that htmx sends gets past the check,
so the 403s are the CSRF check's, not the permission check's.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.url_matrix import ANONYMOUS, Cast, collect_entries

# One entry per URL name: the first, with the role that may use it.
_FIRST: dict[str, object] = {}
for _entry in collect_entries():
    _FIRST.setdefault(_entry.name, _entry)
ENTRIES = list(_FIRST.values())


def _role(entry) -> str:
    return entry.allowed[0] if entry.allowed else ANONYMOUS


def _client(cast: Cast, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def cast(request, db):
    return Cast(request)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_a_post_without_a_csrf_token_is_refused(entry, cast):
    client = _client(cast, _role(entry))
    url = reverse(entry.name, kwargs=entry.kwargs(cast))
    data = entry.data(cast) if entry.data else {}
    response = client.post(url, data)
    assert response.status_code == 403, f"POST {url} without a CSRF token: {response.status_code}"


def test_the_htmx_header_token_passes_the_check(cast, enrolled_person, uu_user):
    """The control: with the token in ``X-CSRFToken`` (how htmx sends it, from
    ``data-hx-headers``), the same kind of post reaches the view."""
    client = _client(cast, "uu_user")
    client.get(reverse("students:detail", args=[enrolled_person.pk]))
    token = client.cookies["csrftoken"].value
    url = reverse("students:reveal_cpr", args=[enrolled_person.pk])
    assert client.post(url).status_code == 403
    response = client.post(url, HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert enrolled_person.cpr[:6] in response.content.decode()
