"""Documents about a young person: upload, the document's page with its versions, a new
version, delete with a reason, and the one way a file leaves the system: the permission-checked
download (``Cache-Control: no-store``, attachment, ``nosniff``, one access-log row each).

The upload views add ``DocumentSizeLimitHandler`` before the request body is read, so a file
over the limit is dropped while it arrives; that is why they are CSRF-exempt outside and
CSRF-protected inside (Django reads the body for the CSRF check)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.documents import (
    DocumentDeleteForm,
    DocumentSizeLimitHandler,
    DocumentUploadForm,
    DocumentVersionForm,
)
from students.selectors import documents as document_selectors
from students.selectors import people as people_selectors
from students.services import documents as document_services
from students.views.people import _require


def _documents_section(person):
    return redirect(reverse("students:detail", args=[person.pk]) + "#documents")


def _limit_uploads(view):
    """Put the size limit first among the upload handlers, then check CSRF as usual."""
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            request.upload_handlers.insert(0, DocumentSizeLimitHandler(request))
        return protected(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _uploading_institution(user, person):
    """The institution an institution-staff upload is made for: the person's current one."""
    if not permissions.is_institution_staff_only(user):
        return None
    current = person.enrolments.current()
    return (
        permissions.institutions_for(user)
        .filter(pk=getattr(current, "institution_id", None))
        .first()
    )


@_limit_uploads
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.UPLOAD_DOCUMENT, person)
    institution = _uploading_institution(request.user, person)
    form = DocumentUploadForm(
        request.POST or None,
        request.FILES or None,
        institution_upload=permissions.is_institution_staff_only(request.user),
        may_share=permissions.can(request.user, Action.SHARE_DOCUMENT, person),
        too_large=getattr(request, "document_too_large", False),
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            document_services.document_upload(
                person=person,
                kind=cd["kind"],
                title=cd["title"],
                upload=cd["file"],
                user=request.user,
                shared_with_institution=cd.get("shared_with_institution", False),
                institution=institution,
                note=cd["note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Dokumentet er lagt ind."))
            return _documents_section(person)
    return render(
        request, "students/documents/upload.html", {"person": person, "form": form, "new": True}
    )


@require_GET
def document_detail(request, pk, document_id):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.VIEW_DOCUMENTS, person)
    document = document_selectors.document_for(
        user=request.user, person=person, document_id=document_id
    )
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af dokument"))
    user = request.user
    return render(
        request,
        "students/documents/detail.html",
        {
            "person": person,
            "document": document,
            "versions": document_selectors.document_versions(document=document),
            "can_replace": permissions.can(user, Action.REPLACE_DOCUMENT, document),
            "can_delete": permissions.can(user, Action.DELETE_DOCUMENT, document),
            "can_share": (
                not document.is_deleted
                and document.uploaded_by_institution_id is None
                and permissions.can(user, Action.SHARE_DOCUMENT, person)
            ),
        },
    )


def _document_or_403(request, pk, document_id, action: Action):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.VIEW_DOCUMENTS, person)
    document = document_selectors.document_for(
        user=request.user, person=person, document_id=document_id
    )
    if not permissions.can(request.user, action, document):
        raise PermissionDenied
    return person, document


@_limit_uploads
@require_http_methods(["GET", "POST"])
def document_version(request, pk, document_id):
    person, document = _document_or_403(request, pk, document_id, Action.REPLACE_DOCUMENT)
    form = DocumentVersionForm(
        request.POST or None,
        request.FILES or None,
        too_large=getattr(request, "document_too_large", False),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = document_services.document_add_version(
                document=document,
                upload=form.cleaned_data["file"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Version %(n)s af dokumentet er lagt ind.") % {"n": version.number}
            )
            return redirect("students:document_detail", pk=person.pk, document_id=document.pk)
    return render(
        request,
        "students/documents/upload.html",
        {"person": person, "form": form, "document": document, "new": False},
    )


@require_POST
def document_share(request, pk, document_id):
    """Share the document with the person's current institution (``del=1``) or stop sharing."""
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.VIEW_DOCUMENTS, person)
    document = document_selectors.document_for(
        user=request.user, person=person, document_id=document_id
    )
    _require(request.user, Action.SHARE_DOCUMENT, person)
    shared = request.POST.get("del") == "1"
    try:
        document_services.document_set_shared(document=document, shared=shared)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Dokumentet er delt med institutionen.")
            if shared
            else _("Dokumentet er ikke længere delt med institutionen."),
        )
    return redirect("students:document_detail", pk=person.pk, document_id=document.pk)


@require_http_methods(["GET", "POST"])
def document_delete(request, pk, document_id):
    person, document = _document_or_403(request, pk, document_id, Action.DELETE_DOCUMENT)
    form = DocumentDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_delete(
                document=document, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Dokumentet er slettet. Begrundelsen er gemt."))
            return _documents_section(person)
    return render(
        request,
        "students/documents/delete.html",
        {"person": person, "form": form, "document": document},
    )


@require_GET
def document_download(request, pk, document_id, number):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.VIEW_DOCUMENTS, person)
    version = document_selectors.version_for_download(
        user=request.user, person=person, document_id=document_id, number=number
    )
    access_log_write(
        request=request,
        person_ids=[person.pk],
        action=AccessAction.DOWNLOAD,
        purpose=gettext_lazy("Download af dokument"),
        details=f"{version.document.get_kind_display()}: {version.document.title} "
        f"(dokument {version.document.pk}, version {version.number})",
    )
    response = FileResponse(
        document_services.document_open(version),
        as_attachment=True,
        filename=version.download_name(),
        content_type=version.content_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
