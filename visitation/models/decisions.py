"""Visitation models: the committee's decision and what follows it.

The ``Decision`` carries what forvaltningsloven requires, its letter (``students.Letter``) and
can be appealed (``Appeal``) to Klagenævnet for Specialundervisning, whose guidance text an
administrator maintains (``AppealGuidance``).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date
from visitation.models.committee import AgendaItem
from visitation.models.recommendations import Recommendation


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Bevilget")
    REFUSED = "refused", _("Afslag")
    POSTPONED = "postponed", _("Udsat")
    OTHER_OFFER = "other_offer", _("Andet tilbud end STU")


DEFAULT_LEGAL_BASIS = (
    "Lov om ungdomsuddannelse for unge med særlige behov (STU-loven), jf. lovbekendtgørelse "
    "nr. 1077 af 11. august 2023, §§ 1, 2, 2 a og 2 b, samt forvaltningslovens §§ 19, 22, "
    "24 og 25."
)


@pghistory.track()
class Decision(models.Model):
    """The committee's decision (afgørelse) with the content forvaltningsloven requires."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("indstilling"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("dagsordenspunkt"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.PROTECT,
        related_name="visitation_decisions",
    )
    outcome = models.CharField(_("afgørelse"), max_length=20, choices=Outcome.choices)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    other_offer = models.TextField(
        _("andet tilbud"), blank=True, help_text=_("Fx FGU eller ordinær ungdomsuddannelse.")
    )
    legal_basis = models.TextField(_("retsgrundlag"), default=DEFAULT_LEGAL_BASIS)
    facts = models.TextField(
        _("faktiske oplysninger, der er lagt vægt på"),
        blank=True,
        help_text=_("Skal udfyldes, når afgørelsen ikke giver fuldt ud medhold."),
    )
    considerations = models.TextField(
        _("hovedhensyn i vurderingen"),
        blank=True,
        help_text=_("Skal udfyldes, når afgørelsen ikke giver fuldt ud medhold."),
    )
    justification = models.TextField(
        _("begrundelse"),
        blank=True,
        help_text=_(
            "Skal udfyldes, når afgørelsen ikke giver fuldt ud medhold (forvaltningsloven § 22)."
        ),
    )
    hearing_sent_on = models.DateField(
        _("partshøring sendt"),
        null=True,
        blank=True,
        help_text=_("Den unge/pårørende høres over sagens oplysninger, før der træffes afgørelse."),
    )
    hearing_answered_on = models.DateField(_("partshøring besvaret"), null=True, blank=True)
    hearing_answer = models.TextField(_("svar på partshøringen"), blank=True)
    decided_on = models.DateField(_("afgørelsesdato"))
    voters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stemmeberettigede medlemmer, der traf afgørelsen"),
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_on = models.DateField(_("meddelt den"), null=True, blank=True)
    appeal_guidance = models.TextField(_("klagevejledning"))
    appeal_deadline = models.DateField(_("klagefrist"), null=True, blank=True)
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    letter = models.ForeignKey(
        "students.Letter",
        verbose_name=_("afgørelsesbrev"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        help_text=_("Den seneste version af brevet (students.Letter)."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("afgørelse")
        verbose_name_plural = _("afgørelser")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} – {self.person} ({short_date(self.decided_on)})"

    @property
    def fully_granted(self) -> bool:
        """Granted at the institution the young person chose: no reasons needed (§ 22)."""
        return (
            self.outcome == Outcome.GRANTED
            and self.institution_id is not None
            and self.institution_id == self.recommendation.proposed_institution_id
        )

    def clean(self):
        errors: dict[str, str] = {}
        if self.outcome == Outcome.GRANTED:
            if not self.institution_id:
                errors["institution"] = _("Vælg institutionen, når STU bevilges.")
            if not self.start_date:
                errors["start_date"] = _("Skriv startdatoen, når STU bevilges.")
        elif self.outcome == Outcome.OTHER_OFFER and not self.other_offer.strip():
            errors["other_offer"] = _("Beskriv det tilbud, den unge får i stedet for STU.")
        if not self.legal_basis.strip():
            errors["legal_basis"] = _("Skriv retsgrundlaget.")
        if self.outcome and self.recommendation_id and not self.fully_granted:
            message = _(
                "Skal udfyldes: afgørelsen giver ikke fuldt ud medhold (forvaltningsloven § 22)."
            )
            for field in ("facts", "considerations", "justification"):
                if not getattr(self, field).strip():
                    errors[field] = message
            if self.outcome != Outcome.POSTPONED and not self.hearing_sent_on:
                errors["hearing_sent_on"] = _(
                    "Den unge skal partshøres, før der træffes en afgørelse, der ikke giver "
                    "fuldt ud medhold (forvaltningsloven § 19)."
                )
        if self.hearing_sent_on and self.decided_on and self.hearing_sent_on > self.decided_on:
            errors["hearing_sent_on"] = _("Partshøringen skal være sendt før afgørelsen.")
        if self.hearing_answered_on:
            if not self.hearing_sent_on:
                errors["hearing_sent_on"] = _("Skriv hvornår partshøringen blev sendt.")
            elif self.hearing_answered_on < self.hearing_sent_on:
                errors["hearing_answered_on"] = _("Svaret kan ikke komme før partshøringen.")
            if self.decided_on and self.hearing_answered_on > self.decided_on:
                errors["hearing_answered_on"] = _("Svaret skal være modtaget før afgørelsen.")
        if self.notified_on and self.decided_on and self.notified_on < self.decided_on:
            errors["notified_on"] = _("Afgørelsen kan ikke være meddelt før den er truffet.")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class AppealGuidance(models.Model):
    """Appeal guidance text and optional deadline, per municipality or global (no municipality).

    DOMAIN.md: the deadline for STU appeals is not settled in our sources, so it is data an
    administrator maintains rather than a constant.
    """

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="appeal_guidance",
        null=True,
        blank=True,
        help_text=_("Tom = fælles tekst for alle kommuner uden egen tekst."),
    )
    text = models.TextField(_("klagevejledning"))
    deadline_weeks = models.PositiveSmallIntegerField(
        _("klagefrist (uger)"),
        null=True,
        blank=True,
        help_text=_("Tom = ingen frist angives i brevet."),
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("klagevejledning")
        verbose_name_plural = _("klagevejledninger")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(municipality__isnull=True),
                name="one_global_appeal_guidance",
                violation_error_message=_("Der findes allerede en fælles klagevejledning."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or _("Fælles klagevejledning"))


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Verserer")
    UPHELD = "upheld", _("Stadfæstet")
    CHANGED = "changed", _("Ændret")
    SENT_BACK = "sent_back", _("Hjemvist")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


@pghistory.track()
class Appeal(models.Model):
    """An appeal to Klagenævnet for Specialundervisning, followed to its outcome."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("afgørelse"), on_delete=models.PROTECT, related_name="appeals"
    )
    person = models.ForeignKey(
        "students.YoungPerson", verbose_name=_("ung"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("klage modtaget"))
    grounds = models.TextField(_("hvad der klages over"))
    sent_to_board_on = models.DateField(_("sendt til klagenævnet"), null=True, blank=True)
    board_reference = models.CharField(_("klagenævnets sagsnummer"), max_length=50, blank=True)
    outcome = models.CharField(
        _("udfald"), max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    outcome_on = models.DateField(_("udfald den"), null=True, blank=True)
    outcome_notes = models.TextField(_("klagenævnets begrundelse og opfølgning"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.decision} – {self.get_outcome_display()}"

    def clean(self):
        errors = {}
        if self.outcome != AppealOutcome.PENDING and not self.outcome_on:
            errors["outcome_on"] = _("Skriv datoen for udfaldet.")
        if self.outcome == AppealOutcome.PENDING and self.outcome_on:
            errors["outcome"] = _("Vælg udfaldet, når der er en dato for det.")
        if self.sent_to_board_on and self.received_on and self.sent_to_board_on < self.received_on:
            errors["sent_to_board_on"] = _("Klagen kan ikke sendes videre, før den er modtaget.")
        if self.outcome_on and self.received_on and self.outcome_on < self.received_on:
            errors["outcome_on"] = _("Udfaldet kan ikke ligge før klagen er modtaget.")
        if errors:
            raise ValidationError(errors)
