from __future__ import annotations

from django.db.models import QuerySet

from .models import AccessLog


def access_log_for_person(*, person_id: int) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(person_id=person_id).select_related("user").order_by("-at")
