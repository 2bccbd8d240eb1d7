"""The manager hands young people from one contact person to another in one step; the new
contact person is told, and the young person's record says since when."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stu_case.notifications.models import Notification, NotificationKind
from students.models import ContactPersonChange, YoungPerson
from students.services import caseload as caseload_services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(municipality, uu_user):
    return [
        factories.YoungPersonFactory(
            municipality=municipality, contact_person=uu_user, first_name=n, last_name="Holm"
        )
        for n in ("Asta", "Bent", "Cille")
    ]


def _url(from_user) -> str:
    return reverse("students:handover") + f"?fra={from_user.pk}"


@pytest.mark.time_machine("2027-03-10 10:00 +01:00")
def test_leader_hands_some_young_people_over(
    client_for, three, leder_user, uu_user, forvaltning_user
):
    asta, bent, cille = three
    client = client_for(leder_user)
    page = client.get(_url(uu_user)).content.decode()
    assert all(name in page for name in ("Asta Holm", "Bent Holm", "Cille Holm"))

    response = client.post(
        _url(uu_user),
        {"people": [asta.pk, bent.pk], "to_user": forvaltning_user.pk, "note": "Barsel"},
    )

    assert response.status_code == 302
    moved = YoungPerson.objects.filter(contact_person=forvaltning_user)
    assert set(moved.values_list("pk", flat=True)) == {asta.pk, bent.pk}
    assert set(moved.values_list("contact_person_since", flat=True)) == {date(2027, 3, 10)}
    assert YoungPerson.objects.get(pk=cille.pk).contact_person == uu_user
    changes = ContactPersonChange.objects.filter(from_user=uu_user, to_user=forvaltning_user)
    assert changes.count() == 2 and {c.note for c in changes} == {"Barsel"}
    (note,) = Notification.objects.filter(recipient=forvaltning_user)
    assert note.kind == NotificationKind.CASELOAD
    assert note.title == "Du er blevet kontaktperson for 2 unge"
    person_page = client_for(forvaltning_user).get(reverse("students:detail", args=[asta.pk]))
    assert "(siden 10.03.2027)" in person_page.content.decode()


def test_leader_hands_over_all_at_once(client_for, three, leder_user, uu_user, jobcenter_user):
    response = client_for(leder_user).post(
        _url(uu_user), {"everyone": "on", "to_user": jobcenter_user.pk}
    )
    assert response.status_code == 302
    assert YoungPerson.objects.filter(contact_person=jobcenter_user).count() == 3


def test_a_colleague_elsewhere_or_no_choice_is_refused_and_nothing_changes(
    client_for, three, leder_user, uu_user, outsider
):
    client = client_for(leder_user)
    elsewhere = client.post(_url(uu_user), {"people": [three[0].pk], "to_user": outsider.pk})
    nobody = client.post(_url(uu_user), {"to_user": uu_user.pk})
    assert elsewhere.status_code == nobody.status_code == 200
    assert "Der er fejl i formularen" in elsewhere.content.decode()
    assert "Vælg mindst én ung, eller vælg alle." in nobody.content.decode()
    assert YoungPerson.objects.filter(contact_person=uu_user).count() == 3
    assert not ContactPersonChange.objects.exists()
    assert not Notification.objects.exists()


def test_the_service_is_all_or_nothing(three, leder_user, uu_user, forvaltning_user):
    other = factories.YoungPersonFactory(
        municipality=uu_user.municipality, contact_person=forvaltning_user
    )
    with pytest.raises(ValidationError):
        caseload_services.caseload_hand_over(
            from_user=uu_user,
            to_user=forvaltning_user,
            person_ids=[three[0].pk, other.pk],
            by=leder_user,
        )
    assert YoungPerson.objects.filter(contact_person=uu_user).count() == 3
    assert not ContactPersonChange.objects.exists()


def test_editing_the_contact_person_on_the_person_page_keeps_the_history(
    client_for, three, uu_user, forvaltning_user
):
    asta = three[0]
    form = client_for(uu_user).get(reverse("students:edit", args=[asta.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["contact_person"] = forvaltning_user.pk
    response = client_for(uu_user).post(reverse("students:edit", args=[asta.pk]), data)
    assert response.status_code == 302
    change = ContactPersonChange.objects.get(person=asta)
    assert (change.from_user, change.to_user, change.changed_by) == (
        uu_user,
        forvaltning_user,
        uu_user,
    )
