"""Visitation models: UU's recommendation to the committee.

The recommendation (``Recommendation``) with the institutions offered (``OfferedInstitution``)
and the young person's alternative proposal, coordinated beforehand with the social
administration and the jobcenter (``SignOff``).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Afventer forhåndskoordinering")
    READY = "ready", _("Klar til visitationsudvalget")
    ON_AGENDA = "on_agenda", _("På dagsorden")
    DECIDED = "decided", _("Afgjort")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


OPEN_RECOMMENDATION_STATUSES = (
    RecommendationStatus.DRAFT,
    RecommendationStatus.SUBMITTED,
    RecommendationStatus.READY,
    RecommendationStatus.ON_AGENDA,
)


EDITABLE_RECOMMENDATION_STATUSES = (
    RecommendationStatus.DRAFT,
    RecommendationStatus.SUBMITTED,
    RecommendationStatus.READY,
)


class AlternativeAnswer(models.TextChoices):
    NONE = "", _("Ingen alternativt forslag")
    PENDING = "pending", _("Ikke besvaret endnu")
    ACCEPTED = "accepted", _("Imødekommet")
    REFUSED = "refused", _("Ikke imødekommet")


@pghistory.track()
class Recommendation(models.Model):
    """UU's recommendation (indstilling) to the visitation committee.

    ``version`` goes up whenever the content changes after submission; a sign-off counts only
    for the version it was given on, so the committee never decides on unseen changes.
    """

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indstillet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_group_assessment = models.TextField(
        _("målgruppevurdering"),
        blank=True,
        help_text=_(
            "Hvorfor den unge hører til STU's målgruppe. Vurderingen er individuel og ikke "
            "diagnosebaseret."
        ),
    )
    other_options = models.TextField(
        _("andre uddannelsesmuligheder afprøvet eller overvejet"),
        blank=True,
        help_text=_(
            "Fx ordinær ungdomsuddannelse med specialpædagogisk støtte, FGU, 10. klasse eller "
            "efterskole – og hvorfor de ikke er tilstrækkelige."
        ),
    )
    offered_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("tilbudte institutioner"),
        through="OfferedInstitution",
        related_name="+",
        blank=True,
    )
    single_offer_reason = models.TextField(
        _("begrundelse for kun ét tilbud"),
        blank=True,
        help_text=_(
            "STU-loven § 2 a: kommunen skal normalt tilbyde et valg mellem flere institutioner. "
            "Udfyld kun, hvis der er et særligt specialiseret behov, som kun én institution "
            "kan dække."
        ),
    )
    proposed_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("indstillet institution"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Den institution, den unge har valgt blandt de tilbudte."),
    )
    proposed_start = models.DateField(_("foreslået start"), null=True, blank=True)
    young_person_view = models.TextField(
        _("den unges synspunkter"),
        blank=True,
        help_text=_("Hvad den unge selv mener – gerne med egne ord."),
    )
    young_person_heard_on = models.DateField(_("den unge hørt den"), null=True, blank=True)
    relatives_view = models.TextField(_("pårørendes synspunkter"), blank=True)
    relatives_heard_on = models.DateField(_("pårørende hørt den"), null=True, blank=True)
    relatives_not_heard_reason = models.CharField(
        _("hvorfor pårørende ikke er hørt"),
        max_length=300,
        blank=True,
        help_text=_("Fx 'Den unge er over 18 år og ønsker ikke forældrene inddraget'."),
    )
    alternative_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("den unges alternative forslag"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("STU-loven § 2 b: den unge kan selv foreslå en anden institution."),
    )
    alternative_proposal = models.TextField(_("den unges begrundelse for forslaget"), blank=True)
    alternative_answer = models.CharField(
        _("kommunens svar på forslaget"),
        max_length=10,
        choices=AlternativeAnswer.choices,
        blank=True,
        default="",
    )
    alternative_answer_reason = models.TextField(
        _("begrundelse for svaret"),
        blank=True,
        help_text=_(
            "Forslaget skal imødekommes, hvis institutionen er på samme visitationsniveau, "
            "herunder pris. Skriv hvorfor, hvis det ikke imødekommes."
        ),
    )
    alternative_answered_on = models.DateField(_("svaret den"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("indstilling")
        verbose_name_plural = _("indstillinger")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["draft", "submitted", "ready", "on_agenda"]),
                name="one_open_recommendation_per_person",
                violation_error_message=_("Den unge har allerede en åben indstilling."),
            )
        ]
        indexes = [models.Index(fields=["status"], name="recommendation_status")]

    def __str__(self) -> str:
        return str(_("Indstilling for %(name)s") % {"name": self.person})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_RECOMMENDATION_STATUSES

    def submission_problems(self, offered=None) -> list[str]:
        """What is missing before the recommendation can be sent to pre-coordination."""
        offered = list(offered if offered is not None else self.offered_institutions.all())
        problems = []
        if not self.target_group_assessment.strip():
            problems.append(_("Målgruppevurderingen mangler."))
        if not self.other_options.strip():
            problems.append(
                _("Beskriv hvilke andre uddannelsesmuligheder der er afprøvet eller overvejet.")
            )
        if not self.proposed_institution_id:
            problems.append(_("Vælg den indstillede institution."))
        if not self.proposed_start:
            problems.append(_("Skriv foreslået startdato."))
        if len(offered) < 2 and not self.single_offer_reason.strip():
            problems.append(
                _(
                    "Tilbyd den unge et valg mellem mindst to institutioner, eller begrund "
                    "hvorfor kun én institution er relevant (STU-loven § 2 a)."
                )
            )
        allowed = {i.pk for i in offered}
        if (
            self.alternative_answer == AlternativeAnswer.ACCEPTED
            and self.alternative_institution_id
        ):
            allowed.add(self.alternative_institution_id)
        if self.proposed_institution_id and offered and self.proposed_institution_id not in allowed:
            problems.append(
                _(
                    "Den indstillede institution skal være blandt de tilbudte eller den unges "
                    "imødekomne alternative forslag."
                )
            )
        if not self.young_person_view.strip() or not self.young_person_heard_on:
            problems.append(_("Skriv den unges synspunkter og hvornår den unge er hørt."))
        if not (self.relatives_view.strip() and self.relatives_heard_on) and not (
            self.relatives_not_heard_reason.strip()
        ):
            problems.append(
                _(
                    "Skriv de pårørendes synspunkter og hvornår de er hørt – eller hvorfor de "
                    "ikke er hørt."
                )
            )
        if self.alternative_institution_id and self.alternative_answer in (
            "",
            AlternativeAnswer.PENDING,
        ):
            problems.append(_("Den unges alternative forslag skal besvares, før der indstilles."))
        return problems

    def clean(self):
        errors = {}
        if self.alternative_institution_id:
            if self.alternative_answer in (AlternativeAnswer.ACCEPTED, AlternativeAnswer.REFUSED):
                if not self.alternative_answer_reason.strip():
                    errors["alternative_answer_reason"] = _(
                        "Skriv kommunens begrundelse for svaret på den unges forslag."
                    )
                if not self.alternative_answered_on:
                    errors["alternative_answered_on"] = _("Skriv hvornår forslaget er besvaret.")
        elif self.alternative_answer not in ("",):
            errors["alternative_institution"] = _(
                "Vælg den institution, den unge har foreslået, eller fjern svaret."
            )
        today = timezone.localdate()
        for field in ("young_person_heard_on", "relatives_heard_on", "alternative_answered_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("Datoen ligger i fremtiden.")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class OfferedInstitution(models.Model):
    """An institution the young person is offered to choose between (STU-loven § 2 a)."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("indstilling"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("tilbudt institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tilbudt institution")
        verbose_name_plural = _("tilbudte institutioner")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "institution"], name="unique_offered_institution"
            )
        ]

    def __str__(self) -> str:
        return str(self.institution)


class Agency(models.TextChoices):
    FORVALTNING = "forvaltning", _("Social-/handicapforvaltningen")
    JOBCENTER = "jobcenter", _("Jobcentret")


SIGN_OFF_ROLE = {Agency.FORVALTNING: roles.FORVALTNING, Agency.JOBCENTER: roles.JOBCENTER}


@pghistory.track()
class SignOff(models.Model):
    """Pre-coordination: the social administration and the jobcenter each agree or comment."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("indstilling"),
        on_delete=models.CASCADE,
        related_name="sign_offs",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    agency = models.CharField(_("instans"), max_length=20, choices=Agency.choices)
    recommendation_version = models.PositiveIntegerField(_("indstillingens version"))
    agrees = models.BooleanField(_("enig i indstillingen"))
    comment = models.TextField(_("bemærkning"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkendt af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("forhåndskoordinering")
        verbose_name_plural = _("forhåndskoordineringer")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "agency", "recommendation_version"],
                name="one_sign_off_per_agency_and_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()}: {self.recommendation}"

    def clean(self):
        if not self.agrees and not self.comment.strip():
            raise ValidationError(
                {"comment": _("Skriv hvad I er uenige i, så UU kan tilrette indstillingen.")}
            )
