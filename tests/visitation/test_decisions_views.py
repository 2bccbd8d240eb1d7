"""Visitation pages, decisions: agenda and decision through the pages, the letter download."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessAction, AccessLog
from tests.url_matrix import Cast
from tests.visitation import builders
from visitation.models import Decision, Meeting


@pytest.fixture
def cast(request, db):
    return Cast(request)


def test_meeting_agenda_and_decision_through_the_pages(cast, client_for):
    builders.standard_committee(cast)
    rec = builders.ready_case(cast)
    waiting = builders.recommendation(
        person=cast.enrolled_person.__class__.objects.get(pk=builders.candidate(cast).pk),
        user=cast.uu_user,
        offered=[cast.institution, cast.other_institution],
    )
    chair = client_for(cast.visitation_user)
    start = timezone.localdate() + timedelta(days=3)
    response = chair.post(
        reverse("visitation:meetings"),
        {"date": start.isoformat(), "time": "09:00", "location": "Rådhuset"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = chair.get(reverse("visitation:meeting", args=[meeting.pk])).content.decode()
    assert "Venter på forhåndskoordinering" in page and str(waiting.person) in page
    response = chair.post(
        reverse("visitation:meeting", args=[meeting.pk]), {"recommendations": [rec.pk]}
    )
    assert response.status_code == 302
    item = meeting.items.get()
    # The waiting recommendation cannot be forced onto the agenda.
    response = chair.post(
        reverse("visitation:meeting", args=[meeting.pk]), {"recommendations": [waiting.pk]}
    )
    assert response.status_code == 200 and meeting.items.count() == 1
    url = reverse("visitation:decision_create", args=[meeting.pk, item.pk])
    assert chair.get(url).status_code == 200
    assert AccessLog.objects.filter(
        person=rec.person, purpose="Afgørelse i visitationsudvalget"
    ).exists()
    bad = chair.post(
        url, {"outcome": "refused", "decided_on": start.isoformat(), "legal_basis": "x"}
    )
    assert bad.status_code == 200 and "Der er fejl i formularen" in bad.content.decode()
    response = chair.post(
        url,
        {
            "outcome": "granted",
            "institution": cast.institution.pk,
            "start_date": (start + timedelta(days=30)).isoformat(),
            "decided_on": start.isoformat(),
            "legal_basis": "STU-loven.",
            "voters": [cast.forvaltning_user.pk, cast.jobcenter_user.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    letter = client_for(cast.uu_user).get(reverse("visitation:letter", args=[decision.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content if letter.streaming else [letter.content]).startswith(
        b"%PDF"
    )
    assert AccessLog.objects.filter(person=rec.person, action=AccessAction.PRINT).exists()
