"""How a letter leaves: one channel, chosen by ``settings.STU_LETTER_CHANNEL``.

- ``digital_post``: Digital Post through Serviceplatformen's SF1601 (KombiPostAfsend), a MeMo
  message (``letters_memo``) posted to ``STU_SF1601_URL``; the sender is the municipality's CVR
  (``STU_DIGITAL_POST_SENDER_CVR``). Signing the request with the municipality's certificate
  (the OCES/FOCES certificate Serviceplatformen requires) is not done here yet.
- ``secure_mail``: the PDFs by e-mail to the municipality's secure mailbox
  (``STU_LETTER_SECURE_MAILBOX``), which forwards them; the subject names no person.
- ``print``: the letter goes on paper (print batch): the status becomes "på papir".

A channel's ``send(letter)`` returns a short description of what happened, or raises
``SendError`` with the reason (``permanent`` when trying again cannot help).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from students.models.letters import Letter, LetterStatus
from students.services import letters_memo as memo

TIMEOUT_SECONDS = 20


class SendError(Exception):
    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def _files(letter: Letter) -> list[tuple[str, bytes]]:
    files = []
    for field in (letter.pdf, letter.easy_read_pdf):
        if field:
            with field.open("rb") as f:
                files.append((field.name.rsplit("/", 1)[-1], f.read()))
    return files


class PrintChannel:
    name = "print"
    status = LetterStatus.PAPER

    def send(self, letter: Letter) -> str:
        return "Lagt i printbunken til forsendelse med almindelig post."


class SecureMailChannel:
    name = "secure_mail"
    status = LetterStatus.SENT

    def send(self, letter: Letter) -> str:
        mailbox = getattr(settings, "STU_LETTER_SECURE_MAILBOX", "")
        if not mailbox:
            raise SendError("Der er ikke angivet en sikker postkasse.", permanent=True)
        message = EmailMessage(
            subject=f"Brev {letter.send_key}",
            body="Brevet er vedhæftet som PDF.",
            to=[mailbox],
        )
        for filename, content in _files(letter):
            message.attach(filename, content, "application/pdf")
        try:
            message.send()
        except OSError as exc:
            raise SendError(f"E-mail kunne ikke sendes: {exc}") from exc
        return f"Sendt til sikker postkasse {mailbox}."


class DigitalPostChannel:
    name = "digital_post"
    status = LetterStatus.SENT

    def request_body(self, letter: Letter) -> bytes:
        files = [memo.MemoFile(filename=n, content=c) for n, c in _files(letter)]
        message = memo.memo_message(
            message_uuid=letter.send_key,
            label=letter.title,
            sender_cvr=settings.STU_DIGITAL_POST_SENDER_CVR,
            sender_label=str(letter.person.municipality),
            recipient_cpr=letter.person.cpr,
            main=files[0],
            additional=files[1:],
            legal_notification=letter.answer_deadline is None,
            created=datetime.now(UTC),
        )
        body = memo.kombi_request(message)
        errors = memo.memo_errors(body)
        if errors:
            raise SendError("MeMo-beskeden er ugyldig: " + "; ".join(errors), permanent=True)
        return body

    def send(self, letter: Letter) -> str:
        url = getattr(settings, "STU_SF1601_URL", "")
        if not url:
            raise SendError("Der er ikke angivet en adresse til SF1601.", permanent=True)
        request = urllib.request.Request(  # noqa: S310 - the URL is a setting, not user input
            url,
            data=self.request_body(letter),
            headers={"Content-Type": "application/xml", "x-transaction-id": str(letter.send_key)},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                return f"Digital Post modtaget (HTTP {response.status})."
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise SendError(
                f"SF1601 afviste beskeden (HTTP {exc.code}): {detail}", permanent=exc.code < 500
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise SendError(f"SF1601 svarede ikke: {exc}") from exc


CHANNELS = {c.name: c for c in (PrintChannel, SecureMailChannel, DigitalPostChannel)}


def channel() -> PrintChannel | SecureMailChannel | DigitalPostChannel:
    name = settings.STU_LETTER_CHANNEL
    try:
        return CHANNELS[name]()
    except KeyError:
        raise ImproperlyConfigured(
            f"STU_LETTER_CHANNEL must be one of {sorted(CHANNELS)}"
        ) from None
