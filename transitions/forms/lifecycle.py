"""forms: the enrolment's life. Plain forms: the rules live in the services (Danish errors), so
the fields are optional to Django and only marked as required."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution
from stu_case.forms import DateInput, DkfdsFormMixin
from transitions.forms.pathway import MarksRequired

NOTE = _("Bemærkning")


class CompleteForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("completed_on",)

    completed_on = forms.DateField(
        label=_("STU gennemført den"),
        required=False,
        widget=DateInput(),
        help_text=_("Opfølgningen efter 3 og 12 måneder regnes fra denne dato."),
    )
    note = forms.CharField(label=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("institution", "transfer_date", "reason")

    institution = forms.ModelChoiceField(
        label=_("Ny institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("Vælg …"),
    )
    transfer_date = forms.DateField(
        label=_("Skiftet gælder fra"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Fra denne dag har den nye institution adgang til den unge, og den gamle mister "
            "den. En dato i fremtiden gennemføres automatisk på dagen."
        ),
    )
    reason = forms.CharField(
        label=_("Begrundelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(is_active=True).order_by(
            "name"
        )


class PlannedEndForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("planned_end_date", "reason")

    planned_end_date = forms.DateField(
        label=_("Ny planlagt slutdato"), required=False, widget=DateInput()
    )
    reason = forms.CharField(
        label=_("Begrundelse for afgørelsen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De faktiske forhold og de hensyn, der ligger bag. Begrundelsen gemmes."),
    )


class ClarificationEndForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("ended_on", "conclusion")

    ended_on = forms.DateField(
        label=_("Afklaringsforløbet sluttede"), required=False, widget=DateInput()
    )
    conclusion = forms.CharField(
        label=_("Hvad viste afklaringen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EducationElsewhereForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("education", "started_on")

    education = forms.CharField(label=_("Uddannelse"), required=False, max_length=200)
    started_on = forms.DateField(
        label=_("Uddannelsen startede"), required=False, widget=DateInput()
    )
    note = forms.CharField(label=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 3}))
