from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Delivery, Notification, NotificationKind, NotificationPreference

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


def _digest_text(count: int) -> tuple[str, str]:
    """The daily e-mail: how many new messages, never what they say."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = "[STU Case] " + _("Dagens nye beskeder")
        message = (
            ngettext(
                "Du har fået %(count)d ny besked i STU Case siden sidst.",
                "Du har fået %(count)d nye beskeder i STU Case siden sidst.",
                count,
            )
            % {"count": count}
            + " "
            + _(
                "Log ind og læs dem i din indbakke. "
                "Af hensyn til databeskyttelsen står beskedernes indhold ikke i e-mailen."
            )
        )
    return subject, message


def _mail_after_commit(*, address: str, subject: str, message: str, what: str) -> None:
    def _mail():
        try:
            send_mail(
                subject=subject,
                message=message,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
        except Exception:  # noqa: BLE001 - the inbox rows are the record
            logger.exception("could not e-mail %s", what)

    transaction.on_commit(_mail)


def delivery_for(*, user, kind: str) -> str:
    """How ``kind`` reaches ``user``: the user's choice, else an e-mail at once."""
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or Delivery.IMMEDIATE


def notification_send(
    *,
    recipient,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    kind: str = NotificationKind.GENERAL,
) -> Notification:
    """Put a message in the inbox and, as the recipient chose for ``kind``, e-mail a notice
    without its content after commit (a mail failure loses nothing), leave it for the daily
    e-mail (``notifications_send_digest``), or keep it in the inbox only."""
    delivery = delivery_for(user=recipient, kind=kind) if email and recipient.email else None
    note = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        url=url,
        digest_pending=delivery == Delivery.DIGEST,
    )
    if delivery == Delivery.IMMEDIATE:
        subject, message = _mail_text()
        _mail_after_commit(
            address=recipient.email,
            subject=subject,
            message=message,
            what=f"notification {note.pk}",
        )
    return note


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def notification_preferences_save(*, user, choices: dict[str, str]) -> None:
    """Store ``user``'s delivery per kind (``{kind: delivery}``); other kinds are kept."""
    for kind, delivery in choices.items():
        NotificationKind(kind), Delivery(delivery)  # an unknown value fails here
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )


def notifications_send_digest() -> dict:
    """The daily e-mail: one per user with messages waiting for it, saying only how many.

    The waiting rows are locked and cleared in the transaction that queues the e-mail, so a
    second or concurrent run finds nothing to send."""
    users = mails = 0
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(digest_pending=True)
            .select_related("recipient")
            .order_by("recipient_id", "pk")
        )
        by_user: dict[int, list[Notification]] = {}
        for note in pending:
            by_user.setdefault(note.recipient_id, []).append(note)
        for notes in by_user.values():
            users += 1
            recipient = notes[0].recipient
            if recipient.email and recipient.is_active:
                subject, message = _digest_text(len(notes))
                _mail_after_commit(
                    address=recipient.email,
                    subject=subject,
                    message=message,
                    what=f"digest for user {recipient.pk}",
                )
                mails += 1
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digest_pending=False)
    return {"users": users, "mails": mails}
