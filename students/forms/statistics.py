"""The statistics page's filters: period (months), institution, contact person, cohort."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.calendar import last_of_month, months_between
from stu_case.forms import DkfdsFormMixin
from students.selectors.statistics import StatisticsFilters

MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
MAX_MONTHS = 60


class MonthInput(forms.TextInput):
    """``<input type="month">``; a value that is no month is shown back as text, so the user
    sees what they wrote (a month input may not hold it)."""

    input_type = "month"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if value and not _is_month(str(value)):
            context["widget"]["type"] = "text"
        return context


def _is_month(value: str) -> bool:
    match = MONTH_RE.match(value)
    return bool(match) and 1 <= int(match[2]) <= 12 and 2000 <= int(match[1]) <= 2100


class MonthField(forms.CharField):
    """A month written ``ÅÅÅÅ-MM`` (what ``<input type="month">`` sends); gives its 1st."""

    widget = MonthInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("ÅÅÅÅ-MM"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if not _is_month(value):
            raise ValidationError(_("Skriv måneden som ÅÅÅÅ-MM, fx 2026-01."), code="month")
        match = MONTH_RE.match(value)
        return date(int(match[1]), int(match[2]), 1)


class StatisticsFilterForm(DkfdsFormMixin, forms.Form):
    fra = MonthField(label=_("Fra måned"), required=False)
    til = MonthField(label=_("Til og med måned"), required=False)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int)
    kontaktperson = forms.TypedChoiceField(label=_("Kontaktperson"), required=False, coerce=int)
    aargang = forms.TypedChoiceField(
        label=_("Årgang (år for STU-start)"), required=False, coerce=int
    )

    def __init__(self, *args, institutions=(), contact_persons=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("Alle"))]
        self.fields["institution"].choices = everyone + list(institutions)
        self.fields["kontaktperson"].choices = everyone + list(contact_persons)
        self.fields["aargang"].choices = everyone + [(y, str(y)) for y in cohorts]

    def clean(self):
        data = super().clean()
        start, end = data.get("fra"), data.get("til")
        if start and end and end < start:
            self.add_error("til", _("Slutmåneden ligger før startmåneden."))
        elif start and end and months_between(start, end) >= MAX_MONTHS:
            self.add_error("til", _("Vælg højst 60 måneder ad gangen."))
        return data

    def filters(self, *, default: StatisticsFilters) -> StatisticsFilters:
        """The filters chosen (the default period where a month is missing or invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("fra") or default.start
        end = last_of_month(data["til"]) if data.get("til") else default.end
        if end < start or months_between(start, end) >= MAX_MONTHS:
            start, end = default.start, default.end
        return StatisticsFilters(
            start=start,
            end=end,
            institution_id=data.get("institution") or None,
            contact_person_id=data.get("kontaktperson") or None,
            cohort=data.get("aargang") or None,
        )
