"""Forms for the caseload filter, the young person, relatives, consent and mentors."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles
from stu_case.accounts.models import Municipality
from stu_case.forms import DateInput, DkfdsFormMixin
from students.models import MentorAssignment, PersonStatus, Relative, YoungPerson
from students.models import cpr as cprlib


def contact_person_choices(municipality):
    """Who may be a young person's contact person: the municipality's active editors."""
    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality)
        .with_role(*roles.EDITOR_ROLES)
    )


class CaseloadFilter(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg på navn"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + list(PersonStatus.choices)
    )
    contact_person = forms.TypedChoiceField(label=_("Kontaktperson"), required=False, coerce=int)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int)

    def __init__(self, *args, contact_choices=(), institution_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].choices = [("", _("Alle"))] + list(contact_choices)
        self.fields["institution"].choices = [("", _("Alle"))] + list(institution_choices)


class CprLookupForm(DkfdsFormMixin, forms.Form):
    """The exact CPR look-up: sent as a POST, so the number never lands in a URL (browser
    history, proxy and server logs)."""

    cpr = forms.CharField(
        label=_("Find på CPR-nummer"),
        max_length=11,
        help_text=_("Præcist opslag. Opslaget logges."),
    )

    def clean_cpr(self):
        value = self.cleaned_data["cpr"].strip()
        compact = cprlib.normalize(value)
        if len(compact) != 10 or not compact.isdigit():
            raise ValidationError(_("Skriv hele CPR-nummeret med 10 cifre, fx 010203-1234."))
        return compact


class PersonCreateForm(DkfdsFormMixin, forms.ModelForm):
    cpr = forms.CharField(
        label=_("CPR-nummer"), max_length=11, help_text=_("10 cifre, fx 010203-1234.")
    )

    class Meta:
        model = YoungPerson
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "school",
            "status",
            "contact_person",
        ]

    # A new case starts before the committee: the later statuses follow the case's own steps.
    STARTING_STATUSES = (PersonStatus.CANDIDATE, PersonStatus.CLARIFICATION)

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["cpr", "first_name", "last_name"])
        self.fields["contact_person"].queryset = contact_person_choices(municipality)
        self.fields["status"].choices = [(s.value, s.label) for s in self.STARTING_STATUSES]

    def clean_cpr(self):
        return cprlib.validate(self.cleaned_data["cpr"])

    def _post_clean(self):
        # The service validates the model (CPR hash, plan); skip ModelForm's instance validation
        # of the unset CPR/birth date.
        pass


class PersonEditForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = YoungPerson
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "school",
            "contact_person",
            "housing_situation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = contact_person_choices(self.instance.municipality)


class SocialNotesForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = YoungPerson
        fields = ["social_notes"]
        widgets = {"social_notes": forms.Textarea(attrs={"rows": 6})}


class RelativeForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Relative
        fields = [
            "name",
            "relation",
            "phone",
            "email",
            "address",
            "involvement",
            "has_custody",
            "representation",
            "notes",
        ]


class ConsentForm(DkfdsFormMixin, forms.Form):
    involve_parents = forms.TypedChoiceField(
        label=_("Den unges valg"),
        choices=[
            ("yes", _("Forældrene må inddrages")),
            ("no", _("Forældrene skal ikke inddrages")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    scope = forms.CharField(
        label=_("Omfang"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad må forældrene deltage i eller få at vide?"),
    )
    given_on = forms.DateField(label=_("Dato for samtykket"), widget=DateInput())


class MentorForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = MentorAssignment
        fields = ["kind", "name", "organisation", "phone", "email", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class TransferForm(DkfdsFormMixin, forms.Form):
    """Fraflytning: the case moves to the municipality the young person has moved to."""

    to_municipality = forms.ModelChoiceField(
        label=_("Ny kommune"), queryset=Municipality.objects.none(), empty_label=_("Vælg")
    )
    moved_on = forms.DateField(label=_("Flyttedato"), widget=DateInput())
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx ny adresse i kommunen. Den nye kommunes ledere får beskeden."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_municipality"].queryset = Municipality.objects.exclude(
            pk=person.municipality_id
        ).order_by("name")
