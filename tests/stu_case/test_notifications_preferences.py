"""Notification choices per kind: e-mail at once (the default), one daily e-mail, or inbox
only. The inbox always holds the message; no e-mail ever carries its content."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from stu_case.notifications.models import Delivery, Notification, NotificationKind
from stu_case.notifications.services import (
    notification_preferences_save,
    notification_send,
    notifications_send_digest,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mette(uu_user):
    uu_user.email = "mette@vejle.example.dk"
    uu_user.save()
    return uu_user


def _send(user, kind, title="Du er blevet kontaktperson for Laus Møller"):
    return notification_send(recipient=user, kind=kind, title=title, body="Laus Møller")


def test_inbox_only_sends_no_email(mette, django_capture_on_commit_callbacks):
    notification_preferences_save(user=mette, choices={NotificationKind.CASELOAD: Delivery.INBOX})
    with django_capture_on_commit_callbacks(execute=True):
        _send(mette, NotificationKind.CASELOAD)
        _send(mette, NotificationKind.MEETINGS)  # another kind keeps the default
    assert Notification.objects.filter(recipient=mette).count() == 2
    assert len(mail.outbox) == 1


def test_daily_digest_once_with_only_the_count(mette, django_capture_on_commit_callbacks):
    notification_preferences_save(
        user=mette,
        choices={NotificationKind.CASELOAD: Delivery.DIGEST, NotificationKind.DEADLINES: "digest"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send(mette, NotificationKind.CASELOAD)
        _send(mette, NotificationKind.DEADLINES, title="Nyt flag: Laus Møller")
    assert mail.outbox == []  # nothing at once
    with django_capture_on_commit_callbacks(execute=True):
        result = notifications_send_digest()
    assert result == {"users": 1, "mails": 1}
    (sent,) = mail.outbox
    assert sent.to == ["mette@vejle.example.dk"]
    assert "2 nye beskeder" in sent.body
    assert "Laus" not in sent.subject + sent.body
    # Safe to run twice: the second run finds nothing.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_send_digest", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(digest_pending=True).count() == 0


def test_preferences_page_saves_and_refuses_bad_input(client_for, mette):
    client = client_for(mette)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200
    assert "Kun i indbakken" in page.content.decode()
    data = {kind.value: Delivery.IMMEDIATE for kind in NotificationKind}
    data[NotificationKind.MEETINGS] = "fax"
    bad = client.post(url, data)
    assert bad.status_code == 200
    assert "Der er fejl i formularen" in bad.content.decode()
    assert not mette.notification_preferences.exists()  # nothing saved
    data[NotificationKind.MEETINGS] = Delivery.INBOX
    assert client.post(url, data).status_code == 302
    assert dict(mette.notification_preferences.values_list("kind", "delivery")) == {
        kind.value: (Delivery.INBOX if kind == NotificationKind.MEETINGS else Delivery.IMMEDIATE)
        for kind in NotificationKind
    }
