"""A letter as a MeMo message (Digital Post's message model, version 1.1) inside the
``kombi_request`` that Serviceplatformen's SF1601 (KombiPostAfsend) takes.

Built from the published MeMo documentation (Digitaliseringsstyrelsen, "MeMo – Meddelelses-
modellen"): namespace ``https://DigitalPost.dk/MeMo-1``, ``memoVersion="1.1"``; a
``MessageHeader`` (messageType, messageUUID, label, mandatory, legalNotification, Sender with
a CVR, Recipient with a CPR) and a ``MessageBody`` (createdDateTime, one ``MainDocument`` and
any ``AdditionalDocument``, each with ``File`` elements: encodingFormat, filename, language,
base64 content). The XSD is not in this repository, so ``memo_errors`` checks that structure
as written in the documentation; the fake SF1601 in the tests uses the same checks.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

NS = "https://DigitalPost.dk/MeMo-1"
MEMO_VERSION = "1.1"
MEMO_SCH_VERSION = "1.1.0"
MESSAGE_TYPES = ("DIGITALPOST", "NEMSMS")
LABEL_MAX = 256
HEADER_ORDER = ("messageType", "messageUUID", "label", "mandatory", "legalNotification")


@dataclass(frozen=True)
class MemoFile:
    filename: str
    content: bytes
    encoding_format: str = "application/pdf"
    language: str = "da"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, name: str, text: str | None = None):
    element = ET.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def _document(parent, name: str, files: list[MemoFile]) -> None:
    document = _sub(parent, name)
    for f in files:
        file = _sub(document, "File")
        _sub(file, "encodingFormat", f.encoding_format)
        _sub(file, "filename", f.filename)
        _sub(file, "language", f.language)
        _sub(file, "content", base64.b64encode(f.content).decode("ascii"))


def memo_message(
    *,
    message_uuid: uuid.UUID,
    label: str,
    sender_cvr: str,
    sender_label: str,
    recipient_cpr: str,
    main: MemoFile,
    additional: list[MemoFile] = (),
    legal_notification: bool = True,
    created: datetime,
) -> ET.Element:
    """The ``memo:Message`` element. ``message_uuid`` is the letter's send key, so a message
    sent again after a lost answer is the same message to Digital Post."""
    ET.register_namespace("memo", NS)
    message = ET.Element(
        _q("Message"), {"memoVersion": MEMO_VERSION, "memoSchVersion": MEMO_SCH_VERSION}
    )
    header = _sub(message, "MessageHeader")
    _sub(header, "messageType", "DIGITALPOST")
    _sub(header, "messageUUID", str(message_uuid))
    _sub(header, "label", label[:LABEL_MAX])
    _sub(header, "mandatory", "false")
    _sub(header, "legalNotification", "true" if legal_notification else "false")
    sender = _sub(header, "Sender")
    _sub(sender, "senderID", sender_cvr)
    _sub(sender, "idType", "CVR")
    _sub(sender, "label", sender_label)
    recipient = _sub(header, "Recipient")
    _sub(recipient, "recipientID", recipient_cpr)
    _sub(recipient, "idType", "CPR")
    body = _sub(message, "MessageBody")
    _sub(body, "createdDateTime", created.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _document(body, "MainDocument", [main])
    for f in additional:
        _document(body, "AdditionalDocument", [f])
    return message


def kombi_request(message: ET.Element) -> bytes:
    """SF1601's request body: ``kombi_request`` with ``KombiValgKode`` and the message."""
    root = ET.Element("kombi_request")
    ET.SubElement(root, "KombiValgKode").text = "Digital Post"
    root.append(message)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent, name: str) -> str | None:
    element = parent.find(_q(name))
    return None if element is None else (element.text or "")


def _header_errors(header) -> list[str]:
    errors = []
    names = [child.tag.removeprefix(f"{{{NS}}}") for child in header]
    if tuple(names[: len(HEADER_ORDER)]) != HEADER_ORDER:
        errors.append(f"MessageHeader starts {names[:5]}, expected {list(HEADER_ORDER)}")
    if _text(header, "messageType") not in MESSAGE_TYPES:
        errors.append("messageType must be DIGITALPOST or NEMSMS")
    try:
        uuid.UUID(_text(header, "messageUUID") or "")
    except ValueError:
        errors.append("messageUUID is not a UUID")
    label = _text(header, "label") or ""
    if not label or len(label) > LABEL_MAX:
        errors.append("label must have 1-256 characters")
    for flag in ("mandatory", "legalNotification"):
        if _text(header, flag) not in ("true", "false"):
            errors.append(f"{flag} must be true or false")
    sender, recipient = header.find(_q("Sender")), header.find(_q("Recipient"))
    if sender is None or not re.fullmatch(r"\d{8}", _text(sender, "senderID") or ""):
        errors.append("Sender/senderID must be a CVR number (8 digits)")
    elif _text(sender, "idType") != "CVR":
        errors.append("Sender/idType must be CVR")
    if recipient is None or not re.fullmatch(r"\d{10}", _text(recipient, "recipientID") or ""):
        errors.append("Recipient/recipientID must be a CPR number (10 digits)")
    elif _text(recipient, "idType") != "CPR":
        errors.append("Recipient/idType must be CPR")
    return errors


def _file_errors(document) -> list[str]:
    files = document.findall(_q("File"))
    if not files:
        return [f"{document.tag} has no File"]
    errors = []
    for file in files:
        for name in ("encodingFormat", "filename", "language", "content"):
            if not _text(file, name):
                errors.append(f"File/{name} is missing")
        try:
            base64.b64decode(_text(file, "content") or "", validate=True)
        except (binascii.Error, ValueError):
            errors.append("File/content is not base64")
    return errors


def memo_errors(body: bytes) -> list[str]:
    """What is wrong with a ``kombi_request`` by the MeMo 1.1 documentation ([] = valid)."""
    try:
        root = ET.fromstring(body)  # noqa: S314 - XML this app built itself (or the fake SF1601 got)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    message = root.find(_q("Message"))
    if root.tag != "kombi_request" or message is None:
        return ["expected kombi_request with a memo:Message"]
    errors = []
    if message.get("memoVersion") != MEMO_VERSION:
        errors.append("memoVersion must be 1.1")
    header, body_element = message.find(_q("MessageHeader")), message.find(_q("MessageBody"))
    if header is None or body_element is None:
        return errors + ["Message needs MessageHeader and MessageBody"]
    errors += _header_errors(header)
    created = _text(body_element, "createdDateTime") or ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created):
        errors.append("createdDateTime must be an ISO 8601 UTC time")
    main = body_element.find(_q("MainDocument"))
    if main is None:
        errors.append("MessageBody has no MainDocument")
    else:
        errors += _file_errors(main)
    for extra in body_element.findall(_q("AdditionalDocument")):
        errors += _file_errors(extra)
    return errors
