"""Forms of the institution portal: one row per student, the upload, the correction."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DkfdsFormMixin
from students.forms.absence_csv import MAX_BYTES, format_hours, parse_hours
from students.services.absence import ReportRow, check_hours


class HoursField(forms.CharField):
    """Hours with a Danish decimal comma (``12,5``); a dot works too."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6, "maxlength": 10}
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return format_hours(value)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_hours(value)
        except ValueError as exc:
            raise ValidationError(
                _("Skriv et antal timer, fx 12,5."), code="invalid_hours"
            ) from exc


class ReportRowForm(DkfdsFormMixin, forms.Form):
    """One student's line in the period form. ``include`` unticked: not reported now."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    include = forms.BooleanField(label=_("Indberet"), required=False, initial=True)
    planned_hours = HoursField(label=_("Planlagte timer"), required=False)
    absent_legal = HoursField(label=_("Lovligt fravær (timer)"), required=False)
    absent_illegal = HoursField(label=_("Ulovligt fravær (timer)"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("include")
            and cleaned.get("planned_hours") is None
            and "planned_hours" not in self.errors
        ):
            self.add_error("planned_hours", _("Udfyld de planlagte timer."))
        return cleaned


ReportRowFormSet = forms.formset_factory(ReportRowForm, extra=0, max_num=2000, absolute_max=2000)


class UploadForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Semikolonsepareret med overskriftslinje. Decimaler med komma, fx 12,5. "
            "Hent skabelonen for perioden, så forløbs-id og planlagte timer er udfyldt."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("Filen er for stor (højst 1 MB)."))
        return upload


class CorrectionForm(DkfdsFormMixin, forms.Form):
    planned_hours = HoursField(label=_("Planlagte timer"))
    absent_legal = HoursField(label=_("Lovligt fravær (timer)"), required=False)
    absent_illegal = HoursField(label=_("Ulovligt fravær (timer)"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Årsag til rettelsen"),
        max_length=300,
        help_text=_("Fx “Sygemelding modtaget efter indberetningen”. Gemmes i historikken."),
    )

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self):
        cleaned = super().clean()
        hour_fields = ("planned_hours", "absent_legal", "absent_illegal")
        if self.period is not None and not any(f in self.errors for f in hour_fields):
            row = ReportRow(
                "",
                None,
                cleaned.get("planned_hours"),
                cleaned.get("absent_legal"),
                cleaned.get("absent_illegal"),
            )
            for field, message in check_hours(row, self.period):
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned
