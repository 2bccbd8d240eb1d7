"""The spine: the young person, relatives and consent, THE one education plan, enrolments, flags."""

from __future__ import annotations

from datetime import date, timedelta

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from . import cpr as cprlib

ENROLMENT_YEARS = 3
CLARIFICATION_MAX_WEEKS = 12
MIN_HOURS_PER_YEAR = 840
COMPLETION_LIMIT_YEARS = 5
AGE_LIMIT_YEARS = 25


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


class PersonStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Forventet STU-kandidat")
    CLARIFICATION = "clarification", _("Afklaring")
    RECOMMENDED = "recommended", _("Indstillet")
    DECIDED = "decided", _("Visiteret")
    ENROLLED = "enrolled", _("I STU-forløb")
    PAUSED = "paused", _("Pause/orlov")
    COMPLETED = "completed", _("Afsluttet")
    DROPPED_OUT = "dropped_out", _("Afbrudt")
    FOLLOWED_UP = "followed_up", _("Fulgt op efter STU")
    REFUSED = "refused", _("Afslag")


class HousingSituation(models.TextChoices):
    PARENTS = "parents", _("Bor hos forældre")
    OWN = "own", _("Egen bolig")
    SUPPORTED = "supported", _("Egen bolig med bostøtte")
    BOTILBUD = "botilbud", _("Botilbud")
    FOSTER = "foster", _("Plejefamilie/opholdssted")
    OTHER = "other", _("Andet")


@pghistory.track(exclude=["cpr", "cpr_hash"])
class YoungPerson(models.Model):
    """Den unge: one shared record for UU, jobcenter and the administration."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="young_people",
    )
    cpr = EncryptedCharField(_("CPR-nummer"), max_length=10)
    cpr_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PersonStatus.choices, default=PersonStatus.CANDIDATE
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        help_text=_("Den faste kontaktperson i kommunen (én ad gangen)."),
    )
    school = models.CharField(_("nuværende skole"), max_length=200, blank=True)
    housing_situation = models.CharField(
        _("boligsituation"), max_length=20, choices=HousingSituation.choices, blank=True
    )
    social_notes = models.TextField(
        _("sociale notater"),
        blank=True,
        help_text=_("Fortrolige oplysninger fra forvaltningen. Vises aldrig for institutioner."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("ung")
        verbose_name_plural = _("unge")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="person_muni_status"),
            models.Index(fields=["last_name", "first_name"], name="person_name"),
        ]
        permissions = [
            ("view_sensitive_youngperson", _("Kan se CPR-nummer og sociale notater")),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def cpr_masked(self) -> str:
        return cprlib.mask(self.cpr)

    def age_on(self, day: date | None = None) -> int:
        day = day or timezone.localdate()
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def age(self) -> int:
        return self.age_on()

    @property
    def is_adult(self) -> bool:
        return self.age >= 18

    @property
    def turns_25_on(self) -> date:
        """The day ``age_on`` first gives 25: born on 29 February, that is 1 March in a year
        without one (``add_years`` would give 28 February, when the age is still 24)."""
        day = add_years(self.birth_date, AGE_LIMIT_YEARS)
        if day.day != self.birth_date.day:
            day += timedelta(days=1)
        return day

    def set_cpr(self, value: str) -> None:
        compact = cprlib.validate(value)
        self.cpr = compact
        self.cpr_hash = cprlib.keyed_hash(compact)
        self.birth_date = cprlib.birth_date(compact)

    def clean(self):
        super().clean()
        if self.cpr:
            try:
                self.set_cpr(self.cpr)
            except ValidationError as exc:
                raise ValidationError({"cpr": exc.messages}) from exc


class Involvement(models.TextChoices):
    RESOURCE = "resource", _("Ressource for den unge")
    NEEDS_SUPPORT = "needs_support", _("Har selv brug for støtte")
    NOT_INVOLVED = "not_involved", _("Inddrages ikke")


class Relation(models.TextChoices):
    MOTHER = "mother", _("Mor")
    FATHER = "father", _("Far")
    PARENT = "parent", _("Forælder")
    GUARDIAN = "guardian", _("Værge")
    SIBLING = "sibling", _("Søskende")
    FOSTER = "foster", _("Plejeforælder")
    OTHER = "other", _("Anden pårørende")


PARENT_RELATIONS = (Relation.MOTHER, Relation.FATHER, Relation.PARENT, Relation.FOSTER)


class Representation(models.TextChoices):
    NONE = "", _("Ingen")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Fuldmagt")
    PARTY_REPRESENTATIVE = "party_representative", _("Partsrepræsentant")
    LEGAL_GUARDIAN = "legal_guardian", _("Værge")
    BISIDDER = "bisidder", _("Bisidder")


@pghistory.track()
class Relative(models.Model):
    """Pårørende, with how they are involved."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="relatives"
    )
    name = models.CharField(_("navn"), max_length=200)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    involvement = models.CharField(
        _("inddragelse"), max_length=20, choices=Involvement.choices, default=Involvement.RESOURCE
    )
    has_custody = models.BooleanField(_("har forældremyndighed"), default=False)
    representation = models.CharField(
        _("repræsenterer den unge som"),
        max_length=30,
        choices=Representation.choices,
        blank=True,
        default="",
    )
    notes = models.TextField(_("noter"), blank=True)

    class Meta:
        verbose_name = _("pårørende")
        verbose_name_plural = _("pårørende")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"

    @property
    def is_parent(self) -> bool:
        return self.relation in PARENT_RELATIONS


@pghistory.track()
class ParentalConsent(models.Model):
    """A young person over 18 decides whether parents are involved; recorded with scope and date."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="consents"
    )
    involve_parents = models.BooleanField(
        _("forældre må inddrages"),
        help_text=_("Den unges eget valg om, hvorvidt forældrene inddrages i forløbet."),
    )
    scope = models.TextField(
        _("omfang"),
        blank=True,
        help_text=_("Fx 'deltage i planmøder', 'modtage kopi af afgørelser'."),
    )
    given_on = models.DateField(_("givet den"), default=timezone.localdate)
    withdrawn_on = models.DateField(_("trukket tilbage den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samtykke om forældreinddragelse")
        verbose_name_plural = _("samtykker om forældreinddragelse")
        ordering = ["-given_on", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_active_parental_consent",
                violation_error_message=_("Der er allerede et gældende samtykke."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.involve_parents}"


class MentorKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    SUPPORT_CONTACT = "support_contact", _("Støttekontaktperson")
    CONTACT_TEACHER = "contact_teacher", _("Kontaktlærer på institutionen")


@pghistory.track()
class MentorAssignment(models.Model):
    """Mentor or støttekontaktperson for a young person, with dates."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="mentors"
    )
    kind = models.CharField(_("type"), max_length=20, choices=MentorKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    start_date = models.DateField(_("startdato"), default=timezone.localdate)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor/støttekontaktperson")
        verbose_name_plural = _("mentorer/støttekontaktpersoner")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})


@pghistory.track()
class EducationPlan(models.Model):
    """THE one plan (uddannelsesplan/forløbsplan) carrying goals from every agency.

    Sections follow the ministry's forløbsplan template (DOMAIN.md). ``version`` is the
    optimistic lock: a save with a stale version is refused, never silently overwritten.
    """

    person = models.OneToOneField(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="plan"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    activities = models.TextField(
        _("Oversigt over aktiviteter, herunder praktik"),
        blank=True,
        help_text=_("Skoleperioder, værkstedsforløb og praktikker med periode og sted."),
    )
    general_part = models.TextField(
        _("Almendannende del"),
        blank=True,
        help_text=_("Personlig og social udvikling kombineret med samfundsfag."),
    )
    specific_part = models.TextField(
        _("Specifik del"),
        blank=True,
        help_text=_("Målrettede færdigheder, arbejdsrettet træning, særlige interesser."),
    )
    pedagogical_goals = models.TextField(_("Pædagogisk mål for hvert element"), blank=True)
    transition_documentation = models.TextField(
        _("Dokumentation af afklarende aktiviteter"),
        blank=True,
        help_text=_("Løbende dokumentation af aktiviteter, der afklarer overgangen efter STU."),
    )
    young_person_words = models.TextField(
        _("Den unges egne ønsker og ord"),
        blank=True,
        help_text=_("Skriv med den unges egne ord."),
    )
    relatives_input = models.TextField(_("Pårørendes input"), blank=True)
    functional_description = models.TextField(
        _("Funktionsbeskrivelse til jobcentret"),
        blank=True,
        help_text=_(
            "Evner, begrænsninger og den støtte, den unge har brug for ved konkrete opgaver."
        ),
    )
    next_revision_due = models.DateField(
        _("næste revision senest"),
        help_text=_("Planen justeres efter behov og mindst én gang om året."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    SECTION_FIELDS = (
        "activities",
        "general_part",
        "specific_part",
        "pedagogical_goals",
        "transition_documentation",
        "young_person_words",
        "relatives_input",
        "functional_description",
    )

    class Meta:
        verbose_name = _("uddannelsesplan")
        verbose_name_plural = _("uddannelsesplaner")

    def __str__(self) -> str:
        return str(_("Uddannelsesplan for %(name)s") % {"name": self.person})

    @property
    def revision_overdue(self) -> bool:
        return self.next_revision_due < timezone.localdate()


class Agency(models.TextChoices):
    UU = "uu", _("UU/KUI")
    JOBCENTER = "jobcenter", _("Jobcenter")
    FORVALTNING = "forvaltning", _("Social-/handicapforvaltning")
    INSTITUTION = "institution", _("STU-institution")
    YOUNG_PERSON = "young_person", _("Den unge selv")


AGENCY_ORDER = [a.value for a in Agency]


class SourcePlan(models.TextChoices):
    EDUCATION_PLAN = "education_plan", _("Uddannelsesplan (KUI)")
    COURSE_PLAN = "course_plan", _("Forløbsplan (STU)")
    SOCIAL_ACTION_PLAN = "social_action_plan", _("Handleplan (serviceloven)")
    JOB_PLAN = "job_plan", _("Jobplan")
    TEACHING_PLAN = "teaching_plan", _("Institutionens undervisningsplan")
    OWN_WISH = "own_wish", _("Den unges eget ønske")


class GoalArea(models.TextChoices):
    PERSONAL_SOCIAL = "personal_social", _("Personlig og social udvikling")
    ACADEMIC = "academic", _("Faglige færdigheder")
    WORK = "work", _("Arbejde og praktik")
    INDEPENDENCE = "independence", _("Selvstændighed og bolig")
    HEALTH = "health", _("Sundhed og trivsel")
    LEISURE = "leisure", _("Fritid og netværk")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke påbegyndt")
    IN_PROGRESS = "in_progress", _("I gang")
    ACHIEVED = "achieved", _("Nået")
    ADJUSTED = "adjusted", _("Justeret")
    DROPPED = "dropped", _("Opgivet")


@pghistory.track()
class PlanGoal(models.Model):
    """A progression goal; owned by one agency, traced to the plan it came from."""

    plan = models.ForeignKey(
        EducationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    area = models.CharField(_("område"), max_length=20, choices=GoalArea.choices)
    owning_agency = models.CharField(_("ansvarlig instans"), max_length=20, choices=Agency.choices)
    source_plan = models.CharField(_("kilde"), max_length=30, choices=SourcePlan.choices)
    source_reference = models.CharField(_("reference i kildeplanen"), max_length=200, blank=True)
    description = models.TextField(_("mål"))
    success_criterion = models.TextField(_("succeskriterium"))
    target_date = models.DateField(_("måldato"))
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["target_date", "id"]

    def __str__(self) -> str:
        return self.description[:80]


@pghistory.track()
class GoalProgressNote(models.Model):
    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="notes"
    )
    noted_on = models.DateField(_("dato"), default=timezone.localdate)
    text = models.TextField(_("notat"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statusnotat")
        verbose_name_plural = _("statusnotater")
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.noted_on}: {self.text[:60]}"


class PlanRevision(models.Model):
    """An immutable snapshot of plan + goals (database trigger forbids update and delete)."""

    plan = models.ForeignKey(
        EducationPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("nummer"))
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revideret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("årsag"), max_length=300)
    justification = models.TextField(_("faglig begrundelse"), blank=True)
    young_person_took_part = models.BooleanField(_("den unge deltog"), default=False)
    relatives_took_part = models.BooleanField(_("pårørende deltog"), default=False)
    institution_took_part = models.BooleanField(_("institutionen deltog"), default=False)
    other_participants = models.CharField(_("andre deltagere"), max_length=300, blank=True)
    snapshot = models.JSONField(_("indhold"), editable=False)

    class Meta:
        verbose_name = _("planrevision")
        verbose_name_plural = _("planrevisioner")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_revision_number")
        ]
        triggers = [
            pgtrigger.Protect(name="immutable", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – revision {self.number}"


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Aktivt")
    PAUSED = "paused", _("Pause/orlov")
    COMPLETED = "completed", _("Gennemført")
    DROPPED_OUT = "dropped_out", _("Afbrudt")
    TRANSFERRED = "transferred", _("Skiftet institution")


OPEN_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED)


@pghistory.track()
class Enrolment(models.Model):
    """STU-forløb at one institution. 3 years planned, a clarification phase of up to 12 weeks."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.PROTECT, related_name="enrolments"
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    start_date = models.DateField(_("startdato"))
    planned_end_date = models.DateField(_("planlagt slutdato"))
    clarification_end_date = models.DateField(
        _("afklaringsforløb slutter"),
        help_text=_("Afklaringsforløbet varer højst 12 uger."),
    )
    hours_per_year = models.PositiveIntegerField(
        _("timer pr. år"),
        default=MIN_HOURS_PER_YEAR,
        validators=[MinValueValidator(MIN_HOURS_PER_YEAR)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    end_reason = models.CharField(_("årsag til afslutning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("STU-forløb")
        verbose_name_plural = _("STU-forløb")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["active", "paused"]),
                name="one_open_enrolment_per_person",
                violation_error_message=_("Den unge har allerede et aktivt STU-forløb."),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=models.F("start_date")),
                name="enrolment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(clarification_end_date__gte=models.F("start_date")),
                name="enrolment_clarification_after_start",
            ),
        ]
        indexes = [models.Index(fields=["institution", "status"], name="enrolment_inst_status")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.institution} ({self.start_date:%d.%m.%Y})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ENROLMENT_STATUSES

    @property
    def completion_deadline(self) -> date:
        """STU must be completed within 5 years of its start."""
        return add_years(self.start_date, COMPLETION_LIMIT_YEARS)

    @property
    def final_year_start(self) -> date:
        """The final 12 months begin here: the jobcenter turns from follower into planner."""
        return add_years(self.planned_end_date, -1)

    def in_final_year_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.is_open and self.final_year_start <= day

    @property
    def in_final_year(self) -> bool:
        return self.in_final_year_on()

    @property
    def in_clarification(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today <= self.clarification_end_date

    def clean(self):
        errors = {}
        if self.start_date and self.clarification_end_date:
            if self.clarification_end_date > self.start_date + timedelta(
                weeks=CLARIFICATION_MAX_WEEKS
            ):
                errors["clarification_end_date"] = _(
                    "Afklaringsforløbet må højst vare 12 uger fra startdatoen."
                )
            if self.clarification_end_date < self.start_date:
                errors["clarification_end_date"] = _(
                    "Afklaringsforløbet kan ikke slutte før start."
                )
        if self.start_date and self.planned_end_date and self.planned_end_date <= self.start_date:
            errors["planned_end_date"] = _("Den planlagte slutdato skal ligge efter startdatoen.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatoen kan ikke ligge før startdatoen.")
        if errors:
            raise ValidationError(errors)


class FlagKind(models.TextChoices):
    RISING_ABSENCE = "rising_absence", _("Stigende fravær")
    MISSING_ABSENCE_REPORT = "missing_absence_report", _("Manglende fraværsindberetning")
    PLAN_REVISION_DUE = "plan_revision_due", _("Planen skal revideres")
    FINAL_YEAR = "final_year", _("Sidste år af STU begynder")
    PAUSE_WITHOUT_ACTIVITY = "pause_without_activity", _("Pause uden planlagt aktivitet")
    PAUSE_RETURN_OVERDUE = "pause_return_overdue", _("Pausens slutdato er overskredet")
    HOUSING_MOVE_DUE = "housing_move_due", _("Boligskift ikke planlagt i tide")
    END_CONVERSATION_MISSING = "end_conversation_missing", _("Afslutningssamtale ikke planlagt")
    ACTION_OVERDUE = "action_overdue", _("Opgave fra statusmøde er overskredet")
    OTHER = "other", _("Andet")


class Severity(models.TextChoices):
    INFO = "info", _("Til orientering")
    WARNING = "warning", _("Kræver opmærksomhed")
    CRITICAL = "critical", _("Kritisk")


SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


@pghistory.track()
class Flag(models.Model):
    """Something the team must look at. At most one open flag per person and kind."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("type"), max_length=40, choices=FlagKind.choices)
    severity = models.CharField(
        _("alvor"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    details = models.TextField(_("detaljer"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    raised_at = models.DateTimeField(_("rejst"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kvitteret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledgement = models.TextField(_("hvad der gøres"), blank=True)
    resolved_at = models.DateTimeField(_("løst"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("løst af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("løsning"), blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flag")
        ordering = ["resolved_at", "-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_person_and_kind",
                violation_error_message=_("Der er allerede et åbent flag af denne type."),
            )
        ]
        indexes = [models.Index(fields=["person", "resolved_at"], name="flag_person_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


# Direct-foreign-key object permission tables for the person (django-guardian): much faster
# than the generic tables at scale, and scoping joins on a plain integer column.
class YoungPersonUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(YoungPerson, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("brugerrettighed til ung")
        verbose_name_plural = _("brugerrettigheder til unge")


class YoungPersonGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(YoungPerson, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("grupperettighed til ung")
        verbose_name_plural = _("grupperettigheder til unge")


# =====================================================================================
# Absence reporting and rising absence (issue 5).
# The institution reports absence per enrolment and reporting period (the period and its
# deadline come from the quality agreement, institutions.reporting); a periodic job applies
# the municipality's AbsenceRule and raises or resolves RISING_ABSENCE flags.
# Services: students/absence/services.py; the rule itself: students/absence/rule.py.
# =====================================================================================
class AbsenceRule(models.Model):
    """Thresholds for "rising absence", set per municipality by an administrator.

    For each open enrolment the reporting periods with planned hours > 0 are ordered by date;
    a period's *absence rate* is (legal + illegal absent hours) / planned hours and its
    *illegal rate* is illegal absent hours / planned hours. With the latest such period L:

    **Raise** a RISING_ABSENCE flag when
      (a) rate(L) ≥ ``min_rate_pct`` AND rate(L) ≥ mean(rate of the up to ``baseline_periods``
          reported periods before L) + ``min_rise_points``, where (a) needs at least
          ``min_baseline_periods`` earlier periods — with no history nothing can have risen,
          so in an enrolment's first period only (b) applies; OR
      (b) illegal rate(L) ≥ ``illegal_rate_pct``.

    **Resolve** the open flag by itself when the latest ``resolve_after_periods`` reported
    periods all have rate < ``min_rate_pct`` and illegal rate < ``illegal_rate_pct`` (absence
    has stayed below the threshold, not merely stopped rising).

    Edge cases: a period nobody reported is a gap, never a zero — the baseline is the earlier
    *reported* periods; a period with 0 planned hours (e.g. the summer holiday) is skipped;
    a corrected report counts with its corrected values (the job re-runs after a correction);
    a flag is raised at most once while open (database constraint), also when the job runs
    twice or concurrently. Without a row here the defaults below apply.
    """

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="absence_rule",
    )
    min_rate_pct = models.DecimalField(
        _("fraværsprocent mindst"),
        max_digits=5,
        decimal_places=2,
        default=15,
        validators=[MinValueValidator(0)],
        help_text=_("Fraværet i seneste periode skal være mindst så mange procent."),
    )
    min_rise_points = models.DecimalField(
        _("stigning mindst (procentpoint)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        validators=[MinValueValidator(0)],
        help_text=_("… og mindst så mange procentpoint over gennemsnittet af perioderne før."),
    )
    baseline_periods = models.PositiveSmallIntegerField(
        _("antal perioder i sammenligningsgrundlaget"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    min_baseline_periods = models.PositiveSmallIntegerField(
        _("mindst antal tidligere perioder for at vurdere en stigning"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    illegal_rate_pct = models.DecimalField(
        _("ulovligt fravær mindst (procent)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0)],
        help_text=_("Ulovligt fravær på mindst så mange procent giver altid et flag."),
    )
    resolve_after_periods = models.PositiveSmallIntegerField(
        _("løs flaget efter antal perioder under tærsklen"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    default_deadline_days = models.PositiveSmallIntegerField(
        _("standardfrist for indberetning (dage efter periodens udløb)"),
        default=10,
        help_text=_("Gælder, når der ikke er en kvalitetsaftale med institutionen."),
    )
    default_grace_days = models.PositiveSmallIntegerField(
        _("standard: dage efter fristen før flag for manglende indberetning"), default=14
    )
    reporting_required_from = models.DateField(
        _("indberetning påkrævet fra"),
        null=True,
        blank=True,
        help_text=_(
            "Perioder før denne dato giver ingen påmindelser eller flag for manglende "
            "indberetning (fx datoen, hvor kommunen tog systemet i brug)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regel for stigende fravær")
        verbose_name_plural = _("regler for stigende fravær")

    def __str__(self) -> str:
        return str(_("Fraværsregel for %(m)s") % {"m": self.municipality})

    @classmethod
    def defaults(cls) -> AbsenceRule:
        """An unsaved rule with the default thresholds."""
        return cls()


class AbsenceDateRange(models.Func):
    function = "DATERANGE"
    template = "%(function)s(%(expressions)s, '[]')"

    @property
    def output_field(self):
        from django.contrib.postgres.fields import DateRangeField

        return DateRangeField()


def _exclusion_overlapping_periods():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import RangeOperators

    return ExclusionConstraint(
        name="absence_no_overlapping_periods",
        expressions=[
            ("enrolment", RangeOperators.EQUAL),
            (AbsenceDateRange("period_start", "period_end"), RangeOperators.OVERLAPS),
        ],
        violation_error_message=_("Der er allerede indberettet fravær for en del af perioden."),
    )


@pghistory.track()
class AbsenceReport(models.Model):
    """Absence of one enrolment in one reporting period, as the institution reported it.

    A report is corrected (never re-submitted) through ``absence_report_correct``, which keeps
    the before/after, who and when in ``AbsenceReportCorrection``.
    """

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="absence_reports",
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    planned_hours = models.DecimalField(
        _("planlagte timer"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    absent_legal = models.DecimalField(
        _("lovligt fravær (timer)"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    absent_illegal = models.DecimalField(
        _("ulovligt fravær (timer)"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indberettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("indberettet"), default=timezone.now)
    corrected_at = models.DateTimeField(_("senest rettet"), null=True, blank=True)

    class Meta:
        verbose_name = _("fraværsindberetning")
        verbose_name_plural = _("fraværsindberetninger")
        ordering = ["enrolment", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "period_start"],
                name="one_absence_report_per_period",
                violation_error_message=_(
                    "Der er allerede indberettet fravær for perioden. Ret indberetningen i stedet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="absence_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__gte=0)
                & Q(absent_legal__gte=0)
                & Q(absent_illegal__gte=0),
                name="absence_hours_not_negative",
                violation_error_message=_("Timer kan ikke være negative."),
            ),
            models.CheckConstraint(
                condition=Q(
                    planned_hours__gte=models.F("absent_legal") + models.F("absent_illegal")
                ),
                name="absence_not_above_planned",
                violation_error_message=_("Fraværet kan ikke være større end de planlagte timer."),
            ),
            _exclusion_overlapping_periods(),
        ]
        indexes = [
            models.Index(fields=["period_start"], name="absence_period_start"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.period_start:%m.%Y}"

    @property
    def absent_hours(self):
        return (self.absent_legal or 0) + (self.absent_illegal or 0)

    @property
    def rate(self):
        """Absence in percent of planned hours; ``None`` when no hours were planned."""
        if not self.planned_hours:
            return None
        return self.absent_hours * 100 / self.planned_hours

    @property
    def illegal_rate(self):
        if not self.planned_hours:
            return None
        return self.absent_illegal * 100 / self.planned_hours

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Perioden slutter før den begynder.")
        for field in ("planned_hours", "absent_legal", "absent_illegal"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = _("Timer kan ikke være negative.")
        if (
            not errors
            and self.planned_hours is not None
            and self.absent_legal is not None
            and self.absent_illegal is not None
            and self.absent_legal + self.absent_illegal > self.planned_hours
        ):
            errors["absent_illegal"] = _(
                "Fraværet (%(absent)s timer) er større end de planlagte timer (%(planned)s)."
            ) % {
                "absent": _hours(self.absent_legal + self.absent_illegal),
                "planned": _hours(self.planned_hours),
            }
        if errors:
            raise ValidationError(errors)


def _hours(value) -> str:
    """Hours the Danish way: 12,5 (no trailing zeros)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class AbsenceReportCorrection(models.Model):
    """One correction of an absence report: who, when, why, and the values before and after.

    Immutable (a database trigger forbids update and delete).
    """

    report = models.ForeignKey(
        AbsenceReport,
        verbose_name=_("indberetning"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("rettet"), default=timezone.now)
    reason = models.CharField(_("årsag til rettelsen"), max_length=300)
    before = models.JSONField(_("før"))
    after = models.JSONField(_("efter"))

    class Meta:
        verbose_name = _("rettelse af fraværsindberetning")
        verbose_name_plural = _("rettelser af fraværsindberetninger")
        ordering = ["-corrected_at", "-id"]
        triggers = [
            pgtrigger.Protect(name="immutable", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.report} – {timezone.localtime(self.corrected_at):%d.%m.%Y %H:%M}"


class AbsenceReminder(models.Model):
    """A reminder sent to an institution's staff that reports for a period are overdue.

    One row per institution and period: the row is the claim that makes the reminder job
    safe to run twice or concurrently (a second run inserts nothing and sends nothing).
    """

    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="absence_reminders",
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    missing_count = models.PositiveIntegerField(_("manglende indberetninger"), default=0)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        verbose_name = _("påmindelse om fraværsindberetning")
        verbose_name_plural = _("påmindelser om fraværsindberetning")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "period_start", "period_end"],
                name="one_absence_reminder_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.period_start:%m.%Y}"
