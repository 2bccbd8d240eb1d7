"""Reads about a young person's enrolments."""

from __future__ import annotations

from django.db.models import QuerySet

from students.models import Enrolment


def person_enrolments(*, person) -> QuerySet[Enrolment]:
    return person.enrolments.select_related("institution").order_by("-start_date")
