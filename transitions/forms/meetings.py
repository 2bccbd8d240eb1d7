"""Forms for status meetings and the institutions' status answers."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin, local_moment
from transitions.models.meetings import StatusAnswer, Wellbeing


def _fix_checkboxes(form) -> None:
    """DKFDS checkbox class on multi-selects (the mixin gives them the radio class)."""
    for f in form.fields.values():
        if isinstance(f.widget, forms.CheckboxSelectMultiple):
            f.widget.attrs["class"] = "form-checkbox"


class StatusMeetingForm(DkfdsFormMixin, forms.Form):
    date = forms.DateField(label=_("Dato"), widget=DateInput)
    time = forms.TimeField(
        label=_("Klokkeslæt"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Sted"), required=False, max_length=200)
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltagere fra teamet"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("UU, jobcenter og forvaltning bør alle være med."),
    )
    other_participants = forms.CharField(label=_("Andre deltagere"), required=False, max_length=300)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["participants"].queryset = team
        self.fields["participants"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username}"
            + (f" ({u.job_title})" if getattr(u, "job_title", "") else "")
        )
        _fix_checkboxes(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            try:
                starts = local_moment(cleaned["date"], cleaned["time"])
            except ValidationError as error:
                self.add_error("time", error)
                return cleaned
            if starts < timezone.now():
                self.add_error("date", _("Mødet skal ligge i fremtiden."))
            cleaned["starts_at"] = starts
        return cleaned


class ItemForm(DkfdsFormMixin, forms.Form):
    status_note = forms.CharField(
        label=_("Status"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvordan går det? Kort status fra teamet."),
    )
    decisions = forms.CharField(
        label=_("Beslutninger"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(DkfdsFormMixin, forms.Form):
    description = forms.CharField(label=_("Hvad skal gøres"), max_length=300)
    responsible = forms.ModelChoiceField(
        label=_("Ansvarlig"), queryset=get_user_model().objects.none()
    )
    deadline = forms.DateField(label=_("Frist"), widget=DateInput)

    def __init__(self, *args, team=None, **kwargs):
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["responsible"].queryset = team
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username


class ActionDoneForm(DkfdsFormMixin, forms.Form):
    note = forms.CharField(label=_("Opfølgning"), required=False, max_length=300)


class CloseForm(DkfdsFormMixin, forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltog fra teamet"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_participants = forms.CharField(label=_("Andre deltagere"), required=False, max_length=300)
    summary = forms.CharField(
        label=_("Fælles referat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Fx aftaler om roller i teamet og næste møde."),
    )

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["participants"].queryset = team
        self.fields["participants"].label_from_instance = lambda u: u.get_full_name() or u.username
        _fix_checkboxes(self)


class AnswerForm(DkfdsFormMixin, forms.ModelForm):
    """The institution's status for one student (the portal shows one per student)."""

    class Meta:
        model = StatusAnswer
        fields = [
            "wellbeing",
            "wellbeing_note",
            "goal_progress",
            "absence_comment",
            "internship",
            "concerns",
        ]
        widgets = {
            "wellbeing": forms.RadioSelect,
            "wellbeing_note": forms.Textarea(attrs={"rows": 2}),
            "goal_progress": forms.Textarea(attrs={"rows": 3}),
            "absence_comment": forms.Textarea(attrs={"rows": 2}),
            "internship": forms.Textarea(attrs={"rows": 2}),
            "concerns": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["wellbeing"].choices = list(Wellbeing.choices)
        self.fields["wellbeing"].error_messages["required"] = _("Vælg elevens trivsel.")
