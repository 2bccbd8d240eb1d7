"""Hours and percentages the Danish way, for the absence pages."""

from __future__ import annotations

from django import template

from students.forms.absence_csv import format_hours
from students.models.absence_rule import pct

register = template.Library()


@register.filter
def hours(value):
    """12.50 → ``12,5`` (Danish decimal comma, no trailing zeros)."""
    return format_hours(value)


@register.filter
def percent(value):
    """22.456 → ``22,5 %``; ``None`` → ``–``."""
    return pct(value)
