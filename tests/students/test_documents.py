"""Documents: types checked from the content, the size limit enforced while the file arrives,
private storage, the permission matrix, one access-log row per download, versions, and
delete with a reason."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stu_case.audit.models import AccessLog
from students.forms.documents import DocumentSizeLimitHandler
from students.models import Document, DocumentKind, DocumentVersion
from students.services import documents as document_services
from tests.students.factories_documents import (
    EXE,
    HTML,
    JPEG,
    PDF,
    PNG,
    docx,
    make_document,
    odt,
    upload,
)


def body(response) -> str:
    return html.unescape(response.content.decode())


def stored_files() -> list[Path]:
    root = Path(storages["documents"].location)
    return [p for p in root.rglob("*") if p.is_file()]


def upload_data(content=PDF, name="udtalelse.pdf", **overrides) -> dict:
    data = {
        "title": "Psykologudtalelse 2026",
        "kind": DocumentKind.STATEMENT,
        "file": upload(content, name),
        "note": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- file types
@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [
        (PDF, "a.pdf", "pdf"),
        (PNG, "scan.png", "png"),
        (JPEG, "foto.jpeg", "jpg"),
        (docx(), "brev.docx", "docx"),
        (odt(), "brev.odt", "odt"),
        # The name does not decide: a PDF called .docx is kept as the PDF it is.
        (PDF, "udtalelse.docx", "pdf"),
    ],
)
def test_allowed_types_are_recognised_from_the_content(
    content, name, extension, enrolled_person, uu_user, client_for
):
    url = reverse("students:document_upload", args=[enrolled_person.pk])
    response = client_for(uu_user).post(url, upload_data(content, name))
    assert response.status_code == 302, body(response)
    version = DocumentVersion.objects.get()
    assert (version.extension, version.original_name) == (extension, name)
    assert version.file_name.endswith(f".{extension}")
    assert str(enrolled_person.pk) in version.file_name
    assert enrolled_person.last_name not in version.file_name


@pytest.mark.parametrize("content", [EXE, HTML, b"just text", b""])
def test_a_pdf_name_holding_something_else_is_refused_in_danish(
    content, enrolled_person, uu_user, client_for
):
    url = reverse("students:document_upload", args=[enrolled_person.pk])
    response = client_for(uu_user).post(url, upload_data(content, "udtalelse.pdf"))
    assert response.status_code == 200
    text = body(response)
    assert "Filens indhold er ikke en tilladt filtype" in text or "Den indsendte fil er tom" in text
    assert not Document.objects.exists()
    assert stored_files() == []


def test_the_service_refuses_a_wrong_type_too(enrolled_person, uu_user):
    with pytest.raises(ValidationError, match="tilladt filtype"):
        make_document(enrolled_person, uu_user, content=HTML)
    assert not Document.objects.exists()
    assert stored_files() == []


def test_the_form_says_which_types_are_allowed(enrolled_person, uu_user, client_for):
    page = body(
        client_for(uu_user).get(reverse("students:document_upload", args=[enrolled_person.pk]))
    )
    assert "PDF, PNG, JPEG, DOCX, ODT" in page
    assert "afgøres af filens indhold" in page


# ---------------------------------------------------------------- the size limit
class RecordingHandler(FileUploadHandler):
    """Stands in for Django's handlers after ours: records every byte it would store."""

    received: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.received.append(len(raw_data))
        return None

    def file_complete(self, file_size):
        return None


def test_the_size_limit_is_enforced_before_the_file_is_stored(
    enrolled_person, uu_user, client_for, settings
):
    settings.STU_DOCUMENT_MAX_BYTES = 100 * 1024
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingHandler"]
    RecordingHandler.received = []
    big = PDF + b"0" * (1024 * 1024)  # 1 MB, ten times the limit
    response = client_for(uu_user).post(
        reverse("students:document_upload", args=[enrolled_person.pk]),
        upload_data(big),
    )
    assert response.status_code == 200
    assert "Filen er for stor. Den må højst fylde" in body(response)
    # The handlers behind ours saw at most the limit's worth of bytes (here: none, since the
    # request's declared length already gives it away), and nothing was stored.
    assert sum(RecordingHandler.received) <= settings.STU_DOCUMENT_MAX_BYTES
    assert not Document.objects.exists()
    assert stored_files() == []


def test_the_handler_drops_a_file_as_soon_as_it_passes_the_limit(settings):
    """A request whose length is not known ahead (chunked) is counted as it arrives."""
    settings.STU_DOCUMENT_MAX_BYTES = 1000
    request = RequestFactory().post("/")
    handler = DocumentSizeLimitHandler(request)
    handler.handle_raw_input(None, {}, None, b"x")
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x" * 600, 600)
    assert request.document_too_large is True


def test_a_request_declared_too_large_is_refused_at_the_first_file(settings):
    settings.STU_DOCUMENT_MAX_BYTES = 1000
    request = RequestFactory().post("/")
    handler = DocumentSizeLimitHandler(request)
    handler.handle_raw_input(None, {}, 10_000_000, b"x")
    with pytest.raises(SkipFile):
        handler.new_file("file", "a.pdf", "application/pdf", None)
    assert request.document_too_large is True


def test_a_file_just_under_the_limit_is_accepted(enrolled_person, uu_user, client_for, settings):
    settings.STU_DOCUMENT_MAX_BYTES = 100 * 1024
    content = PDF + b"0" * (100 * 1024 - len(PDF))
    response = client_for(uu_user).post(
        reverse("students:document_upload", args=[enrolled_person.pk]), upload_data(content)
    )
    assert response.status_code == 302
    assert DocumentVersion.objects.get().size == 100 * 1024


# ---------------------------------------------------------------- storage and download
def test_files_are_kept_outside_the_static_and_media_roots(settings):
    location = Path(storages["documents"].location).resolve()
    for root in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert not location.is_relative_to(Path(root).resolve())
    default = settings.BASE_DIR / "var" / "documents"
    assert not default.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_the_default_document_storage_is_a_private_folder_under_var():
    from stu_case import settings as project_settings

    options = project_settings.STORAGES["documents"]
    assert options["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert options["OPTIONS"]["location"].endswith("var/documents")


def test_a_download_is_an_attachment_not_cached_nor_sniffed_and_logged(
    enrolled_person, uu_user, client_for
):
    document = make_document(enrolled_person, uu_user, title="Skolerapport 9. klasse")
    url = reverse("students:document_download", args=[enrolled_person.pk, document.pk, 1])
    client = client_for(uu_user)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Skolerapport_9._klasse-v1.pdf" in response["Content-Disposition"]
    rows = AccessLog.objects.filter(action="download")
    assert rows.count() == 2
    row = rows.first()
    assert (row.user, row.person_id) == (uu_user, enrolled_person.pk)
    assert "Skolerapport 9. klasse" in row.details and "version 1" in row.details


# ---------------------------------------------------------------- who sees what
@pytest.fixture
def documents(enrolled_person, uu_user, institution_user, institution):
    return {
        "team_only": make_document(enrolled_person, uu_user, title="Kun teamet"),
        "shared": make_document(enrolled_person, uu_user, title="Delt udtalelse", shared=True),
        "own": make_document(
            enrolled_person,
            institution_user,
            title="Statusrapport forår",
            kind=DocumentKind.PROGRESS_REPORT,
            institution=institution,
        ),
    }


@pytest.mark.parametrize(
    ("user_fixture", "visible"),
    [
        ("uu_user", {"team_only", "shared", "own"}),
        ("leder_user", {"team_only", "shared", "own"}),
        ("institution_user", {"shared", "own"}),
    ],
)
def test_who_sees_and_downloads_which_document(
    user_fixture, visible, request, documents, enrolled_person, client_for
):
    client = client_for(request.getfixturevalue(user_fixture))
    page = body(client.get(reverse("students:detail", args=[enrolled_person.pk])))
    for key, document in documents.items():
        assert (document.title in page) == (key in visible), key
        for name, args in (
            ("students:document_detail", [enrolled_person.pk, document.pk]),
            ("students:document_download", [enrolled_person.pk, document.pk, 1]),
        ):
            status = client.get(reverse(name, args=args)).status_code
            assert status == (200 if key in visible else 404), (key, name)


@pytest.mark.parametrize("user_fixture", ["other_institution_user", "outsider", "visitation_user"])
def test_outsiders_get_404_on_every_document_url(
    user_fixture, request, documents, enrolled_person, client_for
):
    client = client_for(request.getfixturevalue(user_fixture))
    document = documents["shared"]
    for name, args in (
        ("students:document_detail", [enrolled_person.pk, document.pk]),
        ("students:document_download", [enrolled_person.pk, document.pk, 1]),
        ("students:document_version", [enrolled_person.pk, document.pk]),
        ("students:document_delete", [enrolled_person.pk, document.pk]),
        ("students:document_upload", [enrolled_person.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert not AccessLog.objects.filter(action="download").exists()


def test_institution_staff_upload_progress_reports_for_their_current_students_only(
    enrolled_person, person, institution, institution_user, client_for
):
    client = client_for(institution_user)
    url = reverse("students:document_upload", args=[enrolled_person.pk])
    page = body(client.get(url))
    assert "Statusrapport fra institutionen" in page
    assert "Psykologudtalelse" not in page and "Del med den unges" not in page
    # Another kind is refused even if posted.
    refused = client.post(url, upload_data(kind=DocumentKind.STATEMENT))
    assert refused.status_code == 200 and not Document.objects.exists()
    response = client.post(url, upload_data(kind=DocumentKind.PROGRESS_REPORT))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.uploaded_by_institution == institution
    assert document.shared_with_institution is False
    # A young person who is not their student: 404.
    other = reverse("students:document_upload", args=[person.pk])
    assert client.post(other, upload_data(kind=DocumentKind.PROGRESS_REPORT)).status_code == 404


def test_institution_staff_replace_only_their_own_institutions_documents(
    documents, enrolled_person, institution_user, client_for
):
    client = client_for(institution_user)
    own = reverse("students:document_version", args=[enrolled_person.pk, documents["own"].pk])
    shared = reverse("students:document_version", args=[enrolled_person.pk, documents["shared"].pk])
    assert client.post(own, {"file": upload(PNG, "rapport.png"), "note": ""}).status_code == 302
    assert client.post(shared, {"file": upload(PNG), "note": ""}).status_code == 403
    assert (
        client.get(
            reverse("students:document_delete", args=[enrolled_person.pk, documents["own"].pk])
        ).status_code
        == 403
    )


# ---------------------------------------------------------------- versions and deleting
def test_a_new_version_keeps_the_earlier_ones(enrolled_person, uu_user, client_for):
    document = make_document(enrolled_person, uu_user)
    client = client_for(uu_user)
    url = reverse("students:document_version", args=[enrolled_person.pk, document.pk])
    response = client.post(url, {"file": upload(docx(), "rettet.docx"), "note": "Rettet navn"})
    assert response.status_code == 302
    assert list(document.versions.order_by("number").values_list("number", "extension")) == [
        (1, "pdf"),
        (2, "docx"),
    ]
    for number, content_type in ((1, "application/pdf"), (2, "application/vnd.openxmlformats")):
        download = client.get(
            reverse("students:document_download", args=[enrolled_person.pk, document.pk, number])
        )
        assert download["Content-Type"].startswith(content_type)
    page = body(
        client.get(reverse("students:document_detail", args=[enrolled_person.pk, document.pk]))
    )
    assert "Rettet navn" in page and "rettet.docx" in page
    assert len(stored_files()) == 2


def test_delete_needs_a_reason_that_is_kept_and_stops_downloads(
    enrolled_person, uu_user, institution_user, client_for
):
    document = make_document(enrolled_person, uu_user, title="Forkert person", shared=True)
    client = client_for(uu_user)
    url = reverse("students:document_delete", args=[enrolled_person.pk, document.pk])
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "Dette felt er påkrævet" in body(refused)
    document.refresh_from_db()
    assert document.deleted_at is None

    assert client.post(url, {"reason": "Lagt på den forkerte unge"}).status_code == 302
    document.refresh_from_db()
    assert (document.deleted_by, document.delete_reason) == (uu_user, "Lagt på den forkerte unge")
    download = reverse("students:document_download", args=[enrolled_person.pk, document.pk, 1])
    assert client.get(download).status_code == 404
    page = body(client.get(reverse("students:detail", args=[enrolled_person.pk])))
    assert "Forkert person" in page and "Lagt på den forkerte unge" in page
    # The institution no longer sees the shared document at all.
    inst_page = body(
        client_for(institution_user).get(reverse("students:detail", args=[enrolled_person.pk]))
    )
    assert "Forkert person" not in inst_page
    with pytest.raises(ValidationError):
        document_services.document_delete(document=document, reason="igen", user=uu_user)
    with pytest.raises(ValidationError):
        document_services.document_add_version(document=document, upload=upload(), user=uu_user)


def test_a_failed_save_removes_the_stored_file(enrolled_person, uu_user, monkeypatch):
    document = make_document(enrolled_person, uu_user)

    def broken(*args, **kwargs):
        raise ValidationError("databasen svarer ikke")

    monkeypatch.setattr(DocumentVersion, "full_clean", broken)
    with pytest.raises(ValidationError):
        document_services.document_add_version(document=document, upload=upload(), user=uu_user)
    assert len(stored_files()) == 1
    assert document.versions.count() == 1


# ---------------------------------------------------------------- queries
@pytest.mark.parametrize("user_fixture", ["uu_user", "institution_user"])
def test_person_page_queries_do_not_grow_with_the_documents(
    user_fixture, request, enrolled_person, uu_user, institution, client_for
):
    user = request.getfixturevalue(user_fixture)
    client = client_for(user)
    url = reverse("students:detail", args=[enrolled_person.pk])

    def add(n):
        for i in range(n):
            document = Document.objects.create(
                person=enrolled_person,
                kind=DocumentKind.OTHER,
                title=f"Dokument {i}",
                shared_with_institution=i % 2 == 0,
                uploaded_by_institution=institution if i % 5 == 0 else None,
                created_by=uu_user,
            )
            DocumentVersion.objects.bulk_create(
                DocumentVersion(
                    document=document,
                    number=n_,
                    file_name=f"x/{document.pk}-{n_}.pdf",
                    original_name="a.pdf",
                    content_type="application/pdf",
                    extension="pdf",
                    size=1234,
                    sha256="0" * 64,
                    uploaded_by=uu_user,
                )
                for n_ in (1, 2)
            )

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    add(495)
    with CaptureQueriesContext(connection) as five_hundred:
        response = client.get(url)
    assert "Side 1 af" in body(response)
    assert len(five) == len(five_hundred), "\n".join(
        q["sql"] for q in five_hundred.captured_queries
    )


def test_the_setting_limit_is_twenty_megabytes_by_default():
    from stu_case import settings as project_settings

    assert project_settings.STU_DOCUMENT_MAX_BYTES == 20 * 1024 * 1024
    assert settings.STU_DOCUMENT_MAX_BYTES > 0


def test_the_team_shares_a_document_later_and_stops_sharing(
    enrolled_person, uu_user, institution_user, client_for
):
    document = make_document(enrolled_person, uu_user, title="Skoleudtalelse")
    url = reverse("students:document_share", args=[enrolled_person.pk, document.pk])
    detail = reverse("students:document_detail", args=[enrolled_person.pk, document.pk])
    inst = client_for(institution_user)
    assert inst.get(detail).status_code == 404
    assert client_for(uu_user).post(url, {"del": "1"}).status_code == 302
    assert inst.get(detail).status_code == 200
    assert inst.post(url, {"del": "0"}).status_code == 403
    client_for(uu_user).post(url, {"del": "0"})
    assert inst.get(detail).status_code == 404


def test_an_institution_upload_cannot_be_shared_or_unshared(
    documents, enrolled_person, uu_user, client_for
):
    with pytest.raises(ValidationError):
        document_services.document_set_shared(document=documents["own"], shared=True)
    page = body(
        client_for(uu_user).get(
            reverse("students:document_detail", args=[enrolled_person.pk, documents["own"].pk])
        )
    )
    assert "Del med institutionen" not in page
