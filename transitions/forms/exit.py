"""Forms: final year and exit."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles
from stu_case.forms import DateInput, DkfdsFormMixin
from transitions.models.exit import Destination, EndConversation, ExitPlan, ExitTask, FollowUp


def _user_label(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.job_title})" if getattr(user, "job_title", "") else name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _user_label(obj)


def jobcenter_users(municipality_id):
    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality_id)
        .with_role(roles.JOBCENTER)
        .order_by("first_name", "last_name", "username")
    )


def team_users(municipality_id):
    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality_id)
        .with_role(*roles.EDITOR_ROLES)
        .order_by("first_name", "last_name", "username")
    )


class InvolvementForm(DkfdsFormMixin, forms.Form):
    contact = UserChoiceField(
        label=_("Jobcenterkontakt"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Ingen valgt"),
        help_text=_(
            "Gerne den samme medarbejder gennem hele forløbet, så viden om den unge bygges op."
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = jobcenter_users(person.municipality_id)


class ExitTaskForm(DkfdsFormMixin, forms.ModelForm):
    responsible = UserChoiceField(
        label=_("Ansvarlig medarbejder"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Ingen valgt"),
    )

    class Meta:
        model = ExitTask
        fields = ["title", "agency", "responsible", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team_users(person.municipality_id)


class EndConversationForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = EndConversation
        fields = ["scheduled_on", "place", "participants", "held", "summary"]
        widgets = {"scheduled_on": DateInput()}


class ExitPlanForm(DkfdsFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ExitPlan
        fields = list(ExitPlan.EDITABLE_FIELDS)
        widgets = {
            "handover_meeting_on": DateInput(),
            "ressourcepapir_delivered_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_destination"].choices = [("", _("Endnu ikke afklaret"))] + list(
            Destination.choices
        )
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 1

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("handover_meeting_on") and not cleaned.get("handover_participants"):
            self.add_error(
                "handover_participants", _("Skriv, hvem der deltager i overdragelsesmødet.")
            )
        return cleaned


class FunctionalDescriptionForm(DkfdsFormMixin, forms.Form):
    """One textarea per section of the person's description (labels = the headings)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, description, **kwargs):
        super().__init__(*args, **kwargs)
        self.description = description
        if not self.is_bound:
            self.initial["version"] = description.version
        for i, section in enumerate(description.sections):
            self.fields[f"section_{i}"] = forms.CharField(
                label=section["heading"],
                help_text=" ".join(
                    t
                    for t in (
                        section.get("guidance", ""),
                        str(_("Skal udfyldes, før beskrivelsen overdrages."))
                        if section.get("required")
                        else "",
                    )
                    if t
                ),
                required=False,
                initial=section.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 6, "class": "form-input"}),
            )

    def texts(self) -> list[str]:
        return [
            self.cleaned_data.get(f"section_{i}", "") for i in range(len(self.description.sections))
        ]


class HandoverForm(DkfdsFormMixin, forms.Form):
    to_contact = UserChoiceField(
        label=_("Overdrag til (jobcentret)"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Vælg jobcentermedarbejder"),
        error_messages={"required": _("Vælg den jobcentermedarbejder, der modtager beskrivelsen.")},
    )
    note = forms.CharField(label=_("Note til overdragelsen"), required=False, widget=forms.Textarea)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_contact"].queryset = jobcenter_users(person.municipality_id)


class FollowUpForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["destination", "recorded_on", "note"]
        widgets = {"recorded_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].required = True
        self.fields["destination"].choices = [("", _("Vælg"))] + list(Destination.choices)
        self.fields["destination"].error_messages["required"] = _("Vælg, hvor den unge er nu.")
        self.fields["recorded_on"].required = True
        self.fields["recorded_on"].error_messages["required"] = _(
            "Skriv datoen, hvor oplysningen blev indhentet."
        )


class StatisticsFilter(forms.Form):
    aar = forms.TypedChoiceField(label=_("År for afslutning"), required=False, coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = [("", _("Alle år"))] + [(y, str(y)) for y in years]
        self.fields["aar"].widget.attrs["class"] = "form-select"
