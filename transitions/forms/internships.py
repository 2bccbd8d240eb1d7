"""forms: internships."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.models import Accommodation, InternshipPlace, Trade
from stu_case.forms import DkfdsFormMixin
from transitions.models.internships import (
    Internship,
    InternshipProfile,
    InternshipPurpose,
    InternshipStage,
    InternshipStatus,
)


def _trades_field(label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=Trade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def _accommodations_field(label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=Accommodation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


# ---------------------------------------------------------------- places
class PlaceFilterForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg på virksomhed, by, kontakt eller CVR"), required=False)
    trade = forms.ChoiceField(
        label=_("Fag/branche"), required=False, choices=[("", _("Alle"))] + list(Trade.choices)
    )
    accommodation = forms.ChoiceField(
        label=_("Hensyn"),
        required=False,
        choices=[("", _("Alle"))] + list(Accommodation.choices),
    )
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Aktive")), ("inactive", _("Inaktive")), ("all", _("Alle"))],
    )
    shared = forms.BooleanField(label=_("Kun steder delt med jobcentret"), required=False)

    def __init__(self, *args, institutions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(i.pk, i.name) for i in institutions]
        if len(choices) > 1:
            self.fields["institution"].choices = [("", _("Alle"))] + choices
        else:
            del self.fields["institution"]


class InternshipPlaceForm(DkfdsFormMixin, forms.ModelForm):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None, empty_label=None)
    cvr = forms.CharField(
        label=_("CVR-nummer"),
        required=False,
        max_length=12,
        help_text=_("8 cifre, fx 12345674. Kan udelades for offentlige arbejdspladser."),
    )
    trades = _trades_field(_("Fag og brancher"), _("Vælg de fag, praktikstedet kan tilbyde."))
    accommodations = _accommodations_field(
        _("Hensyn, stedet kan tage"), _("Vælg de hensyn, arbejdspladsen kan tage.")
    )

    class Meta:
        model = InternshipPlace
        fields = (
            "institution",
            "company_name",
            "cvr",
            "address",
            "postal_code",
            "city",
            "contact_name",
            "contact_phone",
            "contact_email",
            "trades",
            "accommodations",
            "description",
            "capacity",
            "is_active",
            "shared_with_jobcenter",
        )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["institution"]
        else:
            self.fields["institution"].queryset = institutions
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric"})

    def clean_cvr(self):
        return (self.cleaned_data.get("cvr") or "").replace(" ", "").replace("-", "")

    def _post_clean(self):
        if "institution" in self.fields and self.cleaned_data.get("institution"):
            self.instance.institution = self.cleaned_data["institution"]
        super()._post_clean()


# ---------------------------------------------------------------- profile
class InternshipProfileForm(DkfdsFormMixin, forms.ModelForm):
    trades = _trades_field(
        _("Interesser: fag og brancher"), _("Hvad vil den unge gerne prøve eller arbejde med?")
    )
    accommodations = _accommodations_field(
        _("Hensyn, den unge har brug for"),
        _("Praktiksteder, der ikke kan tage et af disse hensyn, rykker ned i matchningen."),
    )

    class Meta:
        model = InternshipProfile
        fields = ("trades", "accommodations", "interests", "notes")


# ---------------------------------------------------------------- internships
class InternshipForm(DkfdsFormMixin, forms.ModelForm):
    place = forms.ModelChoiceField(
        label=_("Praktiksted"),
        queryset=None,
        required=False,
        empty_label=_("– Ikke i listen –"),
        help_text=_("Vælg fra praktikstedslisten, eller skriv virksomhedens navn nedenfor."),
    )
    purpose = forms.ChoiceField(
        label=_("Formål"), choices=InternshipPurpose.choices, widget=forms.RadioSelect
    )
    stage = forms.TypedChoiceField(
        label=_("Trin i praktikforløbet"),
        choices=InternshipStage.choices,
        coerce=int,
        initial=InternshipStage.INTEREST,
        widget=forms.RadioSelect,
        help_text=_(
            "De første praktikker bygger på interesser; de næste bliver mere erhvervsrettede "
            "og kan ende med en mulig arbejdsplads efter STU."
        ),
    )

    class Meta:
        model = Internship
        fields = (
            "place",
            "company_name",
            "purpose",
            "stage",
            "start_date",
            "end_date",
            "hours_per_week",
            "goals",
            "status",
        )
        widgets = {"start_date": forms.DateInput(), "end_date": forms.DateInput()}

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].label_from_instance = lambda p: (
            f"{p.company_name} ({p.city})" if p.city else p.company_name
        )
        statuses = [(s.value, s.label) for s in InternshipStatus if s != InternshipStatus.COMPLETED]
        if self.instance.pk and self.instance.status == InternshipStatus.COMPLETED:
            statuses = list(InternshipStatus.choices)
        self.fields["status"].choices = statuses
        self.fields["status"].help_text = _("En praktik markeres som afsluttet, når den evalueres.")


class InternshipEvaluationForm(DkfdsFormMixin, forms.ModelForm):
    completed = forms.BooleanField(
        label=_("Markér praktikken som afsluttet"), required=False, initial=True
    )

    class Meta:
        model = Internship
        fields = ("evaluation", "learned", "next_step")
        labels = {
            "evaluation": _("Sådan gik praktikken"),
            "learned": _("Det lærte den unge"),
            "next_step": _("Næste skridt"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].required = True
        self.fields["next_step"].required = True
        self.fields["evaluation"].help_text = _(
            "Hvordan gik praktikken for den unge og for arbejdspladsen?"
        )
        self.fields["next_step"].help_text = _(
            "Fx en ny praktik på næste trin, en forlængelse eller en mulig arbejdsplads."
        )
        if not self.instance.is_open:
            del self.fields["completed"]
