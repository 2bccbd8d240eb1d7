"""Forms about letters: a hearing's answer, and a hearing letter's draft decision."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin


class HearingAnswerForm(DkfdsFormMixin, forms.Form):
    answered_on = forms.DateField(
        label=_("Svar modtaget den"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
    answer = forms.CharField(
        label=_("Svaret"),
        help_text=_("Skriv hvad den unge eller de pårørende svarede, gerne med deres egne ord."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class HearingForm(DkfdsFormMixin, forms.Form):
    draft = forms.CharField(
        label=_("Udkast til afgørelse"),
        help_text=_("Det, I overvejer at beslutte, skrevet til den unge."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    facts = forms.CharField(
        label=_("Sagens fakta"),
        help_text=_("De oplysninger, afgørelsen vil bygge på."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    deadline = forms.DateField(label=_("Svarfrist"), widget=DateInput())
