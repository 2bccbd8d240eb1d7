"""Small display helpers for the catalogue and the absence pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html

from institutions.models import QualityStatus

register = template.Library()

STATUS_CLASS = {
    QualityStatus.MET: "tag-ok",
    QualityStatus.PARTLY: "tag-warning",
    QualityStatus.NOT_MET: "tag-critical",
    QualityStatus.OVERDUE: "tag-critical",
    QualityStatus.NOT_REVIEWED: "tag-info",
}


@register.simple_tag
def quality_tag(status):
    """The quality status as a coloured tag with its Danish label (never colour alone)."""
    if not status:
        return ""
    status = QualityStatus(status)
    return format_html('<span class="tag {}">{}</span>', STATUS_CLASS[status], status.label)


@register.filter
def dkk(value):
    """350000 → ``350.000 kr.``"""
    if value in (None, ""):
        return "–"
    whole = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{whole:,} kr.".replace(",", ".")
