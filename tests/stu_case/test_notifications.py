"""Notifications: the inbox holds the message; the e-mail only says there is one."""

from __future__ import annotations

import pytest
from django.core import mail

from stu_case.notifications.models import Notification
from stu_case.notifications.services import notification_send

pytestmark = pytest.mark.django_db


def test_the_email_carries_no_person_data(uu_user, django_capture_on_commit_callbacks):
    uu_user.email = "mette@vejle.example.dk"
    uu_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=uu_user,
            title="Sidste år af STU: Laus Møller",
            body="Laus Møller går ind i sidste år af STU.",
            url="/overgange/unge/30/",
        )
    note = Notification.objects.get()
    assert note.title == "Sidste år af STU: Laus Møller"  # the inbox keeps the message
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["mette@vejle.example.dk"]
    assert sent.subject == "[STU Case] Du har en ny besked"
    assert "Laus" not in sent.subject + sent.body
    assert "indbakke" in sent.body


def test_no_email_address_no_email(uu_user, django_capture_on_commit_callbacks):
    uu_user.email = ""
    uu_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=uu_user, title="Nyt flag")
    assert Notification.objects.count() == 1
    assert mail.outbox == []
