"""Forms for handing young people to another contact person and for naming a substitute."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from students.selectors.caseload import contact_person_candidates


class HandoverFromForm(DkfdsFormMixin, forms.Form):
    """Step one (GET): whose young people to hand over."""

    fra = forms.TypedChoiceField(label=_("Fra kontaktperson"), coerce=int)

    def __init__(self, *args, from_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fra"].choices = [("", _("Vælg kontaktperson"))] + [
            (u.pk, f"{u} ({u.n_people})") for u in from_choices
        ]


class HandoverForm(DkfdsFormMixin, forms.Form):
    """Step two (POST): which of them, and to whom."""

    everyone = forms.BooleanField(label=_("Alle unge med denne kontaktperson"), required=False)
    people = forms.TypedMultipleChoiceField(
        label=_("Unge der overdrages"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    to_user = forms.ModelChoiceField(label=_("Til kontaktperson"), queryset=None)
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=300,
        help_text=_("Fx hvorfor sagerne overdrages. Står i den unges historik."),
    )

    def __init__(self, *args, municipality, from_user, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(p.pk, p.full_name) for p in people]
        self.fields["to_user"].queryset = contact_person_candidates(municipality).exclude(
            pk=from_user.pk
        )

    def clean(self):
        data = super().clean()
        if data.get("everyone"):
            data["people"] = [pk for pk, _label in self.fields["people"].choices]
        if not data.get("people") and "people" not in self.errors:
            self.add_error("people", _("Vælg mindst én ung, eller vælg alle."))
        return data


class SubstitutionForm(DkfdsFormMixin, forms.Form):
    substitute = forms.ModelChoiceField(label=_("Stedfortræder"), queryset=None)
    starts_on = forms.DateField(label=_("Fra"), widget=DateInput)
    ends_on = forms.DateField(label=_("Til og med"), widget=DateInput)
    note = forms.CharField(
        label=_("Anledning"),
        required=False,
        max_length=200,
        help_text=_("Fx ferie eller orlov."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = contact_person_candidates(user.municipality).exclude(
            pk=user.pk
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Slutdatoen ligger før startdatoen."))
        elif end and end < timezone.localdate():
            self.add_error("ends_on", _("Perioden er allerede slut. Vælg en slutdato fra i dag."))
        return data
