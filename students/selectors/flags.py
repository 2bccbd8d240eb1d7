"""Reads about a young person's flags."""

from __future__ import annotations

from django.db.models import QuerySet

from students.models import Flag


def person_flags(*, person) -> QuerySet[Flag]:
    return person.flags.select_related("acknowledged_by", "resolved_by").order_by(
        "resolved_at", "-raised_at"
    )
