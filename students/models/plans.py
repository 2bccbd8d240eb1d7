"""THE one education plan: its goals from every agency, progress notes and revisions."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from students.models.people import YoungPerson


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
