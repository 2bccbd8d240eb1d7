"""The administrator edits the functional-description template in the Django admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from transitions.models.exit import FunctionalDescriptionTemplate
from transitions.services import exit as services

pytestmark = pytest.mark.django_db


def test_admin_creates_a_municipality_template_with_sections(
    client_for, admin_user, municipality, uu_user, enrolled_person
):
    prefix = "sections"
    response = client_for(admin_user).post(
        reverse("admin:transitions_functionaldescriptiontemplate_add"),
        {
            "name": "Vejles funktionsbeskrivelse",
            "municipality": municipality.pk,
            "is_active": "on",
            "introduction": "Til jobcentrets rehabiliteringsteam.",
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-heading": "Arbejdsevne",
            f"{prefix}-0-guidance": "Hvor mange timer, hvilke opgaver?",
            f"{prefix}-0-required": "on",
            f"{prefix}-1-order": "2",
            f"{prefix}-1-heading": "Skånehensyn",
            f"{prefix}-1-guidance": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = FunctionalDescriptionTemplate.objects.get(municipality=municipality)
    assert [s.heading for s in template.sections.all()] == ["Arbejdsevne", "Skånehensyn"]

    description = services.functional_description_start(person=enrolled_person, user=uu_user)
    assert description.template == template
    assert description.missing_sections == ["Arbejdsevne"]  # "Skånehensyn" is optional


def test_a_second_active_template_is_refused_with_a_danish_message(
    client_for, admin_user, municipality
):
    FunctionalDescriptionTemplate.objects.create(municipality=municipality, name="Den første")
    response = client_for(admin_user).post(
        reverse("admin:transitions_functionaldescriptiontemplate_add"),
        {
            "name": "Den anden",
            "municipality": municipality.pk,
            "is_active": "on",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Kommunen har allerede en aktiv skabelon." in response.content.decode()
    assert FunctionalDescriptionTemplate.objects.filter(municipality=municipality).count() == 1
