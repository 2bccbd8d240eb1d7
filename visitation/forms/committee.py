"""Visitation forms: planning a meeting, its agenda and minutes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin, local_moment
from visitation.forms.clarification import fix_checkboxes
from visitation.models.recommendations import Recommendation


class MeetingForm(DkfdsFormMixin, forms.Form):
    date = forms.DateField(label=_("Dato"), widget=DateInput)
    time = forms.TimeField(
        label=_("Klokkeslæt"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    location = forms.CharField(label=_("Sted"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            try:
                cleaned["starts_at"] = local_moment(cleaned["date"], cleaned["time"])
            except ValidationError as error:
                self.add_error("time", error)
        return cleaned

    def starts_at(self):
        return self.cleaned_data["starts_at"]


class AgendaForm(DkfdsFormMixin, forms.Form):
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Klar til behandling"),
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kun indstillinger, som forvaltningen og jobcentret har godkendt."),
    )

    def __init__(self, *args, ready=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = Recommendation.objects.filter(
            pk__in=[r.pk for r in ready]
        ).select_related("person")
        self.fields["recommendations"].label_from_instance = lambda r: str(r.person)
        fix_checkboxes(self)


class MinutesForm(DkfdsFormMixin, forms.Form):
    attendees = forms.CharField(label=_("Deltagere"), required=False, max_length=500)
    minutes = forms.CharField(
        label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    held = forms.BooleanField(label=_("Mødet er afholdt"), required=False)
