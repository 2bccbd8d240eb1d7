from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin, local_moment

from . import selectors
from .models import (
    Agency,
    Appeal,
    Decision,
    InstitutionVisit,
    IntroCourse,
    Outcome,
    Recommendation,
    SchoolCoordination,
)


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
        self.fields["offered"].queryset = selectors.institutions()
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
        self.fields["institution"].queryset = selectors.institutions()
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
