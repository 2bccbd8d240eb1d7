from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import ValidationError as StdnumError

from stu_case.formats import short_date


def validate_cvr(value: str) -> None:
    try:
        stdnum_cvr.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("%(value)s er ikke et gyldigt CVR-nummer (8 cifre med gyldigt kontrolciffer)."),
            params={"value": value},
            code="invalid_cvr",
        ) from exc


class InstitutionKind(models.TextChoices):
    STU_SCHOOL = "stu_school", _("STU-skole / specialskole")
    PRODUCTION_SCHOOL = "production_school", _("Produktionsskole")
    FOLK_HIGH_SCHOOL = "folk_high_school", _("Højskole")
    EFTERSKOLE = "efterskole", _("Efterskole")
    DAY_OFFER = "day_offer", _("Dagtilbud")
    RESIDENTIAL = "residential", _("Botilbud med uddannelse")
    PRIVATE = "private", _("Privat udbyder")
    OTHER = "other", _("Andet")


class TargetGroup(models.Model):
    """A target group an institution serves (e.g. autism spectrum, intellectual disability).

    Shared by all municipalities so the catalogue can be filtered the same way everywhere.
    Retired, never deleted (``is_active``), because institutions and history refer to it.
    """

    name = models.CharField(_("navn"), max_length=100, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    """An STU provider in the catalogue. Deactivated, never deleted.

    Its staff group carries the object permissions of the people working there. The price is
    the provider's list price per student per year; a quality agreement may set another price
    for the municipalities that are party to it (the catalogue shows the agreed price then).
    """

    name = models.CharField(_("navn"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, unique=True, validators=[validate_cvr])
    kind = models.CharField(_("type"), max_length=30, choices=InstitutionKind.choices)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    contact_name = models.CharField(
        _("kontaktperson"),
        max_length=200,
        blank=True,
        help_text=_("Den person i institutionen, kommunen kontakter om optagelse og forløb."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("målgrupper"), related_name="institutions", blank=True
    )
    offer_description = models.TextField(
        _("hvad institutionen tilbyder"),
        blank=True,
        help_text=_("Værksteder, undervisning, praktik, bo-muligheder og pædagogisk tilgang."),
    )
    capacity = models.PositiveIntegerField(_("kapacitet (antal elever)"), null=True, blank=True)
    price_per_year = models.DecimalField(
        _("pris pr. elev pr. år (kr.)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Institutionens listepris. En kvalitetsaftale kan fastsætte en anden pris."),
    )
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Deaktivér i stedet for at slette; institutionen forsvinder fra kataloget."),
    )
    staff_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="institution", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutioner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.staff_group_id:
            self.staff_group, _created = Group.objects.get_or_create(
                name=f"Institution {self.cvr} {self.name}"[:150]
            )
        super().save(*args, **kwargs)


class InstitutionMembership(models.Model):
    """A user working at an institution. Managed in the admin; kept in sync with the staff group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="institution_memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role_title = models.CharField(_("funktion"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("institutionsmedarbejder")
        verbose_name_plural = _("institutionsmedarbejdere")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="unique_institution_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution}"


# ---------------------------------------------------------------- quality standards and follow-up
class QualityArea(models.TextChoices):
    """The nine areas of the best-practice catalogue's quality standards."""

    PHYSICAL_SETTING = "physical_setting", _("Fysiske rammer")
    STAFF_COMPETENCES = "staff_competences", _("Medarbejdernes uddannelse og kompetencer")
    WORKSHOPS = "workshops", _("Kvaliteten af værksteder")
    CONTENT = "content", _("Indhold i uddannelsen")
    INTERNSHIPS = "internships", _("Praktik")
    FUNCTIONAL_LEVEL = "functional_level", _("Dokumentation af elevernes funktionsniveau")
    ABSENCE_REPORTING = "absence_reporting", _("Afrapportering af elevernes fravær")
    DROPOUT_AND_EXIT = (
        "dropout_and_exit",
        _("Proceskrav ved frafald og udslusning, herunder inddragelse af jobcentret"),
    )
    ECONOMY = "economy", _("Økonomi")


AREA_ORDER = [a.value for a in QualityArea]


class QualityStandard(models.Model):
    """A municipality's requirement to the institutions it uses, in one of the nine areas."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="quality_standards",
    )
    area = models.CharField(_("område"), max_length=30, choices=QualityArea.choices)
    title = models.CharField(_("overskrift"), max_length=200)
    requirement = models.TextField(_("krav"), help_text=_("Hvad institutionen skal leve op til."))
    is_active = models.BooleanField(_("gældende"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kvalitetsstandard")
        verbose_name_plural = _("kvalitetsstandarder")
        ordering = ["municipality", "area", "title"]
        indexes = [models.Index(fields=["municipality", "area"], name="qstandard_muni_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.title}"


class ReviewResult(models.TextChoices):
    MET = "met", _("Opfyldt")
    PARTLY = "partly", _("Delvist opfyldt")
    NOT_MET = "not_met", _("Ikke opfyldt")


class QualityStatus(models.TextChoices):
    """The catalogue's quality status of an institution, seen from one municipality."""

    MET = ReviewResult.MET.value, ReviewResult.MET.label
    PARTLY = ReviewResult.PARTLY.value, ReviewResult.PARTLY.label
    NOT_MET = ReviewResult.NOT_MET.value, ReviewResult.NOT_MET.label
    OVERDUE = "overdue", _("Opfølgning overskredet")
    NOT_REVIEWED = "not_reviewed", _("Ikke vurderet")


class QualityReview(models.Model):
    """A municipality's follow-up (tilsyn) on one institution against its quality standards.

    The latest review per institution and municipality gives the catalogue's quality status;
    when its ``next_review_due`` has passed, the status is "overdue" and the periodic job
    ``quality_reviews_remind_overdue`` reminds the municipality's managers once
    (``overdue_notified_at`` is the claim that makes the job safe to run twice).
    """

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="quality_reviews",
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="quality_reviews",
    )
    review_date = models.DateField(_("dato for opfølgning"), default=timezone.localdate)
    result = models.CharField(_("samlet resultat"), max_length=10, choices=ReviewResult.choices)
    notes = models.TextField(_("bemærkninger"), blank=True)
    next_review_due = models.DateField(_("næste opfølgning senest"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    overdue_notified_at = models.DateTimeField(
        _("påmindelse om overskredet opfølgning sendt"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kvalitetsopfølgning")
        verbose_name_plural = _("kvalitetsopfølgninger")
        ordering = ["-review_date", "-id"]
        indexes = [
            models.Index(
                fields=["institution", "municipality", "-review_date"], name="qreview_latest"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=models.F("review_date")),
                name="qreview_next_after_review",
                violation_error_message=_("Næste opfølgning skal ligge efter denne opfølgning."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} – {short_date(self.review_date)} ({self.get_result_display()})"

    @property
    def is_overdue(self) -> bool:
        return self.next_review_due < timezone.localdate()

    def clean(self):
        if self.review_date and self.next_review_due and self.next_review_due <= self.review_date:
            raise ValidationError(
                {"next_review_due": _("Næste opfølgning skal ligge efter denne opfølgning.")}
            )


class QualityReviewItem(models.Model):
    """The result of a review for one of the municipality's standards."""

    review = models.ForeignKey(
        QualityReview, verbose_name=_("opfølgning"), on_delete=models.CASCADE, related_name="items"
    )
    standard = models.ForeignKey(
        QualityStandard,
        verbose_name=_("kvalitetsstandard"),
        on_delete=models.PROTECT,
        related_name="review_items",
    )
    result = models.CharField(_("resultat"), max_length=10, choices=ReviewResult.choices)
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        verbose_name = _("resultat for standard")
        verbose_name_plural = _("resultater for standarder")
        ordering = ["standard__area", "standard__title"]
        constraints = [
            models.UniqueConstraint(fields=["review", "standard"], name="unique_review_standard")
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_result_display()}"

    def clean(self):
        if (
            self.review_id
            and self.standard_id
            and self.standard.municipality_id != self.review.municipality_id
        ):
            raise ValidationError(
                {"standard": _("Standarden hører til en anden kommune end opfølgningen.")}
            )


# ---------------------------------------------------------------- quality agreements
class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("Kvalitetsaftale")
    FRAMEWORK = "framework", _("Rammeaftale efter offentligt udbud")
    SINGLE_PURCHASE = "single_purchase", _("Enkeltkøb")


class ReportingFrequency(models.IntegerChoices):
    """How often the institution reports absence: the length of a reporting period in months."""

    MONTHLY = 1, _("Månedligt")
    QUARTERLY = 3, _("Kvartalsvis")


DEFAULT_REPORTING_FREQUENCY = ReportingFrequency.MONTHLY
DEFAULT_REPORT_DEADLINE_DAYS = 10
DEFAULT_REPORT_GRACE_DAYS = 14


class QualityAgreement(models.Model):
    """Kvalitetsaftale (before 2023: overenskomst) between municipalities and an institution.

    The STU rules require no attendance registration, so the institution's duty to report
    absence (how often, by when) comes from here: a reporting period is a calendar month or
    quarter (``reporting_frequency``); the report is due ``report_deadline_days`` after the
    period ends; ``grace_days`` after that deadline a missing report raises a flag.

    Several municipalities can share one agreement (a framework from a joint public tender).
    Which agreement applies to an enrolment on a day: the one valid that day for the young
    person's municipality and the institution; admin validation prevents two from overlapping.
    Without one, the municipality's defaults apply (monthly; see ``students.AbsenceRule``).
    """

    kind = models.CharField(
        _("type"), max_length=20, choices=AgreementKind.choices, default=AgreementKind.AGREEMENT
    )
    title = models.CharField(_("titel"), max_length=200)
    tender_reference = models.CharField(
        _("udbudsreference"),
        max_length=100,
        blank=True,
        help_text=_("Fx udbudsbekendtgørelsens nummer. Skal udfyldes for en rammeaftale."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    municipalities = models.ManyToManyField(
        "accounts.Municipality",
        verbose_name=_("kommuner"),
        related_name="quality_agreements",
        help_text=_("Flere kommuner kan dele en aftale, fx efter et fælles udbud."),
    )
    valid_from = models.DateField(_("gælder fra"))
    valid_to = models.DateField(
        _("gælder til og med"), null=True, blank=True, help_text=_("Tom: gælder indtil videre.")
    )
    price_per_year = models.DecimalField(
        _("aftalt pris pr. elev pr. år (kr.)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    division_of_tasks = models.TextField(
        _("opgavefordeling"),
        blank=True,
        help_text=_("Hvad institutionen, UU, jobcentret og forvaltningen hver især gør."),
    )
    quality_parameters = models.TextField(_("kvalitetsparametre"), blank=True)
    reporting_frequency = models.PositiveSmallIntegerField(
        _("fraværsindberetning"),
        choices=ReportingFrequency.choices,
        default=DEFAULT_REPORTING_FREQUENCY,
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("frist (dage efter periodens udløb)"), default=DEFAULT_REPORT_DEADLINE_DAYS
    )
    grace_days = models.PositiveSmallIntegerField(
        _("dage efter fristen før flag for manglende indberetning"),
        default=DEFAULT_REPORT_GRACE_DAYS,
    )
    pause_activity_requirement = models.TextField(
        _("krav om aktivitet under pause/orlov"),
        blank=True,
        help_text=_("En pause skal være en pause til noget: hvem holder kontakten, og hvordan?"),
    )
    other_process_requirements = models.TextField(
        _("øvrige proceskrav"),
        blank=True,
        help_text=_("Fx ved frafald og udslusning, herunder inddragelse af jobcentret."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kvalitetsaftale")
        verbose_name_plural = _("kvalitetsaftaler")
        ordering = ["-valid_from", "title"]
        indexes = [models.Index(fields=["institution", "valid_from"], name="agreement_inst_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agreement_valid_to_after_from",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="framework") | ~Q(tender_reference=""),
                name="framework_has_tender_reference",
                violation_error_message=_(
                    "En rammeaftale efter udbud skal have en udbudsreference."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.institution})"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Slutdatoen ligger før startdatoen.")
        if self.kind == AgreementKind.FRAMEWORK and not self.tender_reference.strip():
            errors["tender_reference"] = _(
                "En rammeaftale efter udbud skal have en udbudsreference."
            )
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------- internship places
class Trade(models.TextChoices):
    """Fag/brancher an internship place offers and a young person may wish for."""

    KITCHEN = "kitchen", _("Køkken og kantine")
    CAFE = "cafe", _("Café, hotel og restaurant")
    CLEANING = "cleaning", _("Rengøring og service")
    RETAIL = "retail", _("Butik og detailhandel")
    WAREHOUSE = "warehouse", _("Lager og logistik")
    GARDENING = "gardening", _("Gartneri og grønne områder")
    ANIMALS = "animals", _("Landbrug og dyr")
    WORKSHOP = "workshop", _("Værksted: træ og metal")
    VEHICLES = "vehicles", _("Auto, cykel og maskiner")
    CONSTRUCTION = "construction", _("Byggeri og vedligehold")
    OFFICE = "office", _("Kontor og administration")
    IT = "it", _("IT og medier")
    CHILDCARE = "childcare", _("Børn og pædagogik")
    CARE = "care", _("Pleje og ældre")
    CREATIVE = "creative", _("Kreativt håndværk")


class Accommodation(models.TextChoices):
    """Hensyn an internship place can offer and a young person may need."""

    QUIET = "quiet", _("Rolig arbejdsplads")
    SHORT_DAYS = "short_days", _("Korte dage")
    MENTOR = "mentor", _("Mentor på arbejdspladsen")
    PHYSICAL = "physical", _("Fysiske tilpasninger")
    ROUTINES = "routines", _("Faste rutiner og tydelig struktur")
    VISUAL = "visual", _("Visuelle instruktioner")
    SMALL_TEAM = "small_team", _("Arbejde alene eller i et lille team")
    BREAKS = "breaks", _("Fleksible pauser")
    TRANSPORT = "transport", _("Tæt på offentlig transport")


class InternshipPlace(models.Model):
    """A workplace that takes STU students in internship (praktiksted).

    Kept by the institution's internship consultant; seen by the institution's own staff and,
    when ``shared_with_jobcenter`` is set, by the municipal team (jobcenter, UU …) of the
    municipalities working with the institution (see ``stu_case.permissions``). Deactivated,
    never deleted: internships refer to it.
    """

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="internship_places",
    )
    company_name = models.CharField(_("virksomhed"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    trades = ArrayField(
        models.CharField(max_length=20, choices=Trade.choices),
        verbose_name=_("fag og brancher"),
        default=list,
        blank=True,
    )
    accommodations = ArrayField(
        models.CharField(max_length=20, choices=Accommodation.choices),
        verbose_name=_("hensyn, stedet kan tage"),
        default=list,
        blank=True,
    )
    description = models.TextField(
        _("beskrivelse"),
        blank=True,
        help_text=_("Arbejdsopgaver, arbejdstider og hvad eleven kan lære her."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("antal pladser"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Hvor mange elever stedet kan have i praktik på samme tid."),
    )
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Et inaktivt praktiksted vises ikke i matchningen.")
    )
    shared_with_jobcenter = models.BooleanField(
        _("delt med jobcentrets netværk"),
        default=False,
        help_text=_(
            "Delte praktiksteder kan ses af jobcenter og UU i de kommuner, "
            "institutionen samarbejder med."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("praktiksted")
        verbose_name_plural = _("praktiksteder")
        ordering = ["company_name", "pk"]
        indexes = [
            models.Index(fields=["institution", "is_active"], name="iplace_inst_active"),
            models.Index(fields=["shared_with_jobcenter", "is_active"], name="iplace_shared"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="iplace_capacity_positive")
        ]

    def __str__(self) -> str:
        return self.company_name

    @property
    def trade_labels(self) -> list[str]:
        return [str(Trade(t).label) for t in self.trades if t in Trade.values]

    @property
    def accommodation_labels(self) -> list[str]:
        return [
            str(Accommodation(a).label) for a in self.accommodations if a in Accommodation.values
        ]
