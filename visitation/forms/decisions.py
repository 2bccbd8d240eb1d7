"""Visitation forms: the decision, when it was notified, and appeals."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from visitation.forms.clarification import fix_checkboxes
from visitation.models.decisions import Appeal, Decision, Outcome
from visitation.selectors import clarification as clarification_selectors


class DecisionForm(DkfdsFormMixin, forms.ModelForm):
    voters = forms.ModelMultipleChoiceField(
        label=_("Stemmeberettigede medlemmer, der traf afgørelsen"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("UU-vejlederen, der har skrevet indstillingen, kan ikke stemme."),
    )

    class Meta:
        model = Decision
        fields = [
            "outcome",
            "institution",
            "start_date",
            "other_offer",
            "legal_basis",
            "facts",
            "considerations",
            "justification",
            "hearing_sent_on",
            "hearing_answered_on",
            "hearing_answer",
            "decided_on",
        ]
        widgets = {
            "outcome": forms.RadioSelect,
            "start_date": DateInput,
            "hearing_sent_on": DateInput,
            "hearing_answered_on": DateInput,
            "decided_on": DateInput,
        }

    def __init__(self, *args, voters=(), recommender=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Outcome.choices
        self.fields["institution"].queryset = clarification_selectors.institutions()
        self.fields["voters"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in voters]
        )
        fix_checkboxes(self)

    def _post_clean(self):
        # Model validation needs the recommendation; the service runs full_clean.
        pass


class NotifiedForm(DkfdsFormMixin, forms.Form):
    notified_on = forms.DateField(label=_("Afgørelsen er meddelt den"), widget=DateInput)


class AppealForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Appeal
        fields = [
            "received_on",
            "grounds",
            "sent_to_board_on",
            "board_reference",
            "outcome",
            "outcome_on",
            "outcome_notes",
        ]
        widgets = {
            "received_on": DateInput,
            "sent_to_board_on": DateInput,
            "outcome_on": DateInput,
        }

    def _post_clean(self):
        pass
