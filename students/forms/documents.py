"""Forms for documents, and the upload handler that enforces the size limit while the file is
received, before anything is stored."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext_lazy as _

from stu_case.forms import DkfdsFormMixin
from students.models import DocumentKind
from students.models.document_types import ALLOWED_LABELS, detect_file
from students.services.documents import too_large_message, type_refused_message

# Room for the form's other fields and the multipart boundaries in a request's length.
REQUEST_OVERHEAD = 64 * 1024


class DocumentSizeLimitHandler(FileUploadHandler):
    """First in the chain of upload handlers on the document views: counts a file's bytes as
    they arrive and drops the file (``SkipFile``) as soon as it passes
    ``settings.STU_DOCUMENT_MAX_BYTES``, before the next handlers write it anywhere. A request
    whose declared length is already too large is refused at the first file without reading
    it. Sets ``request.document_too_large`` for the view to show the error."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.STU_DOCUMENT_MAX_BYTES
        self.request_too_large = False
        self.received = 0
        request.document_too_large = False

    def handle_raw_input(self, _input_data, _meta, content_length, _boundary, _encoding=None):
        self.request_too_large = bool(content_length) and (
            content_length > self.limit + REQUEST_OVERHEAD
        )

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.received = 0
        if self.request_too_large or (content_length and content_length > self.limit):
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, _file_size):
        return None

    def _refuse(self):
        self.request.document_too_large = True
        raise SkipFile


def allowed_types_hint() -> str:
    return _(
        "Tilladte filtyper: %(types)s. Filtypen afgøres af filens indhold, ikke af navnet. "
        "Højst %(mb)s MB."
    ) % {
        "types": ", ".join(ALLOWED_LABELS),
        "mb": settings.STU_DOCUMENT_MAX_BYTES // (1024 * 1024) or 1,
    }


class _FileFormMixin:
    """The file field, checked from its content; ``too_large`` comes from the handler."""

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].help_text = allowed_types_hint()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return upload
        if upload.size > settings.STU_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        if detect_file(upload) is None:
            raise forms.ValidationError(type_refused_message())
        return upload

    def full_clean(self):
        super().full_clean()
        if self.too_large and self.is_bound:
            self.errors.pop("file", None)
            self.add_error("file", too_large_message())


class DocumentUploadForm(_FileFormMixin, DkfdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("Fil"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.odt"}),
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)
    shared_with_institution = forms.BooleanField(
        label=_("Del med den unges STU-institution"),
        required=False,
        help_text=_("Personalet på den unges nuværende institution kan så se og hente dokumentet."),
    )

    def __init__(self, *args, institution_upload: bool, may_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if institution_upload:
            self.fields["kind"].choices = [
                (DocumentKind.PROGRESS_REPORT, DocumentKind.PROGRESS_REPORT.label)
            ]
            self.fields["kind"].initial = DocumentKind.PROGRESS_REPORT
        if not may_share:
            del self.fields["shared_with_institution"]


class DocumentVersionForm(_FileFormMixin, DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Ny version af filen"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.odt"}),
    )
    note = forms.CharField(label=_("Hvad er ændret?"), max_length=300, required=False)


class DocumentDeleteForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse for sletning"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Begrundelsen gemmes og kan ses af teamet. Dokumentet kan derefter ikke længere hentes."
        ),
    )
