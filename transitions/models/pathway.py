"""models: pathway — pauses/leave, interruption (afbrydelse) and housing moves.

Mentors/støttekontaktpersoner live in ``students.MentorAssignment`` (not duplicated here).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date
from students.models import HousingSituation

__all__ = [
    "HousingPlan",
    "Interruption",
    "InterruptionStatus",
    "Pause",
    "PauseActivityKind",
    "PauseReason",
    "PauseStatus",
    "ReassessmentResult",
]


class PauseReason(models.TextChoices):
    ILLNESS = "illness", _("Sygdom")
    MENTAL_HEALTH = "mental_health", _("Psykisk mistrivsel eller behandling")
    SOCIAL = "social", _("Sociale eller familiære forhold")
    MOTIVATION = "motivation", _("Manglende motivation eller trivsel i forløbet")
    PARENTAL = "parental", _("Graviditet eller barsel")
    OTHER = "other", _("Anden årsag")


class PauseActivityKind(models.TextChoices):
    TREATMENT = "treatment", _("Behandlingsforløb")
    INTERNSHIP = "internship", _("Praktik")
    JOB = "job", _("Arbejde eller fritidsjob")
    SOCIAL_OFFER = "social_offer", _("Aktivitets- og samværstilbud")
    MENTOR = "mentor", _("Mentor- eller støttekontaktpersonforløb")
    JOBCENTER = "jobcenter", _("Indsats i jobcentret")
    OTHER = "other", _("Anden aktivitet")


class PauseStatus(models.TextChoices):
    REQUESTED = "requested", _("Anmodet – afventer godkendelse")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    RESUMED = "resumed", _("Genoptaget")
    ENDED = "ended", _("Afsluttet – forløbet er afbrudt")


# Pauses that still occupy their period (an overlapping pause cannot be requested).
PAUSE_OPEN_STATUSES = (PauseStatus.REQUESTED, PauseStatus.APPROVED)


class ReassessmentResult(models.TextChoices):
    IN_TARGET_GROUP = "in_target_group", _("Den unge er fortsat i målgruppen for STU")
    NOT_IN_TARGET_GROUP = "not_in_target_group", _("Den unge er ikke længere i målgruppen")


@pghistory.track()
class Pause(models.Model):
    """Pause/orlov from an STU-forløb: a pause *to* something (a planned activity), with a
    responsible person and a return plan. Approved by the municipality; the 5-year completion
    limit keeps running."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="pauses",
    )
    reason = models.CharField(_("årsag"), max_length=20, choices=PauseReason.choices)
    reason_text = models.TextField(_("uddybning af årsagen"), blank=True)
    start_date = models.DateField(_("pausen begynder"))
    planned_return_date = models.DateField(_("planlagt tilbagevenden"))
    activity_kind = models.CharField(
        _("planlagt aktivitet"), max_length=20, choices=PauseActivityKind.choices, blank=True
    )
    activity_description = models.TextField(
        _("beskrivelse af aktiviteten"),
        blank=True,
        help_text=_(
            "Hvad skal den unge i pausen, hvor og hvor ofte? En pause er en pause til noget."
        ),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig under pausen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Den medarbejder, der holder kontakten og koordinerer under pausen."),
    )
    return_plan = models.TextField(_("plan for tilbagevenden"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PauseStatus.choices, default=PauseStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.TextField(_("begrundelse for afgørelsen"), blank=True)
    requires_reassessment = models.BooleanField(
        _("kræver ny målgruppevurdering ved genoptagelse"), default=False
    )
    resumed_on = models.DateField(_("genoptaget den"), null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genoptagelse registreret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reassessment_date = models.DateField(_("målgruppevurdering foretaget"), null=True, blank=True)
    reassessment_result = models.CharField(
        _("resultat af målgruppevurderingen"),
        max_length=30,
        choices=ReassessmentResult.choices,
        blank=True,
    )
    reassessment_note = models.TextField(_("notat om målgruppevurderingen"), blank=True)

    class Meta:
        verbose_name = _("pause/orlov")
        verbose_name_plural = _("pauser/orlov")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_return_date__gt=F("start_date")),
                name="pause_return_after_start",
                violation_error_message=_(
                    "Den planlagte tilbagevenden skal ligge efter pausens start."
                ),
            ),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=F("start_date")),
                name="pause_resumed_after_start",
                violation_error_message=_("Genoptagelsen kan ikke ligge før pausens start."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "planned_return_date"], name="pause_status_return")
        ]

    def __str__(self) -> str:
        return f"{self.person} – pause fra {short_date(self.start_date)}"

    @property
    def is_active(self) -> bool:
        """Approved, begun and not yet resumed: the young person is on pause now."""
        return self.status == PauseStatus.APPROVED and self.start_date <= timezone.localdate()

    @property
    def is_scheduled(self) -> bool:
        """Approved in advance: begins on ``start_date``."""
        return self.status == PauseStatus.APPROVED and self.start_date > timezone.localdate()

    @property
    def has_activity(self) -> bool:
        return bool(self.activity_kind and self.activity_description.strip())

    @property
    def return_overdue(self) -> bool:
        return self.is_active and self.planned_return_date < timezone.localdate()

    def clean(self):
        errors: dict[str, list] = {}
        if (
            self.start_date
            and self.planned_return_date
            and self.planned_return_date <= self.start_date
        ):
            errors.setdefault("planned_return_date", []).append(
                _("Den planlagte tilbagevenden skal ligge efter pausens start.")
            )
        if self.resumed_on and self.start_date and self.resumed_on < self.start_date:
            errors.setdefault("resumed_on", []).append(
                _("Genoptagelsen kan ikke ligge før pausens start.")
            )
        if self.enrolment_id and self.person_id and self.enrolment.person_id != self.person_id:
            errors.setdefault("enrolment", []).append(_("STU-forløbet tilhører en anden ung."))
        if errors:
            raise ValidationError(errors)


class InterruptionStatus(models.TextChoices):
    OPEN = "open", _("I gang")
    DECIDED = "decided", _("Afgjort – forløbet er afbrudt")
    WITHDRAWN = "withdrawn", _("Stoppet – forløbet fortsætter")


@pghistory.track()
class Interruption(models.Model):
    """Afbrydelse: a decision reached through steps.

    1. the plan is adjusted; 2. warning letter (varselsbrev) and a meeting; 3. a reasoned
    decision after the causes were looked into, with the jobcenter informed. The decision ends
    the enrolment (dropped out) and moves the young person to follow-up."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="interruptions",
    )
    enrolment = models.ForeignKey(
        "students.Enrolment",
        verbose_name=_("STU-forløb"),
        on_delete=models.PROTECT,
        related_name="interruptions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterruptionStatus.choices,
        default=InterruptionStatus.OPEN,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("startet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("startet"), default=timezone.now)
    # Step 1
    plan_adjusted_on = models.DateField(_("planen justeret den"), null=True, blank=True)
    plan_adjustment_note = models.TextField(_("hvad blev justeret i planen"), blank=True)
    # Step 2
    warning_letter_sent_on = models.DateField(_("varselsbrev sendt den"), null=True, blank=True)
    meeting_held_on = models.DateField(_("møde holdt den"), null=True, blank=True)
    warning_note = models.TextField(_("notat fra mødet"), blank=True)
    # Step 3
    causes_examined = models.TextField(_("undersøgte årsager"), blank=True)
    decision_reason = models.TextField(_("begrundelse for afbrydelsen"), blank=True)
    decision_date = models.DateField(_("afgørelsesdato"), null=True, blank=True)
    follow_up_plan = models.TextField(_("opfølgningsplan"), blank=True)
    follow_up_due = models.DateField(_("opfølgning senest"), null=True, blank=True)
    jobcenter_informed_on = models.DateField(_("jobcentret orienteret den"), null=True, blank=True)
    jobcenter_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontakt i jobcentret"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_on = models.DateField(_("stoppet den"), null=True, blank=True)
    withdrawn_note = models.TextField(_("hvorfor forløbet fortsætter"), blank=True)

    class Meta:
        verbose_name = _("afbrydelse")
        verbose_name_plural = _("afbrydelser")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status="open"),
                name="one_open_interruption_per_enrolment",
                violation_error_message=_("Der er allerede en afbrydelse i gang for forløbet."),
            ),
            models.CheckConstraint(
                condition=~Q(status="decided")
                | (
                    Q(plan_adjusted_on__isnull=False)
                    & Q(warning_letter_sent_on__isnull=False)
                    & Q(meeting_held_on__isnull=False)
                    & Q(decision_date__isnull=False)
                    & Q(jobcenter_informed_on__isnull=False)
                ),
                name="interruption_decided_after_steps",
                violation_error_message=_(
                    "Afgørelsen kræver, at trin 1 og 2 er gennemført, og at jobcentret er orienteret."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – afbrydelse ({self.get_status_display()})"

    @property
    def step1_done(self) -> bool:
        return self.plan_adjusted_on is not None

    @property
    def step2_done(self) -> bool:
        return self.warning_letter_sent_on is not None and self.meeting_held_on is not None

    @property
    def is_open(self) -> bool:
        return self.status == InterruptionStatus.OPEN

    @property
    def follow_up_overdue(self) -> bool:
        return (
            self.status == InterruptionStatus.DECIDED
            and self.follow_up_due is not None
            and self.follow_up_due < timezone.localdate()
        )


@pghistory.track()
class HousingPlan(models.Model):
    """The planned housing move. The current situation is ``YoungPerson.housing_situation``.

    A needed move is best completed about six months before STU ends (the catalogue)."""

    person = models.OneToOneField(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="housing_plan",
    )
    move_needed = models.BooleanField(_("skal flytte inden STU slutter"), default=False)
    target_situation = models.CharField(
        _("ny boligsituation"),
        max_length=20,
        blank=True,
        choices=HousingSituation.choices,
    )
    planned_move_date = models.DateField(_("planlagt flyttedato"), null=True, blank=True)
    support = models.TextField(
        _("støtte til flytningen og i den nye bolig"),
        blank=True,
        help_text=_("Fx bostøtte (§ 85), ansøgning om botilbud, hjælp fra støttekontaktperson."),
    )
    note = models.TextField(_("notat"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("senest ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    class Meta:
        verbose_name = _("boligplan")
        verbose_name_plural = _("boligplaner")

    def __str__(self) -> str:
        return f"{self.person} – boligplan"

    def clean(self):
        if self.move_needed and not self.target_situation:
            raise ValidationError(
                {"target_situation": _("Vælg hvilken boligsituation den unge skal flytte til.")}
            )
