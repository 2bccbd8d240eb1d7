from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)


def notification_send(
    *, recipient, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Put a message in the inbox and, after commit, e-mail it. A mail failure loses nothing."""
    note = Notification.objects.create(recipient=recipient, title=title, body=body, url=url)
    if email and recipient.email:

        def _mail():
            try:
                send_mail(
                    subject=f"[STU Case] {title}",
                    message=f"{body}\n\n{url}".strip(),
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
