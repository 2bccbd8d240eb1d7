"""Forms for the journal: a note (new, corrected in place, or a correction of a locked note)
and the filter on the person page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DateInput, DkfdsFormMixin
from students.models import JournalNote, NoteKind
from students.services.journal import NOTE_FIELDS

DUTY_TO_TAKE_NOTES = _(
    "Notatpligt (offentlighedslovens § 13): skriv oplysninger om sagens faktiske "
    "omstændigheder ned, når du får dem mundtligt eller på anden måde og de har betydning for "
    "en afgørelse, og skriv ned hvilke væsentlige sagsskridt der er taget. Skriv sagligt og "
    "kort; den unge kan få aktindsigt."
)


class JournalNoteForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = JournalNote
        fields = list(NOTE_FIELDS)
        widgets = {
            "occurred_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, link_choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["occurred_on"].initial = timezone.localdate()
        self.fields["text"].help_text = DUTY_TO_TAKE_NOTES
        for name, queryset in link_choices.items():
            field = self.fields[name]
            if queryset is None:
                del self.fields[name]
                continue
            field.queryset = queryset
            field.empty_label = _("Ingen")
        self.fields["goal"].label = _("Vedrører mål i planen")
        self.fields["status_meeting"].label = _("Vedrører statusmøde")
        self.fields["decision"].label = _("Vedrører afgørelse")

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return day


class JournalFilterForm(DkfdsFormMixin, forms.Form):
    """The person page's filter (GET). Field names carry a prefix of their own so they do not
    clash with other sections' parameters."""

    journal_art = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle"))] + list(NoteKind.choices)
    )
    journal_af = forms.ChoiceField(label=_("Skrevet af"), required=False)

    def __init__(self, *args, authors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journal_af"].choices = [("", _("Alle"))] + [
            (str(u.pk), str(u)) for u in authors
        ]
