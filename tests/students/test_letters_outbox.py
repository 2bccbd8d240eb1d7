"""Sending letters: after commit, through the configured channel, never twice, failures
flagged, and a queued letter sent later by the periodic job. Digital Post is tested against
a fake SF1601 (an in-process HTTP server) that validates the MeMo message."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from xml.etree import ElementTree as ET

import pytest
from django.core import mail

from stu_case.notifications.models import Notification
from students import flags as student_flags
from students.models import Flag
from students.models.letters import LetterAttempt, LetterStatus
from students.services import letters_memo as memo
from students.services import letters_outbox as outbox
from tests import factories
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(person):
    return factories.LetterFactory(person=person, status=LetterStatus.QUEUED)


class FakeSF1601(BaseHTTPRequestHandler):
    """Answers 200 to a valid kombi_request (by the MeMo checks), 400 with the errors
    otherwise, and 503 while ``down``; remembers every body it got."""

    received: list[bytes] = []
    down = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(body)
        if type(self).down:
            self.send_response(503)
            self.end_headers()
            return
        errors = memo.memo_errors(body)
        self.send_response(400 if errors else 200)
        self.end_headers()
        self.wfile.write("; ".join(errors).encode() or b"<kombi_response/>")

    def log_message(self, *args):
        pass


@pytest.fixture
def sf1601(settings):
    FakeSF1601.received = []
    FakeSF1601.down = False
    server = HTTPServer(("127.0.0.1", 0), FakeSF1601)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STU_LETTER_CHANNEL = "digital_post"
    settings.STU_SF1601_URL = f"http://127.0.0.1:{server.server_port}/kombi"
    settings.STU_DIGITAL_POST_SENDER_CVR = "29189897"
    yield FakeSF1601
    server.shutdown()


def test_digital_post_sends_a_valid_memo_message_with_both_pdfs(letter, sf1601):
    result = outbox.letter_send(letter_id=letter.pk)
    letter.refresh_from_db()
    assert result.status == letter.status == LetterStatus.SENT
    assert letter.channel == "digital_post" and letter.sent_at
    [body] = sf1601.received
    assert memo.memo_errors(body) == []
    root = ET.fromstring(body)  # noqa: S314 - our own request
    ns = {"memo": memo.NS}
    assert root.findtext("memo:Message/memo:MessageHeader/memo:messageUUID", namespaces=ns) == str(
        letter.send_key
    )
    recipient = root.findtext(".//memo:Recipient/memo:recipientID", namespaces=ns)
    assert recipient == letter.person.cpr
    contents = [base64.b64decode(c.text) for c in root.iterfind(".//memo:content", ns)]
    assert contents == [b"%PDF-1.7 test", b"%PDF-1.7 let"]


def test_a_letter_is_never_sent_twice(letter, sf1601):
    outbox.letter_send(letter_id=letter.pk)
    outbox.letter_send(letter_id=letter.pk)
    outbox.letters_send_queued()
    assert len(sf1601.received) == 1
    assert LetterAttempt.objects.filter(letter=letter).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_once(person, sf1601):
    letter = factories.LetterFactory(person=person, status=LetterStatus.QUEUED)
    run_together(lambda: outbox.letter_send(letter_id=letter.pk), times=3)
    assert len(sf1601.received) == 1


def test_an_invalid_message_fails_at_once_with_the_reason_and_flags_the_contact_person(
    letter, sf1601, settings
):
    settings.STU_DIGITAL_POST_SENDER_CVR = "123"  # not a CVR number
    result = outbox.letter_send(letter_id=letter.pk, final=False)
    letter.refresh_from_db()
    assert result.status == letter.status == LetterStatus.FAILED and not result.retry
    assert "Sender/senderID must be a CVR number" in letter.failure_reason
    assert sf1601.received == []  # refused before it left
    flag = Flag.objects.open().get(person=letter.person, kind=student_flags.LETTER_SEND_FAILED)
    assert letter.title in flag.details
    assert Notification.objects.filter(
        recipient=letter.person.contact_person, title="Et brev kunne ikke sendes"
    ).exists()


def test_a_service_that_is_down_is_retried_then_the_letter_fails(letter, sf1601):
    sf1601.down = True
    first = outbox.letter_send(letter_id=letter.pk, final=False)
    assert first.retry and first.status == LetterStatus.QUEUED
    last = outbox.letter_send(letter_id=letter.pk, final=True)
    letter.refresh_from_db()
    assert last.status == letter.status == LetterStatus.FAILED
    assert "HTTP 503" in letter.failure_reason
    assert [a.ok for a in letter.attempts.all()] == [False, False]
    # Sent again by the caseworker once the service is back: the flag is resolved.
    sf1601.down = False
    outbox.letter_queue(letter=letter)
    outbox.letter_send(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT and letter.failure_reason == ""
    assert not Flag.objects.open().filter(kind=student_flags.LETTER_SEND_FAILED).exists()


def test_with_the_broker_down_the_letter_stays_queued_and_the_job_sends_it(
    person, monkeypatch, django_capture_on_commit_callbacks
):
    from stu_case.celery import app

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(app, "connection_for_write", broker_down)
    letter = factories.LetterFactory(person=person, status=LetterStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.letter_queue(letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED
    result = outbox.letters_send_queued()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.PAPER  # the print channel (the default)
    assert result["sent"] == 1
    assert outbox.letters_send_queued()["sent"] == 0  # safe to run twice


def test_secure_mail_sends_the_pdfs_without_the_name_in_the_subject(letter, settings):
    settings.STU_LETTER_CHANNEL = "secure_mail"
    settings.STU_LETTER_SECURE_MAILBOX = "post@sikker.kommune.example"
    outbox.letter_send(letter_id=letter.pk)
    [message] = mail.outbox
    assert message.to == ["post@sikker.kommune.example"]
    assert letter.person.last_name not in message.subject
    assert [a[2] for a in message.attachments] == ["application/pdf", "application/pdf"]


def test_a_failed_letter_sent_on_paper_resolves_the_flag(letter, settings):
    settings.STU_LETTER_CHANNEL = "secure_mail"
    settings.STU_LETTER_SECURE_MAILBOX = ""
    outbox.letter_send(letter_id=letter.pk)
    assert Flag.objects.open().filter(kind=student_flags.LETTER_SEND_FAILED).exists()
    outbox.letter_mark_paper(letter=letter)
    outbox.letters_flag_failed(person_ids=[letter.person_id])
    letter.refresh_from_db()
    assert letter.status == LetterStatus.PAPER
    assert not Flag.objects.open().filter(kind=student_flags.LETTER_SEND_FAILED).exists()
