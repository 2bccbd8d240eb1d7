from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DkfdsFormMixin

from . import selectors
from .models import InstitutionKind, QualityAgreement, QualityStatus


class CatalogueFilter(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg på navn eller by"), required=False, max_length=100)
    target_group = forms.TypedChoiceField(label=_("Målgruppe"), required=False, coerce=int)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle"))] + list(InstitutionKind.choices),
    )
    max_price = forms.CharField(
        label=_("Højeste pris pr. år (kr.)"),
        required=False,
        max_length=12,
        help_text=_("Aftalepris, ellers listepris."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    quality_status = forms.ChoiceField(
        label=_("Kvalitetsstatus"),
        required=False,
        choices=[("", _("Alle"))] + list(QualityStatus.choices),
    )
    with_agreement = forms.BooleanField(
        label=_("Kun institutioner med aftale med kommunen"), required=False
    )

    def __init__(self, *args, municipal: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [("", _("Alle"))] + selectors.target_group_choices()
        if not municipal:
            del self.fields["quality_status"]
            del self.fields["with_agreement"]

    def clean_max_price(self):
        raw = (self.cleaned_data.get("max_price") or "").strip()
        if not raw:
            return None
        compact = raw.replace(" ", "").replace(".", "").replace("kr", "").rstrip(",-")
        try:
            value = Decimal(compact.replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(
                _("Skriv et beløb i hele kroner, fx 350000 eller 350.000.")
            ) from exc
        if value < 0:
            raise ValidationError(_("Beløbet kan ikke være negativt."))
        return value


class QualityAgreementAdminForm(forms.ModelForm):
    """The admin's agreement form: refuses overlapping agreements for the same pair."""

    class Meta:
        model = QualityAgreement
        fields = [
            "kind",
            "title",
            "tender_reference",
            "institution",
            "municipalities",
            "valid_from",
            "valid_to",
            "price_per_year",
            "division_of_tasks",
            "quality_parameters",
            "reporting_frequency",
            "report_deadline_days",
            "grace_days",
            "pause_activity_requirement",
            "other_process_requirements",
        ]

    def clean(self):
        cleaned = super().clean()
        institution = cleaned.get("institution")
        municipalities = cleaned.get("municipalities")
        valid_from = cleaned.get("valid_from")
        if institution and municipalities is not None and valid_from:
            if not municipalities:
                self.add_error("municipalities", _("Vælg mindst én kommune."))
            clash = selectors.overlapping_agreements(
                institution=institution,
                municipality_ids=[m.pk for m in municipalities],
                valid_from=valid_from,
                valid_to=cleaned.get("valid_to"),
                exclude_pk=self.instance.pk,
            )
            if clash:
                raise ValidationError(selectors.overlap_message(clash))
        return cleaned
