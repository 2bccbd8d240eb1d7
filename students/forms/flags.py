"""Forms for acknowledging a flag."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DkfdsFormMixin


class FlagAcknowledgeForm(DkfdsFormMixin, forms.Form):
    acknowledgement = forms.CharField(
        label=_("Hvad bliver der gjort?"), widget=forms.Textarea(attrs={"rows": 3})
    )
