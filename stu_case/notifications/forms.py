from __future__ import annotations

from django import forms

from stu_case.forms import DkfdsFormMixin

from .models import Delivery, NotificationKind


class _PreferencesBase(DkfdsFormMixin, forms.Form):
    def __init__(self, *args, current: dict[str, str], **kwargs):
        initial = {
            kind.value: current.get(kind.value, Delivery.IMMEDIATE) for kind in NotificationKind
        }
        super().__init__(*args, initial=initial, **kwargs)


# One choice of delivery per kind of message, declared as fields (so the DKFDS classes apply).
PreferencesForm = type(
    "PreferencesForm",
    (_PreferencesBase,),
    {
        kind.value: forms.ChoiceField(
            label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
        )
        for kind in NotificationKind
    },
)
