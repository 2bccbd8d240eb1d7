"""The young person, relatives and parental consent, mentors, and the person's direct-FK
object permission tables (django-guardian)."""

from __future__ import annotations

from datetime import date

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from stu_case.calendar import anniversary, whole_years_between
from students.models import cpr as cprlib

AGE_LIMIT_YEARS = 25


class PersonStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Forventet STU-kandidat")
    CLARIFICATION = "clarification", _("Afklaring")
    RECOMMENDED = "recommended", _("Indstillet")
    DECIDED = "decided", _("Visiteret")
    ENROLLED = "enrolled", _("I STU-forløb")
    PAUSED = "paused", _("Pause/orlov")
    COMPLETED = "completed", _("Afsluttet")
    DROPPED_OUT = "dropped_out", _("Afbrudt")
    LEFT_FOR_EDUCATION = "left_for_education", _("Overgået til anden uddannelse")
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
    contact_person_since = models.DateField(_("kontaktperson siden"), null=True, blank=True)
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
        return whole_years_between(self.birth_date, day or timezone.localdate())

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
        return anniversary(self.birth_date, AGE_LIMIT_YEARS)

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
