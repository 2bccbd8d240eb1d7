from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Notification

logger = logging.getLogger(__name__)


def _mail_text() -> tuple[str, str]:
    """The e-mail says only that there is news: e-mail is not a safe channel for person data
    (names, goals, absence), so the message itself stays behind the login, in the inbox."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = "[STU Case] " + _("Du har en ny besked")
        message = _(
            "Du har fået en ny besked i STU Case. Log ind og læs den i din indbakke. "
            "Af hensyn til databeskyttelsen står beskedens indhold ikke i e-mailen."
        )
    return subject, message


def notification_send(
    *, recipient, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Put a message in the inbox and, after commit, e-mail a notice without its content (a
    mail failure loses nothing)."""
    note = Notification.objects.create(recipient=recipient, title=title, body=body, url=url)
    if email and recipient.email:
        subject, message = _mail_text()

        def _mail():
            try:
                send_mail(
                    subject=subject,
                    message=message,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[recipient.email],
                )
            except Exception:  # noqa: BLE001 - the inbox row is the record
                logger.exception("could not e-mail notification %s", note.pk)

        transaction.on_commit(_mail)
    return note


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
