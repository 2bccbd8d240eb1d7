from __future__ import annotations

from .models import Notification, NotificationPreference


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox_for(*, user):
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def preferences_of(*, user) -> dict[str, str]:
    """The user's chosen delivery by kind (kinds not chosen are absent)."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
