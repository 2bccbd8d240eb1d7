"""A young person moves to another municipality: the case moves with them, and with it the
access (``students.services.transfer``). Creating the case anew in the new municipality
reveals nothing of the old one's case."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from stu_case.notifications.models import Notification
from students.models import YoungPerson
from tests import factories

pytestmark = pytest.mark.time_machine("2027-03-10 10:00 +01:00")


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def other_leader(other_municipality):
    return factories.UserFactory(
        username="leder2", municipality=other_municipality, roles=["leder"]
    )


def move(client, person, municipality, **overrides):
    data = {
        "to_municipality": municipality.pk,
        "moved_on": timezone.localdate().isoformat(),
        "reason": "Ny adresse i Kolding",
        **overrides,
    }
    return client.post(reverse("students:transfer", args=[person.pk]), data)


def test_the_case_and_the_access_move_together(
    enrolled_person,
    uu_user,
    outsider,
    institution_user,
    other_municipality,
    other_leader,
    client_for,
):
    detail = reverse("students:detail", args=[enrolled_person.pk])
    assert client_for(outsider).get(detail).status_code == 404

    response = move(client_for(uu_user), enrolled_person, other_municipality)
    assert response.status_code == 302
    assert response.url == reverse("students:list")

    enrolled_person.refresh_from_db()
    assert enrolled_person.municipality == other_municipality
    assert enrolled_person.contact_person is None
    # The old team no longer sees the person; the new team does; the institution keeps its
    # student (the enrolment goes on).
    assert client_for(uu_user).get(detail).status_code == 404
    assert client_for(outsider).get(detail).status_code == 200
    assert client_for(institution_user).get(detail).status_code == 200
    # The new municipality's leaders are told, with a link to the case.
    note = Notification.objects.get(recipient=other_leader)
    assert enrolled_person.full_name in note.title
    assert note.url == detail


def test_the_old_contact_person_is_told(
    enrolled_person, forvaltning_user, uu_user, other_municipality, client_for
):
    assert enrolled_person.contact_person == uu_user
    move(client_for(forvaltning_user), enrolled_person, other_municipality)
    note = Notification.objects.get(recipient=uu_user)
    assert "Kolding Kommune" in note.title


def test_the_move_is_in_the_history(enrolled_person, uu_user, other_municipality, client_for):
    move(client_for(uu_user), enrolled_person, other_municipality)
    events = YoungPerson.pgh_event_model.objects.filter(pgh_obj=enrolled_person)
    assert events.filter(municipality=other_municipality).exists()
    assert events.exclude(municipality=other_municipality).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"moved_on": "2027-03-11"}, "datoen ligger i fremtiden"),
        ({"moved_on": "2026-11-01"}, "højst ligge 90 dage tilbage"),
        ({"reason": "   "}, "påkrævet"),
    ],
    ids=["future", "long-ago", "no-reason"],
)
def test_a_bad_move_changes_nothing(
    overrides, message, enrolled_person, uu_user, other_municipality, client_for
):
    response = move(client_for(uu_user), enrolled_person, other_municipality, **overrides)
    assert response.status_code == 200
    assert message in text(response)
    enrolled_person.refresh_from_db()
    assert enrolled_person.municipality != other_municipality
    assert not Notification.objects.exists()


def test_the_own_municipality_is_not_offered(enrolled_person, uu_user, municipality, client_for):
    response = move(client_for(uu_user), enrolled_person, municipality)
    assert response.status_code == 200
    enrolled_person.refresh_from_db()
    assert enrolled_person.municipality == municipality


@pytest.mark.parametrize("role", ["jobcenter_user", "leder_user", "institution_user"])
def test_only_uu_and_the_forvaltning_move_a_case(
    role, enrolled_person, other_municipality, client_for, request
):
    user = request.getfixturevalue(role)
    assert move(client_for(user), enrolled_person, other_municipality).status_code == 403
    enrolled_person.refresh_from_db()
    assert enrolled_person.municipality != other_municipality


# ---------------------------------------------------------------- no oracle on creation
def create(client, cpr):
    return client.post(
        reverse("students:create"),
        {"cpr": cpr, "first_name": "Ny", "last_name": "Tilflytter", "status": "candidate"},
    )


def test_creating_a_case_held_elsewhere_reveals_nothing_and_tells_the_holder(
    enrolled_person, outsider, uu_user, leder_user, client_for
):
    response = create(client_for(outsider), enrolled_person.cpr)
    assert response.status_code == 200
    body = text(response)
    assert "Der kan ikke oprettes en ny sag med dette CPR-nummer" in body
    # Nothing of the other municipality's case: not its name, the person's name or the words
    # "already exists".
    assert "Vejle" not in body
    assert enrolled_person.first_name not in body
    assert "findes allerede" not in body
    assert YoungPerson.objects.count() == 1
    # The attempt is logged against the case it touched, by the user who made it …
    row = AccessLog.objects.get(person=enrolled_person, user=outsider)
    assert enrolled_person.cpr not in row.details
    # … and the holding municipality (contact person and leaders) is told.
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {uu_user.pk, leder_user.pk}


def test_the_attempt_counts_towards_the_cpr_lookup_limit(
    settings, enrolled_person, outsider, client_for
):
    settings.STU_CPR_LOOKUPS_PER_HOUR = 2
    client = client_for(outsider)
    create(client, enrolled_person.cpr)
    create(client, enrolled_person.cpr)
    body = text(create(client, enrolled_person.cpr))
    assert "Du har lavet mange CPR-opslag den seneste time" in body
    assert AccessLog.objects.filter(user=outsider).count() == 2


def test_a_duplicate_in_the_own_municipality_is_named(person, uu_user, client_for):
    body = text(create(client_for(uu_user), person.cpr))
    assert "Der findes allerede en ung med dette CPR-nummer i kommunen." in body
    assert YoungPerson.objects.count() == 1


def test_a_move_back_days_ago_is_accepted(enrolled_person, uu_user, other_municipality, client_for):
    moved_on = timezone.localdate() - timedelta(days=30)
    response = move(
        client_for(uu_user), enrolled_person, other_municipality, moved_on=moved_on.isoformat()
    )
    assert response.status_code == 302
