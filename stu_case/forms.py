"""Form helpers: DKFDS classes on every widget, Danish date inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def local_moment(day: date, at: time) -> datetime:
    """``day`` at the clock time ``at`` in the current time zone (Europe/Copenhagen).

    On the spring clock change the hour from 02:00 to 03:00 does not exist: such a time is
    refused instead of silently becoming an hour later. In the autumn the repeated hour means
    its first occurrence (summer time).
    """
    naive = datetime.combine(day, at)
    aware = timezone.make_aware(naive)
    # Through UTC: astimezone() to the same zone would hand the impossible time back unchanged.
    if timezone.make_naive(aware.astimezone(UTC)) != naive:
        raise ValidationError(
            _(
                "Klokkeslættet findes ikke den dag: uret stilles en time frem kl. 2.00. "
                "Vælg et andet tidspunkt."
            ),
            code="nonexistent_time",
        )
    return aware


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DkfdsFormMixin:
    """Adds the DKFDS CSS classes and links error messages to their fields (aria)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = {
                forms.CheckboxInput: "form-checkbox",
                # CheckboxSelectMultiple subclasses RadioSelect: test it first.
                forms.CheckboxSelectMultiple: "form-checkbox",
                forms.RadioSelect: "form-radio",
                forms.Select: "form-select",
                forms.SelectMultiple: "form-select",
                forms.Textarea: "form-input",
            }
            cls = next((c for w, c in css.items() if isinstance(widget, w)), "form-input")
            widget.attrs.setdefault("class", cls)
            if isinstance(widget, forms.DateInput) and not isinstance(widget, DateInput):
                field.widget = DateInput(attrs=widget.attrs)
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)

    def __getitem__(self, name):
        """Link hints and errors to the input (aria) at render time, when errors are known."""
        bound = super().__getitem__(name)
        field = self.fields[name]
        if isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return bound  # the fieldset carries aria-describedby
        html_name = self.add_prefix(name)
        described = []
        if field.help_text:
            described.append(f"{html_name}-hint")
        if self.is_bound and name in self.errors:
            field.widget.attrs["aria-invalid"] = "true"
            described.append(f"{html_name}-error")
        if described:
            field.widget.attrs["aria-describedby"] = " ".join(described)
        return bound


def apply_validation_error(form, exc) -> None:
    """Show a service's ``ValidationError`` on the form: field errors on their fields (or on
    the form when the form has no such field), plain messages on the form."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)
