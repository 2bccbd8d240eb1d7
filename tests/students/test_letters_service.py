"""The one letter service: templates, required sections, recipients, accessible PDFs."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from students.models import Relation, Representation
from students.models.letters import Letter, LetterKind, LetterStatus, LetterTemplate, Section
from students.services import letters as letter_services
from tests.factories import ParentalConsentFactory, RelativeFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db

CASE_TEXT = {
    Section.DECISION: "Afgørelsens tekst.",
    Section.DRAFT: "Udkast til afgørelse.",
    Section.BODY: "Planens indhold.",
    Section.FACTS: "Sagens fakta her.",
    Section.CONSIDERATIONS: "Hovedhensyn her.",
    Section.JUSTIFICATION: "Begrundelse her.",
    Section.ANSWER: "Svar os senest om to uger.",
    Section.APPEAL: "",
}


def pdf_text(field) -> str:
    with field.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_root(field):
    with field.open("rb") as f:
        return PdfReader(io.BytesIO(f.read())).trailer["/Root"]


def make(person, user, kind, **kwargs):
    content = letter_services.LetterContent(
        sections={s: CASE_TEXT[s] for s in LetterKind.get(kind).sections if s in CASE_TEXT},
        values={"institution": "STU Vejle", "start": "01.08.2027", "andet_tilbud": "FGU"},
    )
    if Section.APPEAL in LetterKind.get(kind).sections:
        content.sections[Section.APPEAL] = content.sections[Section.APPEAL] or "Du kan klage."
    return letter_services.letter_create(
        person=person, kind=kind, subject=f"test:{kind}", content=content, user=user, **kwargs
    )


@pytest.mark.parametrize("kind", [str(k) for k in LetterKind.declared()])
def test_every_kind_renders_a_tagged_pdf_with_its_required_sections(
    kind, person, uu_user, pdf_url_fetchers
):
    letter = make(person, uu_user, kind)
    text = pdf_text(letter.pdf)
    for heading in ("Det har vi besluttet", "Hvad betyder det for dig", "Hvad kan du gøre"):
        assert heading in text
    for section in LetterKind.get(kind).sections:
        assert str(Section(section).label) in text, section
    assert person.full_name in text
    root = pdf_root(letter.pdf)
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "da"
    assert set(pdf_url_fetchers) == {"DenyAllURLFetcher"}
    easy = pdf_text(letter.easy_read_pdf)
    assert "Det fulde brev er sendt sammen med dette brev." in easy
    assert "/StructTreeRoot" in pdf_root(letter.easy_read_pdf)


def test_a_decision_letter_without_reasons_is_refused_and_nothing_is_stored(person, uu_user):
    content = letter_services.LetterContent(sections={Section.DECISION: "Afslag."})
    with pytest.raises(ValidationError) as exc:
        letter_services.letter_create(
            person=person, kind="stu_refused", subject="x", content=content, user=uu_user
        )
    assert "Brevet mangler indhold i: Sagens fakta, Hovedhensyn, Begrundelse" in str(exc.value)
    assert not Letter.objects.exists()


def test_the_administrators_template_wins_and_names_are_filled_in(person, uu_user):
    LetterTemplate.objects.create(
        kind="plan",
        municipality=person.municipality,
        title="Planen for {navn}",
        summary_decided="Hej {navn}.",
        summary_meaning="Betydning.",
        summary_action="Ring {ukendt}.",
        contact="Ring til os.",
    )
    letter = make(person, uu_user, "plan")
    text = pdf_text(letter.pdf)
    assert f"Planen for {person.full_name}" in text
    assert "Ring {ukendt}." in text  # an unknown name is left as written
    assert not letter.easy_read_pdf  # the template has no easy-read text


def test_versions_count_per_subject_and_kind(person, uu_user):
    first, second = make(person, uu_user, "plan"), make(person, uu_user, "plan")
    assert (first.version, second.version) == (1, 2)
    assert first.pdf.name != second.pdf.name


def test_the_pdf_is_stored_outside_the_served_roots(person, uu_user, settings):
    letter = make(person, uu_user, "plan")
    path = letter.pdf.path
    assert path.startswith(str(settings.STU_PRIVATE_STORAGE_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        letter.pdf.url  # noqa: B018


@pytest.mark.time_machine("2027-03-01 10:00 +01:00")
def test_recipients_under_18_are_the_holders_of_custody(municipality, uu_user):
    minor = YoungPersonFactory(municipality=municipality, born=date(2011, 5, 1))
    RelativeFactory(person=minor, name="Mor Med", has_custody=True)
    RelativeFactory(person=minor, name="Far Uden", relation=Relation.FATHER, has_custody=False)
    letter = make(minor, uu_user, "plan")
    assert [r.role for r in letter.recipients.all()] == [
        "den unge",
        "indehaver af forældremyndigheden",
    ]


@pytest.mark.time_machine("2027-03-01 10:00 +01:00")
def test_over_18_parents_get_a_copy_only_with_consent(municipality, uu_user):
    adult = YoungPersonFactory(municipality=municipality, born=date(2005, 5, 1))
    RelativeFactory(person=adult, name="Anna Mor", has_custody=False)
    RelativeFactory(
        person=adult,
        name="Bo Værge",
        relation=Relation.OTHER,
        representation=Representation.LEGAL_GUARDIAN,
    )
    assert [r.name for r in make(adult, uu_user, "plan").recipients.all()] == [
        adult.full_name,
        "Bo Værge",
    ]
    ParentalConsentFactory(person=adult, involve_parents=True, recorded_by=uu_user)
    names = [r.name for r in make(adult, uu_user, "plan").recipients.all()]
    assert names == [adult.full_name, "Anna Mor", "Bo Værge"]


def test_a_new_letter_is_queued_and_sent_after_commit_on_the_print_channel(
    person, uu_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = make(person, uu_user, "plan")
        assert Letter.objects.get(pk=letter.pk).status == LetterStatus.QUEUED
    letter.refresh_from_db()
    assert letter.status == LetterStatus.PAPER
    assert [a.ok for a in letter.attempts.all()] == [True]


def test_hearing_deadline_must_leave_time_to_answer(person, uu_user):
    with pytest.raises(ValidationError) as exc:
        letter_services.hearing_send(
            person=person,
            subject="s",
            draft="Afslag",
            facts="Fakta",
            deadline=timezone.localdate() + timedelta(days=2),
            user=uu_user,
        )
    assert "mindst 7 dage" in str(exc.value)
