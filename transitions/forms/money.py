"""The form for the year's STU budget."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DkfdsFormMixin


class BudgetForm(DkfdsFormMixin, forms.Form):
    amount = forms.DecimalField(
        label=_("Budget for året (kr.)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("Hele årets budget til STU-forløb (institutionernes priser), fx 12500000."),
    )
