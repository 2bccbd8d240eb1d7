"""Pages of the journal and documents areas for the accessibility test and the screenshots,
with the data they need (``from .journal_pages import journal_demo, journal_pages``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage, _submit


@pytest.fixture
def journal_demo(
    municipality, institution, uu_user, forvaltning_user, institution_user, enrolled_person
):
    """Sofie's journal (a locked note with a correction, notes for the institution, a note on
    a goal) and documents (one with two versions, one shared, the institution's progress
    report, one deleted with its reason)."""
    from students.models import DocumentKind, JournalNote, NoteKind
    from students.services import documents as document_services
    from tests import factories
    from tests.students.factories_documents import PNG, docx, make_document, upload
    from tests.students.factories_journal import JournalNoteFactory

    today = timezone.localdate()
    sofie = enrolled_person
    goal = factories.PlanGoalFactory(plan=sofie.plan, created_by=uu_user)
    old = JournalNoteFactory(
        person=sofie,
        author=uu_user,
        kind=NoteKind.MEETING,
        occurred_on=today - timedelta(days=20),
        present="Sofie, moren og kontaktlæreren",
        text="Møde på skolen. Aftalt at Sofie prøver praktik i køkkenet to dage om ugen.",
    )
    JournalNote.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=20))
    JournalNoteFactory(
        person=sofie,
        author=forvaltning_user,
        kind=NoteKind.MEETING,
        occurred_on=today - timedelta(days=19),
        corrects=old,
        text="Rettelse: praktikken er tre dage om ugen, ikke to.",
    )
    JournalNoteFactory(
        person=sofie,
        author=uu_user,
        kind=NoteKind.PHONE,
        occurred_on=today - timedelta(days=3),
        present="Sofie",
        text="Sofie ringede: bussen kører ikke længere kl. 7.10. Hun vil gerne have hjælp til "
        "at finde en ny rute.",
        for_institution=True,
        goal=goal,
    )
    recent = JournalNoteFactory(
        person=sofie,
        author=uu_user,
        kind=NoteKind.EMAIL,
        occurred_on=today,
        present="Institutionen",
        text="Mail til institutionen om den nye busrute og mødetid kl. 8.30.",
    )
    two_versions = make_document(
        sofie, uu_user, title="Psykologudtalelse", kind=DocumentKind.ASSESSMENT
    )
    document_services.document_add_version(
        document=two_versions,
        upload=upload(docx(), "udtalelse-rettet.docx"),
        user=uu_user,
        note="Rettet stavefejl i navnet",
    )
    make_document(
        sofie,
        uu_user,
        title="Skoleudtalelse 10. klasse",
        kind=DocumentKind.SCHOOL_REPORT,
        shared=True,
    )
    make_document(
        sofie,
        institution_user,
        title="Statusrapport efterår",
        kind=DocumentKind.PROGRESS_REPORT,
        content=PNG,
        institution=institution,
    )
    deleted = make_document(sofie, uu_user, title="Samtykkeerklæring", kind=DocumentKind.CONSENT)
    document_services.document_delete(
        document=deleted, reason="Lagt på den forkerte unge", user=uu_user
    )
    return {
        "uu": uu_user,
        "institution_user": institution_user,
        "sofie": sofie,
        "old": old,
        "recent": recent,
        "document": two_versions,
        "deleted": deleted,
    }


def _clear_and_submit(selector: str):
    def act(page):
        page.fill(selector, "")
        _submit()(page)

    return act


def _upload_html_as_pdf(page):
    page.fill("#id_title", "Udtalelse")
    page.set_input_files(
        "#id_file",
        files=[
            {"name": "udtalelse.pdf", "mimeType": "application/pdf", "buffer": b"<html>x</html>"}
        ],
    )
    _submit()(page)


@pytest.fixture
def journal_pages(journal_demo) -> list[SitePage]:
    d = journal_demo
    uu, inst = d["uu"], d["institution_user"]
    s = d["sofie"].pk
    doc = d["document"].pk

    def u(name, *args):
        return reverse(name, args=args)

    return [
        SitePage("journal_person_uu", uu, u("students:detail", s) + "#journal"),
        SitePage("journal_person_institution", inst, u("students:detail", s) + "#journal"),
        SitePage("journal_create", uu, u("students:journal_create", s)),
        SitePage("journal_create_error", uu, u("students:journal_create", s), _submit()),
        SitePage("journal_edit", uu, u("students:journal_edit", s, d["recent"].pk)),
        SitePage("journal_correct", uu, u("students:journal_correct", s, d["old"].pk)),
        SitePage(
            "journal_correct_error",
            uu,
            u("students:journal_correct", s, d["old"].pk),
            _clear_and_submit("#id_text"),
        ),
        SitePage("plan_print_journal", uu, u("students:plan_print", s) + "?journal=1"),
        SitePage("document_upload", uu, u("students:document_upload", s)),
        SitePage(
            "document_upload_error", uu, u("students:document_upload", s), _upload_html_as_pdf
        ),
        SitePage("document_upload_institution", inst, u("students:document_upload", s)),
        SitePage("document_detail", uu, u("students:document_detail", s, doc)),
        SitePage("document_detail_deleted", uu, u("students:document_detail", s, d["deleted"].pk)),
        SitePage("document_version", uu, u("students:document_version", s, doc)),
        SitePage("document_version_error", uu, u("students:document_version", s, doc), _submit()),
        SitePage("document_delete", uu, u("students:document_delete", s, doc)),
        SitePage("document_delete_error", uu, u("students:document_delete", s, doc), _submit()),
    ]
