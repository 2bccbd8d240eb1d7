"""Visitation forms: the recommendation and the pre-coordination sign-off."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from visitation.forms.clarification import InstitutionChoiceMixin, fix_checkboxes
from visitation.models.recommendations import Agency, Recommendation
from visitation.selectors import clarification as clarification_selectors


class RecommendationForm(InstitutionChoiceMixin, DkfdsFormMixin, forms.ModelForm):
    institution_fields = ("proposed_institution", "alternative_institution")

    offered = forms.ModelMultipleChoiceField(
        label=_("Institutioner, den unge tilbydes at vælge imellem"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "STU-loven § 2 a: tilbyd normalt et valg mellem flere institutioner. Prisen må "
            "ikke være det eneste, valget hviler på."
        ),
    )

    class Meta:
        model = Recommendation
        fields = [
            "target_group_assessment",
            "other_options",
            "offered",
            "single_offer_reason",
            "proposed_institution",
            "proposed_start",
            "young_person_view",
            "young_person_heard_on",
            "relatives_view",
            "relatives_heard_on",
            "relatives_not_heard_reason",
            "alternative_institution",
            "alternative_proposal",
            "alternative_answer",
            "alternative_answer_reason",
            "alternative_answered_on",
        ]
        widgets = {
            "proposed_start": DateInput,
            "young_person_heard_on": DateInput,
            "relatives_heard_on": DateInput,
            "alternative_answered_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offered"].queryset = clarification_selectors.institutions()
        if self.instance.pk:
            self.initial.setdefault(
                "offered", list(self.instance.offers.values_list("institution_id", flat=True))
            )
        self.order_fields(self.Meta.fields)
        fix_checkboxes(self)


class SignOffForm(DkfdsFormMixin, forms.Form):
    agency = forms.ChoiceField(label=_("På vegne af"), choices=Agency.choices)
    agrees = forms.TypedChoiceField(
        label=_("Er I enige i indstillingen?"),
        choices=[("yes", _("Ja, vi er enige")), ("no", _("Nej, vi har bemærkninger"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Skal udfyldes, hvis I ikke er enige."),
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(a.value, a.label) for a in Agency if a.value in agencies]
        self.fields["agency"].choices = choices
        if len(choices) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.initial["agency"] = choices[0][0]

    def clean(self):
        cd = super().clean()
        if cd.get("agrees") is False and not (cd.get("comment") or "").strip():
            self.add_error(
                "comment", _("Skriv hvad I er uenige i, så UU kan tilrette indstillingen.")
            )
        return cd
