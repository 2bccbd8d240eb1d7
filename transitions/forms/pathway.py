"""forms: pathway. Plain forms: the rules live in the services (Danish errors)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles
from stu_case.forms import DateInput, DkfdsFormMixin
from students.models import HousingSituation
from transitions.models.pathway import PauseActivityKind, PauseReason, ReassessmentResult

CHOOSE = _("Vælg …")


def _blank(choices, label=CHOOSE):
    return [("", label), *choices]


def team_users(municipality, *role_names):
    """Active municipal staff with one of ``role_names`` (the choices for a responsible person)."""
    return (
        get_user_model()
        .objects.active()
        .in_municipality(municipality)
        .with_role(*(role_names or roles.EDITOR_ROLES))
        .order_by("first_name", "last_name", "username")
    )


class MarksRequired:
    """The rules (and their Danish messages) live in the services, so the fields are optional
    to Django; ``marked_required`` only shows the asterisk and sets ``aria-required``."""

    marked_required: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.marked_required:
            if name in self.fields:
                self.fields[name].show_required = True
                self.fields[name].widget.attrs["aria-required"] = "true"


class PauseForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = (
        "reason",
        "start_date",
        "planned_return_date",
        "activity_kind",
        "activity_description",
        "responsible",
    )

    reason = forms.ChoiceField(label=_("Årsag til pausen"), required=False)
    reason_text = forms.CharField(
        label=_("Uddybning af årsagen"), required=False, widget=forms.Textarea
    )
    start_date = forms.DateField(label=_("Pausen begynder"), required=False, widget=DateInput())
    planned_return_date = forms.DateField(
        label=_("Planlagt tilbagevenden"), required=False, widget=DateInput()
    )
    activity_kind = forms.ChoiceField(
        label=_("Planlagt aktivitet i pausen"),
        required=False,
        help_text=_("En pause er en pause til noget – ikke fra noget."),
    )
    activity_description = forms.CharField(
        label=_("Beskrivelse af aktiviteten"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hvad skal den unge lave, hvor og hvor ofte?"),
    )
    responsible = forms.ModelChoiceField(
        label=_("Ansvarlig under pausen"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Holder kontakten med den unge og koordinerer med de andre aktører."),
    )
    return_plan = forms.CharField(
        label=_("Plan for tilbagevenden"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hvordan og hvor vender den unge tilbage til forløbet?"),
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = _blank(PauseReason.choices)
        self.fields["activity_kind"].choices = _blank(PauseActivityKind.choices)
        self.fields["responsible"].queryset = team_users(municipality)
        self.fields["responsible"].empty_label = _("Vælg …")


class PauseDecisionForm(DkfdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[("approve", _("Godkend pausen")), ("reject", _("Afvis pausen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg om pausen godkendes eller afvises.")},
    )
    requires_reassessment = forms.BooleanField(
        label=_("Genoptagelse kræver en ny målgruppevurdering"),
        required=False,
        help_text=_("Fx efter en lang pause eller en væsentlig ændring i den unges situation."),
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Skal udfyldes ved afslag."),
    )


class PauseResumeForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("resumed_on",)

    resumed_on = forms.DateField(label=_("Vendt tilbage den"), required=False, widget=DateInput())


class PauseResumeWithReassessmentForm(PauseResumeForm):
    """When the approver asked for a new target-group assessment (målgruppevurdering)."""

    marked_required = ("resumed_on", "reassessment_date", "reassessment_result")

    reassessment_date = forms.DateField(
        label=_("Ny målgruppevurdering foretaget den"), required=False, widget=DateInput()
    )
    reassessment_result = forms.ChoiceField(
        label=_("Resultat af målgruppevurderingen"),
        choices=ReassessmentResult.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reassessment_note = forms.CharField(
        label=_("Notat om målgruppevurderingen"), required=False, widget=forms.Textarea
    )


class InterruptionStep1Form(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("plan_adjusted_on", "plan_adjustment_note")

    plan_adjusted_on = forms.DateField(
        label=_("Planen blev justeret den"), required=False, widget=DateInput()
    )
    plan_adjustment_note = forms.CharField(
        label=_("Hvad blev justeret i planen?"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Fx færre timer, en anden værkstedslinje, praktik eller mere støtte."),
    )


class InterruptionStep2Form(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("warning_letter_sent_on", "meeting_held_on", "warning_note")

    warning_letter_sent_on = forms.DateField(
        label=_("Varselsbrev sendt den"), required=False, widget=DateInput()
    )
    meeting_held_on = forms.DateField(label=_("Møde holdt den"), required=False, widget=DateInput())
    warning_note = forms.CharField(
        label=_("Notat fra mødet"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hvem deltog, hvad blev sagt, og hvad blev aftalt?"),
    )


class InterruptionDecisionForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = (
        "causes_examined",
        "decision_reason",
        "decision_date",
        "follow_up_plan",
        "follow_up_due",
        "jobcenter_informed_on",
    )

    causes_examined = forms.CharField(
        label=_("Undersøgte årsager"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hvilke årsager til fraværet eller frafaldet er undersøgt, og hvordan?"),
    )
    decision_reason = forms.CharField(
        label=_("Begrundelse for afbrydelsen"), required=False, widget=forms.Textarea
    )
    decision_date = forms.DateField(label=_("Afgørelsesdato"), required=False, widget=DateInput())
    follow_up_plan = forms.CharField(
        label=_("Opfølgningsplan"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hvem følger op, og hvad er næste skridt for den unge?"),
    )
    follow_up_due = forms.DateField(
        label=_("Opfølgning senest"), required=False, widget=DateInput()
    )
    jobcenter_informed_on = forms.DateField(
        label=_("Jobcentret orienteret den"),
        required=False,
        widget=DateInput(),
        help_text=_("Jobcentret skal orienteres om afbrydelsen."),
    )
    jobcenter_contact = forms.ModelChoiceField(
        label=_("Kontakt i jobcentret"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Får besked i indbakken. Vælges ingen, får alle i jobcentret besked."),
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobcenter_contact"].queryset = team_users(municipality, roles.JOBCENTER)
        self.fields["jobcenter_contact"].empty_label = _("Alle i jobcentret")


class InterruptionWithdrawForm(MarksRequired, DkfdsFormMixin, forms.Form):
    marked_required = ("withdrawn_note",)

    withdrawn_note = forms.CharField(
        label=_("Hvorfor fortsætter forløbet?"), required=False, widget=forms.Textarea
    )


class HousingPlanForm(DkfdsFormMixin, forms.Form):
    current_situation = forms.ChoiceField(label=_("Nuværende boligsituation"), required=False)
    move_needed = forms.TypedChoiceField(
        label=_("Skal den unge flytte, før STU slutter?"),
        choices=[("no", _("Nej")), ("yes", _("Ja"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    target_situation = forms.ChoiceField(label=_("Ny boligsituation"), required=False)
    planned_move_date = forms.DateField(
        label=_("Planlagt flyttedato"),
        required=False,
        widget=DateInput(),
        help_text=_("Flytningen bør være gennemført et halvt år før STU slutter."),
    )
    support = forms.CharField(
        label=_("Støtte til flytningen og i den nye bolig"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Fx bostøtte, ansøgning om botilbud, hjælp fra støttekontaktperson."),
    )
    note = forms.CharField(label=_("Notat"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_situation"].choices = _blank(HousingSituation.choices, _("Ukendt"))
        self.fields["target_situation"].choices = _blank(HousingSituation.choices)


class MentorEndForm(DkfdsFormMixin, forms.Form):
    end_date = forms.DateField(
        label=_("Slutdato"),
        widget=DateInput(),
        error_messages={"required": _("Angiv hvornår tilknytningen slutter.")},
    )


class WarningLetterForm(DkfdsFormMixin, forms.Form):
    """Step 2's warning letter (a hearing): what an interruption would build on, the meeting,
    and the deadline for the young person's answer."""

    facts = forms.CharField(
        label=_("Sagens fakta"),
        help_text=_("Fravær, hvad der er prøvet, og hvad planen er justeret med."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    meeting = forms.CharField(
        label=_("Mødet"),
        max_length=300,
        help_text=_("Hvornår og hvor, fx »12. maj kl. 10 på skolen«."),
    )
    deadline = forms.DateField(label=_("Svarfrist"), widget=DateInput())
