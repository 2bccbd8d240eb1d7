"""The letters on the person page (constant queries, status shown), a letter's page and PDF
(audited), and sending the plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stu_case.audit.models import AccessLog
from students.models.letters import LetterStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_person_page_shows_letters_with_status_in_constant_queries(
    client_for, uu_user, enrolled_person, django_assert_max_num_queries
):
    client = client_for(uu_user)
    url = reverse("students:detail", args=[enrolled_person.pk])
    factories.LetterFactory(person=enrolled_person, status=LetterStatus.FAILED)
    client.get(url)  # warm caches (permissions, session)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(15):
        factories.LetterFactory(person=enrolled_person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    page = response.content.decode()
    assert 'id="letters"' in page and "Fejlet" in page and "Sendt" in page


def test_institution_staff_see_no_letters(client_for, institution_user, enrolled_person):
    factories.LetterFactory(person=enrolled_person, title="Hemmeligt brev")
    response = client_for(institution_user).get(
        reverse("students:detail", args=[enrolled_person.pk])
    )
    assert response.status_code == 200
    assert "Hemmeligt brev" not in response.content.decode()


def test_downloading_a_letter_is_in_the_access_log(client_for, uu_user, enrolled_person):
    letter = factories.LetterFactory(person=enrolled_person)
    response = client_for(uu_user).get(
        reverse("students:letter_pdf", args=[enrolled_person.pk, letter.pk])
    )
    assert response.content == b"%PDF-1.7 test"
    assert AccessLog.objects.filter(
        person=enrolled_person, purpose="Brev hentet (PDF)", user=uu_user
    ).exists()


def test_another_persons_letter_is_not_found(client_for, uu_user, enrolled_person, person):
    letter = factories.LetterFactory(person=person)
    url = reverse("students:letter", args=[enrolled_person.pk, letter.pk])
    assert client_for(uu_user).get(url).status_code == 404


def test_sending_an_empty_plan_says_why_in_danish(client_for, uu_user, enrolled_person):
    response = client_for(uu_user).post(
        reverse("students:plan_letter_send", args=[enrolled_person.pk]), follow=True
    )
    assert "Planen er tom. Skriv planen, før den sendes til den unge." in (
        response.content.decode()
    )
    assert not enrolled_person.letters.exists()
