"""Visitation forms: the candidate list's filter and the clarification before STU.

``fix_checkboxes`` and ``InstitutionChoiceMixin`` are shared with the other areas' forms.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from visitation.models.clarification import InstitutionVisit, IntroCourse, SchoolCoordination
from visitation.selectors import clarification as selectors


def fix_checkboxes(form) -> None:
    """DKFDS checkbox class on multi-selects: ``DkfdsFormMixin`` gives them the radio class,
    because Django's ``CheckboxSelectMultiple`` subclasses ``RadioSelect``."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "form-checkbox"


class CandidateFilter(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg på navn"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle før STU"))]
        + [(s.value, s.label) for s in selectors.PIPELINE_STATUSES],
    )
    start_from = forms.DateField(label=_("Forventet start fra"), required=False, widget=DateInput)
    start_to = forms.DateField(label=_("Forventet start til"), required=False, widget=DateInput)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        cd = self.cleaned_data
        return {
            "q": cd.get("q"),
            "statuses": [cd["status"]] if cd.get("status") else None,
            "start_from": cd.get("start_from"),
            "start_to": cd.get("start_to"),
        }


class SchoolCoordinationForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = SchoolCoordination
        fields = [
            "school",
            "grade",
            "school_contact",
            "expected_start",
            "first_meeting_on",
            "meeting_held",
            "participants",
            "notes",
        ]
        widgets = {"expected_start": DateInput, "first_meeting_on": DateInput}


class InstitutionChoiceMixin:
    institution_fields: tuple[str, ...] = ("institution",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.institution_fields:
            if name in self.fields:
                self.fields[name].queryset = selectors.institutions()


class VisitForm(InstitutionChoiceMixin, DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = InstitutionVisit
        fields = [
            "institution",
            "visited_on",
            "young_person_present",
            "relatives_present",
            "others_present",
            "young_person_impressions",
            "relatives_impressions",
            "counsellor_notes",
        ]
        widgets = {"visited_on": DateInput}


class IntroCourseForm(InstitutionChoiceMixin, DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = IntroCourse
        fields = [
            "institution",
            "start_date",
            "end_date",
            "young_person_evaluation",
            "institution_evaluation",
            "counsellor_evaluation",
        ]
        widgets = {"start_date": DateInput, "end_date": DateInput}


class WishForm(DkfdsFormMixin, forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None)
    reason = forms.CharField(
        label=_("Hvorfor"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Den unges egen begrundelse, med egne ord."),
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = person.wishes.values("institution_id") if person else []
        self.fields["institution"].queryset = selectors.institutions().exclude(pk__in=taken)
