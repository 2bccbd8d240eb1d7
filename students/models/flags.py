"""Flags: what needs a contact person's attention, at most one open per person and kind."""

from __future__ import annotations

from typing import ClassVar

import pghistory
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from students.models.people import YoungPerson


class Severity(models.TextChoices):
    INFO = "info", _("Til orientering")
    WARNING = "warning", _("Kræver opmærksomhed")
    CRITICAL = "critical", _("Kritisk")


KIND_MAX_LENGTH = 40


class FlagKind(str):
    """A kind of flag: the code stored in ``Flag.kind``, its Danish label, and the severity a
    flag of this kind gets unless the job says otherwise.

    The app that raises a kind declares it in its own ``flags`` module (``students/flags.py``,
    ``transitions/flags.py``), which its ``AppConfig.ready`` imports; declaring a kind registers
    it here. ``Flag.kind`` is a plain string column, so a new kind needs no migration, in its
    own app or in students. A kind is a ``str`` (its code), so it goes wherever a code does:
    ``Flag.objects.filter(kind=RISING_ABSENCE)``.
    """

    _registered: ClassVar[dict[str, FlagKind]] = {}
    label: Promise | str
    severity: str

    def __new__(cls, code: str, label: Promise | str, *, severity: str = Severity.WARNING):
        if code in cls._registered:
            raise ImproperlyConfigured(f"The flag kind {code!r} is declared twice.")
        if len(code) > KIND_MAX_LENGTH:
            raise ImproperlyConfigured(f"The flag kind {code!r} is over {KIND_MAX_LENGTH} chars.")
        kind = super().__new__(cls, code)
        kind.label = label
        kind.severity = Severity(severity)
        cls._registered[code] = kind
        return kind

    def __reduce__(self):  # a copy or unpickled kind is the declared one
        return (FlagKind.get, (str(self),))

    @classmethod
    def get(cls, code: str) -> FlagKind:
        """The declared kind with this code; ``LookupError`` when no app declares it."""
        try:
            return cls._registered[code]
        except KeyError:
            raise LookupError(f"No app declares the flag kind {code!r}.") from None

    @classmethod
    def declared(cls) -> list[FlagKind]:
        """Every declared kind, by label."""
        return sorted(cls._registered.values(), key=lambda kind: str(kind.label))


class FlagQuerySet(models.QuerySet):
    def open(self) -> FlagQuerySet:
        """Flags nobody has resolved yet."""
        return self.filter(resolved_at__isnull=True)


@pghistory.track()
class Flag(models.Model):
    """Something the team must look at. At most one open flag per person and kind."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("type"), max_length=KIND_MAX_LENGTH)  # a FlagKind's code
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
    resolved_by_job = models.CharField(
        _("løst af job"),
        max_length=60,
        blank=True,
        help_text=_("Det periodiske job, der løste flaget, når det ikke var en bruger."),
    )
    resolution = models.TextField(_("løsning"), blank=True)

    objects = FlagQuerySet.as_manager()

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

    def get_kind_display(self) -> str:
        """The kind's label from the declared kinds (the code itself if no app declares it)."""
        try:
            return str(FlagKind.get(self.kind).label)
        except LookupError:
            return self.kind

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
