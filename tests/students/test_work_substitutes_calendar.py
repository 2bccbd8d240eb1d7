"""Substitutes see the absent caseworker's deadlines for the period only; the calendar
subscription holds no names and dies when renewed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from stu_case import permissions
from stu_case.permissions import Action
from students.models import CalendarFeed
from students.services import caseload as caseload_services
from tests.transitions.factories_meetings import (
    MeetingActionFactory,
    StatusMeetingFactory,
    at,
    enrol,
)

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def test_substitute_sees_the_caseload_inside_the_period_and_not_the_day_after(
    time_machine, client_for, municipality, institution, uu_user, forvaltning_user
):
    time_machine.move_to(datetime(2027, 6, 30, 10, tzinfo=CPH))
    asta = enrol(
        municipality=municipality,
        institution=institution,
        contact=uu_user,
        first_name="Asta",
        last_name="Holm",
    )
    meeting = StatusMeetingFactory(municipality=municipality, created_by=uu_user)
    MeetingActionFactory(
        meeting=meeting, person=asta, responsible=uu_user, deadline=date(2027, 7, 10)
    )
    caseload_services.substitution_create(
        absent=uu_user,
        substitute=forvaltning_user,
        starts_on=date(2027, 7, 1),
        ends_on=date(2027, 7, 14),
        note="Sommerferie",
        by=uu_user,
    )

    def sees() -> bool:
        # A fresh login each time: a session ends 8 hours after the login.
        page = client_for(forvaltning_user).get(reverse("work:home"))
        assert page.status_code == 200
        return "Asta Holm" in page.content.decode()

    assert not sees()  # the day before the period
    assert not permissions.can(forvaltning_user, Action.VIEW_WORK_OF, uu_user)
    time_machine.move_to(datetime(2027, 7, 14, 23, 50, tzinfo=CPH))  # the last day
    assert sees()
    assert permissions.can(forvaltning_user, Action.VIEW_WORK_OF, uu_user)
    time_machine.move_to(datetime(2027, 7, 15, 0, 10, tzinfo=CPH))  # the day after: gone
    assert not sees()
    assert not permissions.can(forvaltning_user, Action.VIEW_WORK_OF, uu_user)


def test_substitute_must_work_in_the_same_municipality(uu_user, outsider):
    with pytest.raises(ValidationError):
        caseload_services.substitution_create(
            absent=uu_user,
            substitute=outsider,
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=3),
            by=uu_user,
        )


def test_substitutes_page_names_one_and_cancels(client_for, uu_user, forvaltning_user):
    client = client_for(uu_user)
    url = reverse("work:substitutes")
    bad = client.post(
        url, {"substitute": forvaltning_user.pk, "starts_on": "2030-05-10", "ends_on": "2030-05-01"}
    )
    assert "Slutdatoen ligger før startdatoen." in bad.content.decode()
    ok = client.post(
        url, {"substitute": forvaltning_user.pk, "starts_on": "2030-05-01", "ends_on": "2030-05-10"}
    )
    assert ok.status_code == 302
    sub = forvaltning_user.substitutions_taken.get()
    assert client.post(reverse("work:substitute_cancel", args=[sub.pk])).status_code == 302
    sub.refresh_from_db()
    assert sub.cancelled_at is not None  # kept, marked cancelled


def _feed_path(page) -> str:
    return re.search(r'value="http://testserver(/mit-arbejde/kalender/[^"]+\.ics)"', page).group(1)


def test_calendar_feed_holds_no_names_and_a_renewed_address_kills_the_old(
    client_for, municipality, institution, uu_user
):
    asta = enrol(
        municipality=municipality,
        institution=institution,
        contact=uu_user,
        first_name="Asta",
        last_name="Holm",
    )
    meeting = StatusMeetingFactory(
        municipality=municipality, created_by=uu_user, starts_at=at(date.today() + timedelta(2))
    )
    meeting.participants.add(uu_user)
    MeetingActionFactory(meeting=meeting, person=asta, responsible=uu_user)
    me = client_for(uu_user)

    old = _feed_path(me.post(reverse("work:calendar")).content.decode())
    feed = Client().get(old)  # no session: the token is the credential

    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert "no-store" in feed["Cache-Control"]
    body = feed.content.decode()
    assert "SUMMARY:STU-møde" in body and "SUMMARY:STU-frist" in body
    for secret in ("Asta", "Holm", asta.cpr, asta.cpr[:6], "praktikstedet", uu_user.username):
        assert secret not in body
    token = old.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in CalendarFeed.objects.get(user=uu_user).token_digest  # stored hashed

    new = _feed_path(me.post(reverse("work:calendar")).content.decode())
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert "Du har en kalenderadresse" in me.get(reverse("work:calendar")).content.decode()
