"""The outbox: a letter is queued in the transaction that makes it and sent after commit by a
Celery task (``students.tasks.letters.letter_send``), retried with backoff.

Never sent twice: ``letter_send`` takes the letter's row lock and sends only a letter still
queued (or failed and queued again); the send key is the MeMo message UUID, so even a resend
after a lost answer is the same message to Digital Post. Each attempt is recorded. When Redis
is down the letter stays queued and the periodic job ``letters_send_queued`` sends it. A letter
that finally fails gets the status "fejlet" with the reason, and its young person a flag for
the contact person (``letter_send_failed``), resolved when no letter of theirs has failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stu_case.notifications.services import notification_send
from students import flags as student_flags
from students.models.letters import Letter, LetterAttempt, LetterStatus
from students.services import flags as flag_services
from students.services import letters_channels as channels

logger = logging.getLogger(__name__)
SENDABLE = (LetterStatus.QUEUED,)
#: A letter is marked failed after this many failed attempts in a row.
MAX_ATTEMPTS = 7


def letter_queue(*, letter: Letter) -> Letter:
    """Queue the letter (a draft, or one that failed) and send it after commit."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.status not in (LetterStatus.DRAFT, LetterStatus.FAILED):
            return letter
        letter.status = LetterStatus.QUEUED
        letter.save(update_fields=["status"])
    letter_id = letter.pk
    transaction.on_commit(lambda: _enqueue(letter_id))
    return letter


def _enqueue(letter_id: int) -> None:
    from stu_case.celery import app
    from students.tasks import letters as tasks

    try:
        # One connection attempt: a request never waits for a broker that is down; the letter
        # stays queued and the periodic job sends it.
        with app.connection_for_write(transport_options={"max_retries": 0}) as conn:
            tasks.letter_send.apply_async(
                kwargs={"letter_id": letter_id}, connection=conn, retry=False
            )
    except Exception:  # noqa: BLE001 - a broker failure must not break the request
        logger.warning("Could not queue letter %s; letters_send_queued sends it.", letter_id)


@dataclass(frozen=True)
class SendResult:
    status: str
    retry: bool = False


def letter_send(*, letter_id: int, final: bool = True) -> SendResult:
    """Send one queued letter through the configured channel (safe to call twice, also at the
    same time: the row lock is held while the channel sends). ``final``: a failure now marks
    the letter failed instead of leaving it queued for another try."""
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("person__municipality")
            .get(pk=letter_id)
        )
        if letter.status not in SENDABLE:
            return SendResult(letter.status)
        result = _send_locked(letter, final=final)
    if result.status in (LetterStatus.FAILED, *DONE):
        letters_flag_failed(person_ids=[letter.person_id])
    return result


DONE = (LetterStatus.SENT, LetterStatus.PAPER)


def _send_locked(letter: Letter, *, final: bool) -> SendResult:
    channel = channels.channel()
    letter.channel = channel.name
    try:
        detail = channel.send(letter)
    except channels.SendError as exc:
        LetterAttempt.objects.create(
            letter=letter, channel=channel.name, ok=False, detail=exc.reason
        )
        give_up = final or exc.permanent
        letter.failure_reason = exc.reason
        if give_up:
            letter.status = LetterStatus.FAILED
        letter.save(update_fields=["failure_reason", "channel", "status"])
        return SendResult(letter.status, retry=not give_up)
    LetterAttempt.objects.create(letter=letter, channel=channel.name, ok=True, detail=detail)
    letter.status = channel.status
    letter.sent_at = timezone.now()
    letter.failure_reason = ""
    letter.save(update_fields=["status", "channel", "sent_at", "failure_reason"])
    return SendResult(letter.status)


def letters_send_queued() -> dict:
    """Periodic: send every letter still queued (Redis was down, or a task was lost)."""
    sent = failed = 0
    queued = Letter.objects.filter(status__in=SENDABLE).annotate(
        failures=Count("attempts", filter=Q(attempts__ok=False))
    )
    for letter_id, failures in queued.values_list("pk", "failures"):
        result = letter_send(letter_id=letter_id, final=failures + 1 >= MAX_ATTEMPTS)
        sent += result.status in DONE
        failed += result.status == LetterStatus.FAILED
    flags = letters_flag_failed()
    return {"sent": sent, "failed": failed, "raised": flags.raised, "resolved": flags.resolved}


@dataclass(frozen=True)
class FlagCount:
    raised: int
    resolved: int


def letters_flag_failed(*, person_ids: list[int] | None = None) -> FlagCount:
    """A flag on each young person with a failed letter (the reason in its details); resolved
    once the letter is sent again or put on paper."""
    failed = Letter.objects.filter(status=LetterStatus.FAILED)
    if person_ids is not None:
        failed = failed.filter(person_id__in=person_ids)
    due = {
        person_id: flag_services.FlagDue(
            details=_("»%(title)s«: %(reason)s") % {"title": title, "reason": reason}
        )
        for person_id, title, reason in failed.order_by("created_at").values_list(
            "person_id", "title", "failure_reason"
        )
    }
    sync = flag_services.flags_sync(
        kind=student_flags.LETTER_SEND_FAILED,
        due=due,
        scope=flag_services.EVERYONE if person_ids is None else flag_services.people(person_ids),
        reason=_("Brevet er sendt eller sendt på papir."),
        resolved_by="letters_send_queued",
        notify=_notify,
    )
    return FlagCount(len(sync.raised), sync.resolved)


def _notify(flags) -> None:
    for flag in flags:
        recipient = flag.person.contact_person
        if recipient is None:
            continue
        notification_send(
            recipient=recipient,
            title=_("Et brev kunne ikke sendes"),
            body=flag.details,
            url=reverse("students:detail", args=[flag.person_id]) + "#letters",
        )


@transaction.atomic
def letter_mark_paper(*, letter: Letter) -> Letter:
    """The caseworker sends a failed (or queued) letter on paper instead."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.status in (LetterStatus.SENT, LetterStatus.PAPER):
        return letter
    LetterAttempt.objects.create(
        letter=letter, channel="print", ok=True, detail=_("Sendt på papir af sagsbehandleren.")
    )
    letter.status = LetterStatus.PAPER
    letter.sent_at = timezone.now()
    letter.save(update_fields=["status", "sent_at"])
    letters_flag_failed(person_ids=[letter.person_id])
    return letter
