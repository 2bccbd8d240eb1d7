"""The journal: dated notes about the young person (offentlighedslovens § 13, the duty to take
notes). A note can be corrected by its author for 24 hours; after that it is locked and a
correction is a new note pointing back to it. Every version is kept (pghistory)."""

from __future__ import annotations

from datetime import timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stu_case.formats import short_date
from students.models.people import YoungPerson
from students.models.plans import PlanGoal

# How long the author may correct a note in place.
CORRECTION_WINDOW = timedelta(hours=24)


class NoteKind(models.TextChoices):
    CONVERSATION = "samtale", _("Samtale")
    PHONE = "telefon", _("Telefon")
    MEETING = "moede", _("Møde")
    EMAIL = "email", _("E-mail")
    LETTER = "brev", _("Brev")
    OTHER = "andet", _("Andet")


@pghistory.track()
class JournalNote(models.Model):
    """One journal note (journalnotat) about a young person.

    Team-only unless ``for_institution``: then the staff of the person's current institution
    see it too (``stu_case.permissions.journal_notes_for``). Optional links to a plan goal, a
    status meeting and a visitation decision (string foreign keys: the higher apps own those).
    """

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="journal_notes"
    )
    occurred_on = models.DateField(_("dato"), help_text=_("Hvornår samtalen eller kontakten var."))
    kind = models.CharField(_("art"), max_length=10, choices=NoteKind.choices)
    present = models.CharField(
        _("til stede"),
        max_length=300,
        blank=True,
        help_text=_("Hvem deltog eller var du i kontakt med, fx 'den unge og moren'."),
    )
    text = models.TextField(_("notat"))
    for_institution = models.BooleanField(
        _("kan ses af institutionen"),
        default=False,
        help_text=_(
            "Kun markerede notater kan ses af personalet på den unges nuværende STU-institution. "
            "Resten af journalen er kun for kommunens team."
        ),
    )
    goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("mål i planen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_notes",
    )
    status_meeting = models.ForeignKey(
        "transitions.StatusMeeting",
        verbose_name=_("statusmøde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "visitation.Decision",
        verbose_name=_("afgørelse"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("retter notatet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)
    updated_at = models.DateTimeField(_("senest rettet"), null=True, blank=True)

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")
        ordering = ["-occurred_on", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-occurred_on", "-created_at"], name="journal_person")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {short_date(self.occurred_on)}"

    def clean(self) -> None:
        """Links point at the same young person (their goal, decision, note; a status meeting
        of their municipality)."""
        errors = {}
        person_id = self.person_id
        if self.goal_id and self.goal.plan.person_id != person_id:
            errors["goal"] = _("Målet hører ikke til den unges plan.")
        if self.decision_id and self.decision.person_id != person_id:
            errors["decision"] = _("Afgørelsen handler ikke om den unge.")
        if self.status_meeting_id and (
            self.status_meeting.municipality_id != self.person.municipality_id
        ):
            errors["status_meeting"] = _("Statusmødet hører ikke til den unges kommune.")
        if self.corrects_id and self.corrects.person_id != person_id:
            errors["corrects"] = _("Notatet, der rettes, handler ikke om den unge.")
        if errors:
            raise ValidationError(errors)

    def locked_at(self):
        return self.created_at + CORRECTION_WINDOW

    def is_locked(self, now=None) -> bool:
        return (now or timezone.now()) >= self.locked_at()
