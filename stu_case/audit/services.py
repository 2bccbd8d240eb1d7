"""Writing the access log. Called explicitly by views and services, never from signals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pgtrigger
from django.conf import settings
from django.utils import timezone, translation

from stu_case.client_ip import client_ip
from stu_case.middleware import current_request_id

from .models import AccessAction, AccessLog


def access_log_write(
    *,
    request,
    person_ids: Iterable[int | None],
    action: str,
    purpose: str,
    details: str = "",
) -> int:
    """Write one access-log row per person (one bulk insert). Returns the number of rows."""
    # Stored in the site language (Danish) whatever language the user reads in, so the log
    # does not mix languages; callers pass lazy strings.
    with translation.override(settings.LANGUAGE_CODE):
        purpose = str(purpose)
        details = str(details)
    user = request.user if request is not None and request.user.is_authenticated else None
    request_id = getattr(request, "request_id", None) or current_request_id() or ""
    ip = client_ip(request) if request is not None else None
    rows = [
        AccessLog(
            user=user,
            person_id=pid,
            action=action,
            purpose=purpose[:200],
            details=details[:300],
            ip=ip,
            request_id=request_id,
        )
        for pid in person_ids
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


def access_log_view(*, request, person, purpose: str, action: str = AccessAction.VIEW) -> None:
    access_log_write(request=request, person_ids=[person.pk], action=action, purpose=purpose)


def access_log_purge_expired(*, now=None) -> int:
    """Delete rows older than the retention period (the only deletion the trigger allows)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    with pgtrigger.ignore("audit.AccessLog:append_only"):
        deleted, _ = AccessLog.objects.filter(at__lt=cutoff).delete()
    return deleted
