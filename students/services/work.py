"""My work: the secret address of the calendar subscription."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from students.models import CalendarFeed


def token_digest(token: str) -> str:
    """What is stored and looked up: the SHA-256 of the token, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, user) -> str:
    """Give ``user`` a new secret calendar address and return its token (shown once); the
    old address stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_digest": token_digest(token)})
    return token
