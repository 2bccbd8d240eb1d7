"""Final year and exit: the road out of STU.

- ``ExitRule``: per-municipality thresholds an administrator edits (defaults without a row).
- ``JobcenterInvolvement``: the jobcenter contact for a young person, from quiet follower to
  active planner when the open enrolment enters its final 12 months.
- ``ExitTask``: the exit-planning checklist created at final-year activation.
- ``EndConversation``: the afslutningssamtale, at least one month before the planned end.
- ``ExitPlan``: expected destination, final internship, housing after STU, handover meeting
  with the jobcenter, the ressourcepapir (formerly kompetencepapir).
- ``FunctionalDescriptionTemplate`` (+ sections): what an administrator edits in the admin;
  ``FunctionalDescription``: the caseworker's filled-in copy, kept apart from the
  ressourcepapir; ``FunctionalDescriptionHandover``: the PDF handed to the jobcenter.
- ``FollowUp``: the actual destination 3 and 12 months after STU, feeding statistics.
"""

from __future__ import annotations

from datetime import date

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.calendar import add_months
from stu_case.formats import short_date

__all__ = [
    "Destination",
    "ExitRule",
    "InvolvementRole",
    "JobcenterInvolvement",
    "ExitTaskKind",
    "ExitAgency",
    "FollowUpPoint",
    "ExitTask",
    "EndConversation",
    "ExitPlan",
    "FunctionalDescriptionTemplate",
    "FunctionalDescriptionTemplateSection",
    "FunctionalDescription",
    "FunctionalDescriptionHandover",
    "FollowUp",
    "months_text",
]


def months_text(n: int) -> str:
    """ "én måned" / "3 måneder" (Danish, translatable)."""
    from django.utils.translation import ngettext

    return ngettext("én måned", "%(n)s måneder", n) % {"n": n}


class Destination(models.TextChoices):
    """Destinations after STU (DOMAIN.md), for exit plans and statistics."""

    ORDINARY_EDUCATION = "ordinary_education", _("Ordinær uddannelse")
    PREPARATORY_EDUCATION = "preparatory_education", _("FGU eller anden forberedende uddannelse")
    ORDINARY_EMPLOYMENT = "ordinary_employment", _("Ordinær beskæftigelse")
    FLEXJOB = "flexjob", _("Fleksjob")
    PROTECTED_EMPLOYMENT = "protected_employment", _("Beskyttet beskæftigelse (SEL § 103)")
    ACTIVITY_OFFER = "activity_offer", _("Aktivitets- og samværstilbud (SEL § 104)")
    RESOURCE_COURSE = "resource_course", _("Ressourceforløb")
    EARLY_RETIREMENT = "early_retirement", _("Førtidspension")
    OTHER = "other", _("Andet/ukendt")


class ExitRule(models.Model):
    """Final-year and exit thresholds for one municipality (without a row the defaults apply)."""

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="exit_rule",
    )
    end_conversation_months_before = models.PositiveSmallIntegerField(
        _("afslutningssamtale mindst antal måneder før slut"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    end_conversation_flag_days = models.PositiveSmallIntegerField(
        _("flag for manglende afslutningssamtale (dage før slut)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Når der er så få dage til forløbets planlagte afslutning, og der ikke er planlagt "
            "en afslutningssamtale i tide, rejses et flag."
        ),
    )
    task_lead_days = models.PositiveSmallIntegerField(
        _("opgaver i udslusningen: frist for første opgave (dage efter aktivering)"),
        default=60,
        validators=[MaxValueValidator(365)],
    )
    default_jobcenter_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fast jobcenterkontakt for STU"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Jobcentermedarbejderen, der bliver aktiv deltager i det sidste år. Tom: den "
            "jobcentermedarbejder i kommunen, der har færrest unge i sidste år."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regel for sidste år og udslusning")
        verbose_name_plural = _("regler for sidste år og udslusning")

    def __str__(self) -> str:
        return str(_("Udslusningsregel for %(m)s") % {"m": self.municipality})

    @classmethod
    def for_municipality(cls, municipality_id) -> ExitRule:
        rule = cls.objects.filter(municipality_id=municipality_id).first()
        return rule or cls(municipality_id=municipality_id)


class InvolvementRole(models.TextChoices):
    FOLLOWER = "follower", _("Følger forløbet")
    PLANNER = "planner", _("Aktiv deltager i udslusningen")


@pghistory.track()
class JobcenterInvolvement(models.Model):
    """The jobcenter's contact for one young person: follower, then planner in the final year."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="jobcenter_involvement",
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jobcenterkontakt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobcenter_involvements",
    )
    role = models.CharField(
        _("rolle"), max_length=20, choices=InvolvementRole.choices, default=InvolvementRole.FOLLOWER
    )
    activated_at = models.DateTimeField(_("aktiv deltager fra"), null=True, blank=True)
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb ved aktivering"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("jobcentrets deltagelse")
        verbose_name_plural = _("jobcentrets deltagelse")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"

    @property
    def is_planner(self) -> bool:
        return self.role == InvolvementRole.PLANNER


class ExitTaskKind(models.TextChoices):
    END_CONVERSATION = "end_conversation", _("Planlæg afslutningssamtalen")
    FINAL_INTERNSHIP = "final_internship", _("Afklar den afsluttende praktik")
    HOUSING = "housing", _("Afklar boligen efter STU")
    HANDOVER_MEETING = "handover_meeting", _("Hold overdragelsesmøde med jobcentret")
    RESSOURCEPAPIR = "ressourcepapir", _("Udarbejd ressourcepapiret")
    FUNCTIONAL_DESCRIPTION = (
        "functional_description",
        _("Udarbejd og overdrag funktionsbeskrivelse"),
    )
    OTHER = "other", _("Anden opgave")


class ExitAgency(models.TextChoices):
    UU = "uu", _("UU/KUI")
    JOBCENTER = "jobcenter", _("Jobcenter")
    FORVALTNING = "forvaltning", _("Social-/handicapforvaltning")
    INSTITUTION = "institution", _("STU-institution")


@pghistory.track()
class ExitTask(models.Model):
    """One action in the exit-planning checklist (what, who, when, done)."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="exit_tasks",
    )
    kind = models.CharField(_("opgave"), max_length=30, choices=ExitTaskKind.choices)
    title = models.CharField(_("beskrivelse"), max_length=200)
    agency = models.CharField(_("ansvarlig instans"), max_length=20, choices=ExitAgency.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exit_tasks",
    )
    due_date = models.DateField(_("frist"))
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("opgave i udslusningen")
        verbose_name_plural = _("opgaver i udslusningen")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=~Q(kind="other"),
                name="one_exit_task_per_person_and_kind",
                violation_error_message=_("Opgaven findes allerede for den unge."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()


@pghistory.track()
class EndConversation(models.Model):
    """The afslutningssamtale: held at least one month before the enrolment's planned end."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="end_conversation",
    )
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scheduled_on = models.DateField(_("dato for afslutningssamtalen"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    participants = models.TextField(
        _("deltagere"),
        blank=True,
        help_text=_("Fx den unge, pårørende, kontaktlærer, UU-vejleder og jobcentret."),
    )
    held = models.BooleanField(_("samtalen er holdt"), default=False)
    summary = models.TextField(_("referat"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("afslutningssamtale")
        verbose_name_plural = _("afslutningssamtaler")

    def __str__(self) -> str:
        return f"{self.person}: {short_date(self.scheduled_on)}"

    def latest_allowed(self, months_before: int = 1) -> date:
        return add_months(self.enrolment.planned_end_date, -months_before)

    def clean(self):
        if self.scheduled_on and self.enrolment_id:
            months = ExitRule.for_municipality(
                self.enrolment.person.municipality_id
            ).end_conversation_months_before
            latest = self.latest_allowed(months)
            if self.scheduled_on > latest:
                raise ValidationError(
                    {
                        "scheduled_on": _(
                            "Afslutningssamtalen skal holdes senest %(latest)s – mindst "
                            "%(months)s før STU-forløbets planlagte afslutning %(end)s."
                        )
                        % {
                            "latest": short_date(latest),
                            "months": months_text(months),
                            "end": short_date(self.enrolment.planned_end_date),
                        }
                    }
                )


@pghistory.track()
class ExitPlan(models.Model):
    """The plan for life after STU. ``version`` is the optimistic lock (stale saves refused)."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="exit_plan",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    expected_destination = models.CharField(
        _("forventet vej efter STU"), max_length=30, choices=Destination.choices, blank=True
    )
    destination_note = models.TextField(
        _("uddybning af den forventede vej"),
        blank=True,
        help_text=_("Fx hvilken uddannelse, arbejdsplads eller hvilket tilbud."),
    )
    final_internship = models.TextField(
        _("afsluttende praktik"),
        blank=True,
        help_text=_("Sted, periode og formål – gerne en mulig arbejdsplads efter STU."),
    )
    housing_after = models.TextField(
        _("bolig efter STU"),
        blank=True,
        help_text=_("En eventuel flytning klares helst et halvt år før STU slutter."),
    )
    handover_meeting_on = models.DateField(
        _("overdragelsesmøde med jobcentret"), null=True, blank=True
    )
    handover_participants = models.TextField(_("deltagere i overdragelsesmødet"), blank=True)
    ressourcepapir_delivered_on = models.DateField(
        _("ressourcepapir udleveret"),
        null=True,
        blank=True,
        help_text=_("Ressourcepapiret hed tidligere kompetencepapir."),
    )
    ressourcepapir_note = models.TextField(_("note om ressourcepapiret"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    EDITABLE_FIELDS = (
        "expected_destination",
        "destination_note",
        "final_internship",
        "housing_after",
        "handover_meeting_on",
        "handover_participants",
        "ressourcepapir_delivered_on",
        "ressourcepapir_note",
    )

    class Meta:
        verbose_name = _("udslusningsplan")
        verbose_name_plural = _("udslusningsplaner")

    def __str__(self) -> str:
        return str(_("Udslusningsplan for %(name)s") % {"name": self.person})


class FunctionalDescriptionTemplate(models.Model):
    """The template an administrator edits: sections with headings and guidance.

    One active template per municipality, and one active global template used where a
    municipality has none of its own.
    """

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="functional_description_templates",
        help_text=_("Tom: fælles skabelon for kommuner uden deres egen."),
    )
    name = models.CharField(_("navn"), max_length=200)
    introduction = models.TextField(
        _("indledning"), blank=True, help_text=_("Står øverst i funktionsbeskrivelsen.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("skabelon for funktionsbeskrivelse")
        verbose_name_plural = _("skabeloner for funktionsbeskrivelse")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(is_active=True, municipality__isnull=False),
                name="one_active_fd_template_per_municipality",
                violation_error_message=_("Kommunen har allerede en aktiv skabelon."),
            ),
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True, municipality__isnull=True),
                name="one_active_global_fd_template",
                violation_error_message=_("Der er allerede en aktiv fælles skabelon."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FunctionalDescriptionTemplateSection(models.Model):
    template = models.ForeignKey(
        FunctionalDescriptionTemplate,
        verbose_name=_("skabelon"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    heading = models.CharField(_("overskrift"), max_length=200)
    guidance = models.TextField(
        _("vejledning"), blank=True, help_text=_("Hjælpetekst til den, der udfylder afsnittet.")
    )
    required = models.BooleanField(_("skal udfyldes"), default=True)

    class Meta:
        verbose_name = _("afsnit")
        verbose_name_plural = _("afsnit")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.heading


@pghistory.track()
class FunctionalDescription(models.Model):
    """A young person's functional description for the jobcenter (kept apart from the
    ressourcepapir). ``sections`` is a list of ``{"heading", "guidance", "required", "text"}``
    copied from the template when the description is started, so later template edits never
    change what was written. ``version`` is the optimistic lock."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="functional_description_doc",
    )
    template = models.ForeignKey(
        FunctionalDescriptionTemplate,
        verbose_name=_("skabelon"),
        on_delete=models.PROTECT,
        related_name="descriptions",
    )
    sections = models.JSONField(_("afsnit"), default=list)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("funktionsbeskrivelse")
        verbose_name_plural = _("funktionsbeskrivelser")

    def __str__(self) -> str:
        return str(_("Funktionsbeskrivelse for %(name)s") % {"name": self.person})

    @property
    def missing_sections(self) -> list[str]:
        return [s["heading"] for s in self.sections if s.get("required") and not s.get("text")]

    @property
    def is_complete(self) -> bool:
        return bool(self.sections) and not self.missing_sections


class FunctionalDescriptionHandover(models.Model):
    """The functional description handed to a jobcenter contact as PDF. Immutable."""

    description = models.ForeignKey(
        FunctionalDescription,
        verbose_name=_("funktionsbeskrivelse"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="functional_description_handovers",
    )
    version = models.PositiveIntegerField(_("version af beskrivelsen"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overdraget af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    handed_over_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overdraget til (jobcentret)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    handed_over_at = models.DateTimeField(_("overdraget"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    pdf = models.BinaryField(_("PDF"), editable=False)

    class Meta:
        verbose_name = _("overdragelse af funktionsbeskrivelse")
        verbose_name_plural = _("overdragelser af funktionsbeskrivelser")
        ordering = ["-handed_over_at", "-id"]
        triggers = [
            pgtrigger.Protect(name="immutable", operation=pgtrigger.Update),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {short_date(self.handed_over_at)}"


class FollowUpPoint(models.IntegerChoices):
    THREE = 3, _("3 måneder efter STU")
    TWELVE = 12, _("12 måneder efter STU")


@pghistory.track()
class FollowUp(models.Model):
    """Where the young person actually is a set number of months after STU ended."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    months = models.PositiveSmallIntegerField(_("opfølgning"), choices=FollowUpPoint.choices)
    ended_on = models.DateField(_("STU sluttede"))
    due_on = models.DateField(_("opfølgning senest"))
    destination = models.CharField(
        _("faktisk vej efter STU"), max_length=30, choices=Destination.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_on = models.DateField(_("oplyst den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("kontaktperson påmindet"), null=True, blank=True)

    class Meta:
        verbose_name = _("opfølgning efter STU")
        verbose_name_plural = _("opfølgninger efter STU")
        ordering = ["due_on", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "months"], name="one_follow_up_per_person_and_point"
            )
        ]
        indexes = [models.Index(fields=["ended_on"], name="followup_ended_on")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_months_display()}"

    @property
    def is_recorded(self) -> bool:
        return bool(self.destination)

    @property
    def is_overdue(self) -> bool:
        return not self.is_recorded and self.due_on < timezone.localdate()


# The global template created by the migration (an administrator edits it in the admin).
DEFAULT_TEMPLATE_NAME = "Funktionsbeskrivelse til jobcentret (standard)"
DEFAULT_TEMPLATE_INTRO = (
    "Funktionsbeskrivelsen supplerer ressourcepapiret. Den beskriver, hvad den unge kan, hvad "
    "der er svært, og hvilken støtte der skal til ved konkrete opgaver – så jobcentret kan "
    "tilrettelægge det videre forløb uden en lang ny afklaring."
)
DEFAULT_TEMPLATE_SECTIONS = (
    (
        "Evner og ressourcer",
        "Hvad kan den unge? Beskriv konkrete opgaver, den unge løser selvstændigt, og "
        "situationer, hvor den unge trives og lykkes.",
    ),
    (
        "Begrænsninger",
        "Hvad er svært for den unge? Fx udholdenhed, tempo, skift, sociale situationer, læsning "
        "og skrivning, transport. Beskriv så konkret som muligt.",
    ),
    (
        "Støtte ved konkrete opgaver",
        "Hvilken støtte har den unge brug for for at løse en konkret opgave? Fx instruktion "
        "trin for trin, fast makker, visuel plan, pauser, hjælp til transport.",
    ),
    (
        "Arbejdstid og rammer",
        "Hvor mange timer om ugen kan den unge arbejde eller være i aktivitet? Hvilke fysiske "
        "og sociale rammer virker bedst?",
    ),
    (
        "Erfaringer fra praktik",
        "Hvilke praktikker har den unge haft, hvad lykkedes, og hvad skal jobcentret vide derfra?",
    ),
)
