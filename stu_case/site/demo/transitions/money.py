"""Demo: the year's STU budget, a little below what the running enrolments will cost, so the
statistics page's money part shows a variance to talk about."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from students.models import Enrolment
from transitions.services import money as services

# About the average year price of the demo's institutions, less a saving the council asked for.
BUDGET_PER_STUDENT = Decimal("360000")


def seed(*, municipality, users: dict, institutions: list, people: dict, rng) -> list[str]:
    year = timezone.localdate().year
    running = Enrolment.objects.open().filter(person__municipality=municipality).count()
    budget = services.budget_set(
        municipality=municipality,
        year=year,
        amount=BUDGET_PER_STUDENT * running,
        user=users["leder"],
    )
    return [f"Økonomi: STU-budget {year} på {budget.amount:,.0f} kr. ({running} forløb)"]
