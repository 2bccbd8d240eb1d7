"""Letters that reach the young person: one model and one service for every decision.

A kind of letter (``LetterKind``) is declared by the app that sends it, in its ``letters``
module (``students/letters.py``, ``visitation/letters.py``, ``transitions/letters.py``), like
flag kinds. Its text blocks are a ``LetterTemplate`` an administrator maintains in the admin
(per kind, optionally per municipality); until one exists the kind's built-in Danish defaults
are used. A ``Letter`` is one version of one letter as rendered and sent: the PDF (and the
easy-read PDF for the young person) in private storage, the recipients, its status and each
send attempt.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import pghistory
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stu_case.storage import letters_storage
from students.models.people import Relative, YoungPerson


class Section(models.TextChoices):
    """The parts a letter can have, in the order they are printed."""

    DECISION = "decision", _("Afgørelsen")
    DRAFT = "draft", _("Det overvejer vi at beslutte")
    BODY = "body", _("Indhold")
    FACTS = "facts", _("Sagens fakta")
    CONSIDERATIONS = "considerations", _("Hovedhensyn")
    JUSTIFICATION = "justification", _("Begrundelse")
    PROPOSAL = "proposal", _("Dit eget forslag")
    LEGAL_BASIS = "legal_basis", _("Lovgrundlag")
    ANSWER = "answer", _("Sådan svarer du")
    APPEAL = "appeal", _("Klagevejledning")
    CONTACT = "contact", _("Kontakt")


#: A decision (afgørelse) must state these (forvaltningsloven §§ 22-25).
DECISION_SECTIONS = (
    Section.DECISION,
    Section.FACTS,
    Section.CONSIDERATIONS,
    Section.JUSTIFICATION,
    Section.LEGAL_BASIS,
    Section.APPEAL,
    Section.CONTACT,
)
KIND_MAX_LENGTH = 40


class LetterKind(str):
    """A kind of letter: its code (stored in ``Letter.kind``), label, the sections it must
    have, and the built-in Danish text blocks used until an administrator writes a template.

    Text blocks may name values with ``{navn}``; the service fills in those it is given.
    """

    _registered: ClassVar[dict[str, LetterKind]] = {}
    label: Promise | str
    sections: tuple[str, ...]
    defaults: dict[str, str]

    def __new__(cls, code, label, *, sections=DECISION_SECTIONS, defaults=None):
        if code in cls._registered:
            raise ImproperlyConfigured(f"The letter kind {code!r} is declared twice.")
        if len(code) > KIND_MAX_LENGTH:
            raise ImproperlyConfigured(f"The letter kind {code!r} is too long.")
        kind = super().__new__(cls, code)
        kind.label = label
        kind.sections = tuple(Section(s) for s in sections)
        kind.defaults = dict(defaults or {})
        cls._registered[code] = kind
        return kind

    def __reduce__(self):
        return (LetterKind.get, (str(self),))

    @classmethod
    def get(cls, code: str) -> LetterKind:
        try:
            return cls._registered[code]
        except KeyError:
            raise LookupError(f"No app declares the letter kind {code!r}.") from None

    @classmethod
    def declared(cls) -> list[LetterKind]:
        return sorted(cls._registered.values(), key=lambda kind: str(kind.label))


def letter_kind_choices() -> list[tuple[str, str]]:
    return [(str(kind), kind.label) for kind in LetterKind.declared()]


class LetterTemplate(models.Model):
    """The Danish text blocks of one kind of letter (lookup data, edited in the admin).

    The municipality's own template wins over the common one (no municipality); without either
    the kind's built-in text is used. ``{navn}``-style names are filled in from the case."""

    kind = models.CharField(_("brevtype"), max_length=KIND_MAX_LENGTH, choices=letter_kind_choices)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tom = fælles skabelon for alle kommuner uden egen."),
    )
    title = models.CharField(_("overskrift"), max_length=200)
    summary_decided = models.TextField(_("Det har vi besluttet"))
    summary_meaning = models.TextField(_("Hvad betyder det for dig"))
    summary_action = models.TextField(_("Hvad kan du gøre"))
    easy_read = models.TextField(
        _("let-læst udgave"),
        blank=True,
        help_text=_("Korte sætninger, ét budskab pr. afsnit. Afsnit adskilles af en tom linje."),
    )
    legal_basis = models.TextField(_("lovgrundlag"), blank=True)
    appeal_guidance = models.TextField(_("klagevejledning"), blank=True)
    appeal_deadline_weeks = models.PositiveSmallIntegerField(
        _("klagefrist (uger)"), null=True, blank=True
    )
    appeal_body = models.CharField(_("klageinstans"), max_length=200, blank=True)
    contact = models.TextField(_("kontakt"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("brevskabelon")
        verbose_name_plural = _("brevskabeloner")
        ordering = ["kind", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "municipality"],
                name="one_letter_template_per_kind_and_municipality",
                violation_error_message=_("Der findes allerede en skabelon for denne brevtype."),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(municipality__isnull=True),
                name="one_common_letter_template_per_kind",
                violation_error_message=_("Der findes allerede en fælles skabelon for denne type."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.municipality or _('fælles')}"


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    QUEUED = "queued", _("I kø")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Fejlet")
    PAPER = "paper", _("På papir")


@pghistory.track(exclude=["pdf", "easy_read_pdf", "sections"])
class Letter(models.Model):
    """One version of one letter to the young person (and those entitled to a copy)."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("brevtype"), max_length=KIND_MAX_LENGTH)
    subject = models.CharField(
        _("sag"), max_length=100, help_text=_("Det brevet handler om, fx afgørelsens nummer.")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("overskrift"), max_length=200)
    sections = models.JSONField(_("indhold"), default=dict, editable=False)
    pdf = models.FileField(_("PDF"), storage=letters_storage, upload_to="%Y/%m", editable=False)
    easy_read_pdf = models.FileField(
        _("let-læst PDF"), storage=letters_storage, upload_to="%Y/%m", blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    channel = models.CharField(_("kanal"), max_length=20, blank=True)
    send_key = models.UUIDField(_("afsendelsesnøgle"), default=uuid.uuid4, unique=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    failure_reason = models.TextField(_("fejl"), blank=True)
    answer_deadline = models.DateField(_("svarfrist"), null=True, blank=True)
    answered_on = models.DateField(_("svar modtaget"), null=True, blank=True)
    answer = models.TextField(_("svar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dannet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dannet"), auto_now_add=True)

    class Meta:
        verbose_name = _("brev")
        verbose_name_plural = _("breve")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "version"], name="unique_letter_subject_kind_version"
            )
        ]
        indexes = [models.Index(fields=["status"], name="letter_status_idx")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_kind_display(self) -> str:
        return str(LetterKind.get(self.kind).label)

    @property
    def hearing_pending(self) -> bool:
        return self.answer_deadline is not None and self.answered_on is None


class LetterRecipient(models.Model):
    """Who got the letter, recorded as it was sent (name, address and why they get it)."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("brev"), on_delete=models.CASCADE, related_name="recipients"
    )
    name = models.CharField(_("navn"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    role = models.CharField(_("modtager som"), max_length=100)
    relative = models.ForeignKey(
        Relative,
        verbose_name=_("pårørende"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("brevmodtager")
        verbose_name_plural = _("brevmodtagere")
        ordering = ["letter", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class LetterAttempt(models.Model):
    """One try to send a letter through a channel, and what came of it."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("brev"), on_delete=models.CASCADE, related_name="attempts"
    )
    channel = models.CharField(_("kanal"), max_length=20)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    ok = models.BooleanField(_("lykkedes"))
    detail = models.TextField(_("detaljer"), blank=True)

    class Meta:
        verbose_name = _("afsendelsesforsøg")
        verbose_name_plural = _("afsendelsesforsøg")
        ordering = ["letter", "at", "id"]

    def __str__(self) -> str:
        return f"{self.letter} – {self.channel} {self.at:%Y-%m-%d %H:%M}"
