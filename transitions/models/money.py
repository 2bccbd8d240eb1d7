"""The money area: the municipality's STU budget per year, against which the statistics
page's money part shows the variance (the costs are computed, not stored:
``transitions.selectors.money``)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Budget"]


@pghistory.track()
class Budget(models.Model):
    """The year's budget for STU (the institutions' prices), entered by a manager."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="stu_budgets",
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("budget (kr.)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("STU-budget")
        verbose_name_plural = _("STU-budgetter")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="one_budget_per_municipality_and_year",
                violation_error_message=_("Der er allerede et budget for året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"
