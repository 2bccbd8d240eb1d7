"""Who carries a young person: the contact person's changes (handover) and substitutes.

A change of contact person is kept as one row per young person (``ContactPersonChange``), so
the record says since when and who handed it over. A substitute (``Substitution``) covers a
caseworker's caseload for a period; the access is decided at request time from the dates
(``stu_case.permissions``), so it ends by itself the day after the period.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


@pghistory.track()
class ContactPersonChange(models.Model):
    """The young person got a new contact person on ``changed_on``."""

    person = models.ForeignKey(
        "students.YoungPerson",
        verbose_name=_("ung"),
        on_delete=models.CASCADE,
        related_name="contact_person_changes",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fra kontaktperson"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ny kontaktperson"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_on = models.DateField(_("skiftet den"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skiftet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("skift af kontaktperson")
        verbose_name_plural = _("skift af kontaktperson")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.to_user}"


class SubstitutionQuerySet(models.QuerySet):
    def current(self, day):
        """Substitutions that cover ``day`` (and were not cancelled)."""
        return self.filter(cancelled_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


@pghistory.track()
class Substitution(models.Model):
    """``substitute`` covers ``absent``'s caseload and deadlines from ``starts_on`` to
    ``ends_on`` (both included)."""

    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fraværende sagsbehandler"),
        on_delete=models.PROTECT,
        related_name="substitutions_given",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stedfortræder"),
        on_delete=models.PROTECT,
        related_name="substitutions_taken",
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til og med"))
    note = models.CharField(_("anledning"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("annulleret"), null=True, blank=True)

    objects = SubstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("stedfortræder")
        verbose_name_plural = _("stedfortrædere")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="substitution_ends_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=~Q(absent=F("substitute")),
                name="substitution_not_self",
                violation_error_message=_("Du kan ikke være din egen stedfortræder."),
            ),
        ]
        indexes = [
            models.Index(fields=["substitute", "starts_on", "ends_on"], name="substitution_sub")
        ]

    def __str__(self) -> str:
        return f"{self.substitute} for {self.absent}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Slutdatoen ligger før startdatoen.")})
