from __future__ import annotations

from django import forms

from stu_case.forms import DkfdsFormMixin

from .models import Delivery, NotificationKind


class PreferencesForm(DkfdsFormMixin, forms.Form):
    """One choice of delivery per kind of message."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.value, Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
            )
