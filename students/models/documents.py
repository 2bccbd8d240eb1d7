"""Documents about a young person (statements, school reports, assessments, appeal rulings,
consent, the institution's progress reports) and their versions.

The files live in the ``documents`` storage (``settings.STORAGES``), never under the static or
media roots; they are delivered only by the permission-checked download view. A document is
never deleted: deleting marks it with who, when and why, and its files can no longer be
downloaded.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from students.models.people import YoungPerson


class DocumentKind(models.TextChoices):
    STATEMENT = "udtalelse", _("Udtalelse")
    SCHOOL_REPORT = "skolerapport", _("Skoleudtalelse/skolerapport")
    ASSESSMENT = "vurdering", _("Vurdering/test")
    APPEAL_RULING = "ankeafgoerelse", _("Ankeafgørelse")
    CONSENT = "samtykke", _("Samtykke")
    PROGRESS_REPORT = "statusrapport", _("Statusrapport fra institutionen")
    OTHER = "andet", _("Andet")


class DocumentQuerySet(models.QuerySet):
    def present(self):
        """Documents not deleted."""
        return self.filter(deleted_at__isnull=True)


@pghistory.track()
class Document(models.Model):
    """One document about a young person; its content is in its versions (newest counts)."""

    person = models.ForeignKey(
        YoungPerson, verbose_name=_("ung"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("art"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    shared_with_institution = models.BooleanField(
        _("delt med institutionen"),
        default=False,
        help_text=_(
            "Personalet på den unges nuværende STU-institution kan se og hente dokumentet. "
            "Ellers ser institutionen kun de dokumenter, den selv har lagt ind."
        ),
    )
    # Set when institution staff upload (a progress report): their institution sees it.
    uploaded_by_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("lagt ind af institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lagt ind af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lagt ind"), default=timezone.now)
    deleted_at = models.DateTimeField(_("slettet"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("slettet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    delete_reason = models.CharField(_("begrundelse for sletning"), max_length=500, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="document_person")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deleted_at__isnull=True) | ~models.Q(delete_reason=""),
                name="document_deleted_with_reason",
                violation_error_message=_("Skriv hvorfor dokumentet slettes."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


@pghistory.track()
class DocumentVersion(models.Model):
    """One uploaded file of a document. ``file_name`` is its name in the documents storage;
    ``content_type`` is what the content was recognised as (never what the name claims)."""

    document = models.ForeignKey(
        Document, verbose_name=_("dokument"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file_name = models.CharField(_("fil i lageret"), max_length=300, editable=False)
    original_name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(_("filtype"), max_length=100)
    extension = models.CharField(_("filendelse"), max_length=10)
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lagt ind af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("lagt ind"), default=timezone.now)

    class Meta:
        verbose_name = _("dokumentversion")
        verbose_name_plural = _("dokumentversioner")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="one_document_version_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def download_name(self) -> str:
        """The file name offered on download: the document's title with the recognised type."""
        from django.utils.text import get_valid_filename

        stem = get_valid_filename(self.document.title)[:80] or "dokument"
        return f"{stem}-v{self.number}.{self.extension}"
