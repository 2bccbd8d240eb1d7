"""Quarterly status meetings (*statusmøder*) of the municipality's integrated team.

UU, the jobcenter and the social administration review *every* active STU student of the
municipality on a fixed frequency. Before a meeting each institution with enrolled students
gets a status request (answered per student in the portal); the agenda is built from the
students' flags, absence, plan and the answers; in the meeting the team records a status note,
decisions and actions (what, who, deadline) per student; open actions are followed up at the
next meeting and overdue ones raise a flag on the young person.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date, short_datetime

__all__ = [
    "ActionStatus",
    "MeetingAction",
    "MeetingItem",
    "MeetingStatus",
    "StatusAnswer",
    "StatusMeeting",
    "StatusMeetingGapNotice",
    "StatusMeetingSettings",
    "StatusRequest",
    "Wellbeing",
]


class StatusMeetingSettings(models.Model):
    """A municipal team's rhythm for status meetings (an administrator edits it)."""

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="status_meeting_settings",
    )
    frequency_months = models.PositiveSmallIntegerField(
        _("mødefrekvens (måneder)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "Hvor ofte teamet holder statusmøde om alle STU-elever. Normalt hver 3. måned."
        ),
    )
    request_lead_days = models.PositiveSmallIntegerField(
        _("statusanmodning sendes (dage før mødet)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    answer_deadline_days = models.PositiveSmallIntegerField(
        _("svarfrist (dage før mødet)"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("Institutionerne skal svare senest så mange dage før mødet."),
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("rykker efter (dage uden svar)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    default_place = models.CharField(_("fast mødested"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("indstilling for statusmøder")
        verbose_name_plural = _("indstillinger for statusmøder")

    def __str__(self) -> str:
        return str(self.municipality)

    def clean(self):
        super().clean()
        if (
            self.request_lead_days is not None
            and self.answer_deadline_days is not None
            and self.answer_deadline_days >= self.request_lead_days
        ):
            raise ValidationError(
                {
                    "answer_deadline_days": _(
                        "Svarfristen skal ligge efter, at statusanmodningen er sendt "
                        "(færre dage før mødet)."
                    )
                }
            )


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CLOSED = "closed", _("Afsluttet")


@pghistory.track()
class StatusMeeting(models.Model):
    """One status meeting of a municipality's team."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="status_meetings",
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deltagere"),
        related_name="status_meetings",
        blank=True,
    )
    other_participants = models.CharField(
        _("andre deltagere"),
        max_length=300,
        blank=True,
        help_text=_("Fx institutionens repræsentant eller en mentor."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary = models.TextField(_("fælles referat"), blank=True)
    requests_sent_at = models.DateTimeField(_("statusanmodninger sendt"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    started_at = models.DateTimeField(_("gennemgang startet"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afsluttet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statusmøde")
        verbose_name_plural = _("statusmøder")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="statusmeeting_muni")]

    def __str__(self) -> str:
        return _("Statusmøde %(when)s") % {"when": short_datetime(self.starts_at)}

    @property
    def is_open(self) -> bool:
        return self.status != MeetingStatus.CLOSED

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()


class StatusRequest(models.Model):
    """A request to one institution for the status of its enrolled students before a meeting."""

    meeting = models.ForeignKey(
        StatusMeeting,
        verbose_name=_("statusmøde"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="status_requests",
    )
    deadline = models.DateField(_("svarfrist"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    reminded_at = models.DateTimeField(_("rykket"), null=True, blank=True)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvaret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statusanmodning")
        verbose_name_plural = _("statusanmodninger")
        ordering = ["-sent_at", "institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "institution"],
                name="one_status_request_per_meeting_and_institution",
                violation_error_message=_("Institutionen har allerede fået en statusanmodning."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} – {self.meeting}"


class Wellbeing(models.TextChoices):
    GOOD = "good", _("God trivsel")
    MIXED = "mixed", _("Svingende trivsel")
    POOR = "poor", _("Mistrives")


@pghistory.track()
class StatusAnswer(models.Model):
    """The institution's status for one student (answer to a status request)."""

    request = models.ForeignKey(
        StatusRequest,
        verbose_name=_("statusanmodning"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="status_answers",
    )
    wellbeing = models.CharField(_("trivsel"), max_length=10, choices=Wellbeing.choices)
    wellbeing_note = models.TextField(_("uddybning af trivsel"), blank=True)
    goal_progress = models.TextField(_("fremgang i forhold til målene"), blank=True)
    absence_comment = models.TextField(_("kommentar til fravær"), blank=True)
    internship = models.TextField(_("praktik"), blank=True)
    concerns = models.TextField(
        _("bekymringer"),
        blank=True,
        help_text=_("Skriv her, hvis der er noget, teamet bør tage op på mødet."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvaret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("besvaret"), default=timezone.now)

    class Meta:
        verbose_name = _("statussvar")
        verbose_name_plural = _("statussvar")
        ordering = ["request", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="one_status_answer_per_request_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.request}"


@pghistory.track()
class MeetingItem(models.Model):
    """One student on a meeting's agenda: the order of the walk-through and what was said.

    Created when the team starts going through the students (the live agenda's order then
    stays put); every active student of the municipality has exactly one item per meeting.
    """

    meeting = models.ForeignKey(
        StatusMeeting, verbose_name=_("statusmøde"), on_delete=models.CASCADE, related_name="items"
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="status_meeting_items",
    )
    position = models.PositiveIntegerField(_("nummer på dagsordenen"))
    urgency_reason = models.CharField(_("hvorfor her på listen"), max_length=300, blank=True)
    status_note = models.TextField(_("status"), blank=True)
    decisions = models.TextField(_("beslutninger"), blank=True)
    discussed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("senest ændret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("punkt på statusmøde")
        verbose_name_plural = _("punkter på statusmøder")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_meeting_item_per_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "position"], name="one_meeting_item_per_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Udført")


@pghistory.track()
class MeetingAction(models.Model):
    """Who does what by when, agreed at a status meeting about one young person."""

    meeting = models.ForeignKey(
        StatusMeeting,
        verbose_name=_("statusmøde"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="meeting_actions",
    )
    description = models.CharField(_("hvad"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    deadline = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("markeret udført af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done_note = models.CharField(_("opfølgning"), max_length=300, blank=True)
    overdue_notified_at = models.DateTimeField(
        _("ansvarlig påmindet om overskredet frist"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("opgave fra statusmøde")
        verbose_name_plural = _("opgaver fra statusmøder")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True)
                | Q(status="done", done_at__isnull=False),
                name="meeting_action_done_has_time",
            )
        ]
        indexes = [models.Index(fields=["person", "status"], name="meetingaction_person_open")]

    def __str__(self) -> str:
        return self.description

    def is_overdue_on(self, day) -> bool:
        return self.status == ActionStatus.OPEN and self.deadline < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class StatusMeetingGapNotice(models.Model):
    """The team was told that no status meeting is planned in a period (told once per period)."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    notified_at = models.DateTimeField(_("varslet"), default=timezone.now)

    class Meta:
        verbose_name = _("varsel om manglende statusmøde")
        verbose_name_plural = _("varsler om manglende statusmøder")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period_start"], name="one_gap_notice_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {short_date(self.period_start)}–{short_date(self.period_end)}"
