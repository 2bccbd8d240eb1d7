"""The statistics page: who sees it, the filters, the absence and backlog figures, exports."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _figure(response, key):
    for section in response.context["sections"]:
        for figure in section.figures:
            if figure.key == key:
                return figure
    raise AssertionError(f"no figure {key}")


def test_page_renders_every_section_for_the_leader(client_for, leder_user):
    response = client_for(leder_user).get(reverse("students:statistics"))
    assert response.status_code == 200
    labels = [s.label for s in response.context["sections"]]
    assert labels[0] == "Vejen til STU"
    assert "Fravær og opgaver" in labels
