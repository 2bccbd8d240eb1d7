"""Health check for load balancers and ``docker compose``: no login, no person data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return False


def _redis_ok() -> bool | None:
    """None when no Redis is configured (tasks then run in-process)."""
    if not settings.REDIS_URL:
        return None
    try:
        import redis

        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001 - any failure means "Redis is down"
        return False


@login_not_required
@never_cache
@require_GET
def health(request):
    """``{"status", "database", "redis"}``; HTTP 200 when the database answers, else 503."""
    database = _database_ok()
    body = {"status": "ok" if database else "error", "database": database, "redis": _redis_ok()}
    return JsonResponse(body, status=200 if database else 503)
