"""Writes of the money area: the year's STU budget."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from transitions.models import Budget


@transaction.atomic
def budget_set(*, municipality, year: int, amount: Decimal, user) -> Budget:
    """Set (or change) the municipality's STU budget for ``year``."""
    budget = Budget.objects.select_for_update().filter(municipality=municipality, year=year).first()
    if budget is None:
        budget = Budget(municipality=municipality, year=year)
    budget.amount = amount
    budget.updated_by = user
    budget.full_clean()
    budget.save()
    return budget
