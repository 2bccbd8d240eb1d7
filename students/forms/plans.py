"""Forms for THE one education plan and its goals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from students.models import EducationPlan, PlanGoal


class PlanForm(DkfdsFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Årsag til ændringen eller revisionen"),
        max_length=300,
        help_text=_("Fx 'Årlig revision' eller 'Nyt praktikforløb aftalt'."),
    )
    justification = forms.CharField(
        label=_("Faglig begrundelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    young_person_took_part = forms.BooleanField(label=_("Den unge deltog"), required=False)
    relatives_took_part = forms.BooleanField(label=_("Pårørende deltog"), required=False)
    institution_took_part = forms.BooleanField(label=_("Institutionen deltog"), required=False)
    other_participants = forms.CharField(label=_("Andre deltagere"), required=False, max_length=300)

    class Meta:
        model = EducationPlan
        fields = [*EducationPlan.SECTION_FIELDS, "next_revision_due"]
        widgets = {"next_revision_due": DateInput()}

    def __init__(self, *args, relatives_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not relatives_allowed:
            f = self.fields["relatives_input"]
            f.disabled = True
            f.help_text = _(
                "Den unge er over 18 og har ikke givet samtykke til, at forældrene inddrages."
            )
            self.fields["relatives_took_part"].disabled = True
            self.fields["relatives_took_part"].help_text = _(
                "Forældrene deltager ikke uden den unges samtykke."
            )


class GoalForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = [
            "description",
            "area",
            "owning_agency",
            "source_plan",
            "source_reference",
            "success_criterion",
            "target_date",
            "status",
        ]
        widgets = {
            "target_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "success_criterion": forms.Textarea(attrs={"rows": 2}),
        }


class GoalNoteForm(DkfdsFormMixin, forms.Form):
    noted_on = forms.DateField(label=_("Dato"), widget=DateInput())
    text = forms.CharField(label=_("Statusnotat"), widget=forms.Textarea(attrs={"rows": 3}))
