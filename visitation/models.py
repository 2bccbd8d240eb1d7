"""Visitation: from the first clarification before STU to a justified decision.

Before STU: coordination with the primary school (``SchoolCoordination``), visits to
institutions (``InstitutionVisit``), an introduction course (``IntroCourse``) and the young
person's ranked wishes (``Wish``). Then UU's recommendation (``Recommendation`` with the
institutions offered, ``OfferedInstitution``), coordinated beforehand with the social
administration and the jobcenter (``SignOff``). The municipality's committee (``Committee``,
``CommitteeMember``) meets (``Meeting``) with an agenda (``AgendaItem``) of ready
recommendations; its members see the case material only while a case is on their agenda
(``CommitteeAccessGrant``). The ``Decision`` carries what forvaltningsloven requires, a
stored ``DecisionLetter`` (PDF) and can be appealed (``Appeal``) to Klagenævnet for
Specialundervisning, whose guidance text an administrator maintains (``AppealGuidance``).

Every model that belongs to a young person has a ``person`` foreign key, so its changes show
in the person's history (pghistory ``Events.references(person)``).
"""

from __future__ import annotations

from datetime import timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.accounts import roles

INTRO_COURSE_MAX_DAYS = 14
# The catalogue's rough sorting: the young person visits at least two different offers.
RECOMMENDED_MIN_VISITED = 2
# The first coordination meeting with the school about half a year before STU starts.
COORDINATION_LEAD_DAYS = 183
DEFAULT_ACCESS_DAYS = 14

# Roles whose staff may be voting members: the responsible administration(s) and the jobcenter.
ADMINISTRATION_ROLES = (roles.FORVALTNING, roles.VISITATION)
MEMBER_ROLES = (*ADMINISTRATION_ROLES, roles.JOBCENTER)


# ---------------------------------------------------------------- before STU
class Grade(models.TextChoices):
    GRADE_8 = "8", _("8. klasse")
    GRADE_9 = "9", _("9. klasse")
    GRADE_10 = "10", _("10. klasse")
    SPECIAL = "special", _("Specialklasse/specialskole (uden klassetrin)")
    OTHER = "other", _("Andet")


@pghistory.track()
class SchoolCoordination(models.Model):
    """An expected STU candidate registered early with the primary school (one per person)."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="school_coordination",
    )
    school = models.CharField(_("skole"), max_length=200)
    grade = models.CharField(_("klassetrin"), max_length=10, choices=Grade.choices)
    school_contact = models.CharField(
        _("kontaktperson på skolen"),
        max_length=200,
        blank=True,
        help_text=_("Fx klasselærer eller skolens UU-kontakt, med telefon eller e-mail."),
    )
    expected_start = models.DateField(
        _("forventet start på STU"),
        help_text=_("Hvornår den unge forventes at begynde på STU."),
    )
    first_meeting_on = models.DateField(
        _("første koordineringsmøde"),
        null=True,
        blank=True,
        help_text=_("Holdes ca. et halvt år før forventet start."),
    )
    meeting_held = models.BooleanField(_("mødet er holdt"), default=False)
    participants = models.CharField(_("deltagere"), max_length=300, blank=True)
    notes = models.TextField(
        _("aftaler og noter"),
        blank=True,
        help_text=_("Fx om den unge skal tilbydes 10. klasse eller efterskole før STU."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("koordinering med grundskolen")
        verbose_name_plural = _("koordineringer med grundskolen")
        ordering = ["expected_start"]

    def __str__(self) -> str:
        return f"{self.person} – {self.school}"

    @property
    def meeting_due_by(self):
        return self.expected_start - timedelta(days=COORDINATION_LEAD_DAYS)

    @property
    def meeting_late(self) -> bool:
        """No meeting held although we are within half a year of the expected start."""
        if self.meeting_held:
            return False
        if self.first_meeting_on:
            return self.first_meeting_on > self.meeting_due_by
        return timezone.localdate() >= self.meeting_due_by

    def clean(self):
        if self.meeting_held and not self.first_meeting_on:
            raise ValidationError(
                {"first_meeting_on": _("Skriv datoen for mødet, når det er holdt.")}
            )
        if (
            self.first_meeting_on
            and self.expected_start
            and self.first_meeting_on > self.expected_start
        ):
            raise ValidationError(
                {"first_meeting_on": _("Koordineringsmødet skal ligge før forventet start.")}
            )


@pghistory.track()
class InstitutionVisit(models.Model):
    """A visit to an institution during clarification, with impressions in their own words."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="institution_visits",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visited_on = models.DateField(_("besøgsdato"))
    young_person_present = models.BooleanField(_("den unge deltog"), default=True)
    relatives_present = models.CharField(
        _("pårørende, der deltog"),
        max_length=200,
        blank=True,
        help_text=_("Fx 'mor og far'. Lad feltet stå tomt, hvis ingen pårørende deltog."),
    )
    others_present = models.CharField(
        _("andre deltagere"),
        max_length=200,
        blank=True,
        help_text=_("Fx UU-vejleder eller støttekontaktperson."),
    )
    young_person_impressions = models.TextField(
        _("den unges indtryk"),
        blank=True,
        help_text=_("Skriv med den unges egne ord."),
    )
    relatives_impressions = models.TextField(_("pårørendes indtryk"), blank=True)
    counsellor_notes = models.TextField(_("vejlederens iagttagelser"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("institutionsbesøg")
        verbose_name_plural = _("institutionsbesøg")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.institution} {self.visited_on:%d.%m.%Y}"

    def clean(self):
        if not self.young_person_present and not self.relatives_present:
            raise ValidationError(_("Registrér hvem der var med: den unge og/eller pårørende."))


@pghistory.track()
class IntroCourse(models.Model):
    """An introduction course at an institution (up to about two weeks), with its evaluation."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="intro_courses",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"))
    young_person_evaluation = models.TextField(
        _("den unges evaluering"), blank=True, help_text=_("Skriv med den unges egne ord.")
    )
    institution_evaluation = models.TextField(_("institutionens evaluering"), blank=True)
    counsellor_evaluation = models.TextField(_("vejlederens vurdering"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("introforløb")
        verbose_name_plural = _("introforløb")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="intro_course_end_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_evaluated(self) -> bool:
        return bool(
            self.young_person_evaluation
            or self.institution_evaluation
            or self.counsellor_evaluation
        )

    def clean(self):
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})
            if self.days > INTRO_COURSE_MAX_DAYS:
                raise ValidationError(
                    {
                        "end_date": _(
                            "Et introforløb varer højst omkring to uger (%(max)s dage). "
                            "Et længere forløb er et STU-forløb og kræver en afgørelse."
                        )
                        % {"max": INTRO_COURSE_MAX_DAYS}
                    }
                )


@pghistory.track()
class Wish(models.Model):
    """The young person's ranked wishes among the catalogue's institutions (1 = first wish)."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="wishes",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveSmallIntegerField(_("prioritet"), validators=[MinValueValidator(1)])
    reason = models.TextField(
        _("hvorfor"), blank=True, help_text=_("Den unges egen begrundelse, med egne ord.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("ønske")
        verbose_name_plural = _("ønsker")
        ordering = ["person", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "institution"],
                name="one_wish_per_institution",
                violation_error_message=_("Institutionen står allerede på ønskelisten."),
            ),
            models.UniqueConstraint(fields=["person", "rank"], name="unique_wish_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.institution}"


# ---------------------------------------------------------------- the recommendation
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


# ---------------------------------------------------------------- committee and meetings
@pghistory.track()
class Committee(models.Model):
    """The municipality's visitation committee (visitationsudvalg)."""

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="visitation_committee",
    )
    name = models.CharField(_("navn"), max_length=200, default="Visitationsudvalget for STU")
    access_days_after_decision = models.PositiveSmallIntegerField(
        _("adgang efter afgørelsen (dage)"),
        default=DEFAULT_ACCESS_DAYS,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Udvalgets medlemmer ser sagens akter, mens sagen er på dagsordenen, og dette "
            "antal dage efter afgørelsen. Derefter fjernes adgangen automatisk."
        ),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("visitationsudvalg")
        verbose_name_plural = _("visitationsudvalg")
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    def composition_problems(self, members=None) -> list[str]:
        """Good administrative practice for the committee as a whole (empty list = fine)."""
        members = [
            m for m in (members if members is not None else self.members.all()) if m.is_active
        ]
        voting = [m for m in members if m.is_voting]
        problems = []
        if not any(m.represents in ADMINISTRATION_ROLES for m in voting):
            problems.append(
                _(
                    "Udvalget skal have mindst ét stemmeberettiget medlem fra den ansvarlige "
                    "forvaltning."
                )
            )
        if not any(m.represents == roles.JOBCENTER for m in voting):
            problems.append(
                _("Udvalget skal have mindst ét stemmeberettiget medlem fra jobcentret.")
            )
        return problems


class MemberKind(models.TextChoices):
    VOTING = "voting", _("Medlem med stemmeret")
    PRESENTER = "presenter", _("Fremlægger uden stemmeret (fx UU)")
    SECRETARY = "secretary", _("Sekretær uden stemmeret")


MEMBER_REPRESENTS = [
    (roles.FORVALTNING, _("Social-/handicapforvaltningen")),
    (roles.VISITATION, _("Børne- og ungeforvaltningen / visitationen")),
    (roles.JOBCENTER, _("Jobcentret")),
    (roles.UU, _("UU/KUI")),
]


@pghistory.track()
class CommitteeMember(models.Model):
    """A member of the committee. The rules follow good administrative practice (catalogue):

    * members come from the responsible administration(s) and the jobcenter;
    * UU recommends and so may only present, never vote;
    * institution staff (the supplier) can never be members (the committee buys).
    """

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    kind = models.CharField(
        _("rolle i udvalget"), max_length=20, choices=MemberKind.choices, default=MemberKind.VOTING
    )
    represents = models.CharField(_("repræsenterer"), max_length=20, choices=MEMBER_REPRESENTS)
    is_chair = models.BooleanField(_("formand"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("udvalgsmedlem")
        verbose_name_plural = _("udvalgsmedlemmer")
        ordering = ["-is_chair", "kind", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="unique_committee_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"

    @property
    def is_voting(self) -> bool:
        return self.kind == MemberKind.VOTING

    def clean(self):
        committee = getattr(self, "committee", None) if self.committee_id is None else None
        committee = committee or (self.committee if self.committee_id else None)
        if not self.user_id or committee is None:
            return
        user = self.user
        user_roles = set(
            user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)
        )
        if roles.INSTITUTION in user_roles or user.institution_memberships.exists():
            raise ValidationError(
                {
                    "user": _(
                        "%(user)s arbejder på en STU-institution og kan ikke være medlem af "
                        "visitationsudvalget. God forvaltningsskik: kommunen bestiller, "
                        "institutionen leverer – de to roller må ikke blandes."
                    )
                    % {"user": user}
                }
            )
        if user.municipality_id != committee.municipality_id:
            raise ValidationError(
                {"user": _("Medlemmer skal være ansat i %(m)s.") % {"m": committee.municipality}}
            )
        if self.represents and self.represents not in user_roles:
            raise ValidationError(
                {
                    "represents": _("%(user)s har ikke rollen '%(role)s'.")
                    % {"user": user, "role": roles.ROLE_LABELS.get(self.represents, "")}
                }
            )
        if self.kind == MemberKind.VOTING and self.represents not in MEMBER_ROLES:
            raise ValidationError(
                {
                    "kind": _(
                        "En UU-vejleder indstiller og kan kun deltage som fremlægger uden "
                        "stemmeret. Stemmeberettigede medlemmer kommer fra den ansvarlige "
                        "forvaltning og jobcentret (god forvaltningsskik: indstiller og "
                        "beslutningstager må ikke blandes)."
                    )
                }
            )


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


@pghistory.track()
class Meeting(models.Model):
    """A committee meeting with its agenda and minutes."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    location = models.CharField(_("sted"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("referat"), blank=True)
    attendees = models.CharField(
        _("deltagere"),
        max_length=500,
        blank=True,
        help_text=_("Hvem deltog i mødet (udfyldes med referatet)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("visitationsmøde")
        verbose_name_plural = _("visitationsmøder")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return str(_("Visitationsmøde %(when)s") % {"when": local.strftime("%d.%m.%Y %H:%M")})


@pghistory.track()
class AgendaItem(models.Model):
    """One recommendation on a meeting's agenda, presented by its UU caseworker."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="items"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("indstilling"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("punkt nr."))
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fremlægges af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    access_until = models.DateTimeField(
        _("udvalgets adgang til sagen ophører"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recommendation"], name="recommendation_once_per_meeting"
            ),
            models.UniqueConstraint(fields=["meeting", "position"], name="unique_agenda_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class CommitteeAccessGrant(models.Model):
    """Ledger of the per-user access a committee member got through an agenda item.

    The guardian permission is removed only when no other open grant for the same user and
    person remains, so two meetings with the same case do not take each other's access away.
    """

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("dagsordenspunkt"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "students.YoungPerson", verbose_name=_("ung"), on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(_("givet"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("fjernet"), null=True, blank=True)

    class Meta:
        verbose_name = _("udvalgsadgang")
        verbose_name_plural = _("udvalgsadgange")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_grant_per_item_and_user",
            )
        ]
        indexes = [models.Index(fields=["user", "person", "revoked_at"], name="grant_user_person")]

    def __str__(self) -> str:
        return f"{self.user} → {self.person}"


# ---------------------------------------------------------------- decisions
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
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("afgørelse")
        verbose_name_plural = _("afgørelser")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} – {self.person} ({self.decided_on:%d.%m.%Y})"

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


@pghistory.track(exclude=["pdf"])
class DecisionLetter(models.Model):
    """The decision letter as sent: the PDF bytes are stored with the text version."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("afgørelse"), on_delete=models.PROTECT, related_name="letters"
    )
    person = models.ForeignKey(
        "students.YoungPerson", verbose_name=_("ung"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    recipients = models.TextField(_("modtagere"))
    pdf = models.BinaryField(_("PDF"), editable=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dannet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("dannet"), auto_now_add=True)

    class Meta:
        verbose_name = _("afgørelsesbrev")
        verbose_name_plural = _("afgørelsesbreve")
        ordering = ["decision", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "version"], name="unique_letter_version")
        ]

    def __str__(self) -> str:
        return f"{self.decision} – brev v{self.version}"


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
