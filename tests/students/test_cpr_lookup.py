"""The exact CPR look-up is an oracle (found / not found), so it is limited per user and a run
of misses tells the municipality's leaders (``students.services.cpr_lookup``)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from stu_case.audit.models import AccessLog
from stu_case.notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.time_machine("2027-03-10 10:00 +01:00")


def lookup(client, cpr):
    return client.post(reverse("students:cpr_lookup"), {"cpr": cpr})


@pytest.fixture
def limits(settings):
    settings.STU_CPR_LOOKUPS_PER_HOUR = 4
    settings.STU_CPR_MISSES_ALERT = 3
    return settings


def test_the_hourly_limit_stops_further_lookups(limits, person, uu_user, client_for):
    client = client_for(uu_user)
    for _ in range(4):
        assert lookup(client, person.cpr).status_code == 302
    response = lookup(client, person.cpr)
    assert response.status_code == 429
    assert "Du har lavet mange CPR-opslag den seneste time" in html.unescape(
        response.content.decode()
    )
    # The refused look-up was not made: four rows, not five.
    assert AccessLog.objects.filter(action="cpr_lookup", user=uu_user).count() == 4


def test_the_limit_is_per_user_and_per_hour(
    limits, person, uu_user, forvaltning_user, client_for, time_machine
):
    client = client_for(uu_user)
    for _ in range(4):
        lookup(client, person.cpr)
    assert lookup(client_for(forvaltning_user), person.cpr).status_code == 302
    time_machine.shift(3601)
    assert lookup(client, person.cpr).status_code == 302


def test_repeated_misses_alert_the_leaders_once(
    limits, person, uu_user, leder_user, client_for, outsider
):
    client = client_for(uu_user)
    for _ in range(4):
        lookup(client, factories.cpr_for(person.birth_date))
    alerts = Notification.objects.filter(title="Mange CPR-opslag uden resultat")
    assert list(alerts.values_list("recipient", flat=True)) == [leder_user.pk]
    alert = alerts.get()
    assert uu_user.get_full_name() in alert.body
    assert "3 CPR-opslag" in alert.body
    # No CPR number, not even masked, in the alert.
    assert person.cpr[:6] not in alert.body
    # Another municipality's leaders hear nothing of it.
    assert not Notification.objects.exclude(recipient=leder_user).filter(
        title="Mange CPR-opslag uden resultat"
    )


def test_hits_do_not_count_as_misses(limits, person, uu_user, leder_user, client_for):
    client = client_for(uu_user)
    for _ in range(4):
        lookup(client, person.cpr)
    assert not Notification.objects.filter(title="Mange CPR-opslag uden resultat").exists()
