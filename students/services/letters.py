"""The one letter service: every decision and message to the young person is a ``Letter``.

``letter_create`` fills the kind's template (the municipality's, else the common one, else the
kind's built-in text) with the case's values, checks that every section the kind requires has
content, renders the letter and its easy-read version as tagged PDF (PDF/UA-1, through
``stu_case.pdf``), stores them in private storage with the recipients, and queues it for
sending after commit (``letters_outbox``). A hearing letter (partshøring) has an answer
deadline; ``hearing_require_settled`` is how a decision service refuses to decide too early.

Recipients: the young person; under 18 also the holders of custody; from 18 a representative
(power of attorney, party representative, guardian) where one is registered, and the parents
only with the young person's consent (DOMAIN.md, relatives and representatives).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stu_case.formats import short_date
from stu_case.pdf import ACCESSIBLE, render_pdf
from students.models import Representation, YoungPerson
from students.models.letters import (
    Letter,
    LetterKind,
    LetterRecipient,
    LetterTemplate,
    Section,
)
from students.selectors import letters as letter_selectors
from students.selectors import people as people_selectors

REPRESENTATIVES = (
    Representation.POWER_OF_ATTORNEY,
    Representation.PARTY_REPRESENTATIVE,
    Representation.LEGAL_GUARDIAN,
)
#: The shortest answer deadline a hearing letter may give (days from today).
HEARING_MIN_DAYS = 7
YOUNG_PERSON = "den unge"


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str
    role: str
    relative_id: int | None = None


def recipients_for(person: YoungPerson, *, on: date | None = None) -> list[Recipient]:
    """Who gets the letter, each with the reason (their role)."""
    on = on or timezone.localdate()
    result = [Recipient(person.full_name, person.address, YOUNG_PERSON)]
    relatives = list(person.relatives.all().order_by("name", "pk"))
    if person.age_on(on) < 18:
        return result + [
            Recipient(r.name, r.address, "indehaver af forældremyndigheden", r.pk)
            for r in relatives
            if r.has_custody
        ]
    consent = people_selectors.active_consent(person=person)
    parents_allowed = people_selectors.parents_may_be_involved(person=person, consent=consent)
    for r in relatives:
        if r.representation in REPRESENTATIVES:
            result.append(
                Recipient(r.name, r.address, r.get_representation_display().lower(), r.pk)
            )
        elif parents_allowed and r.is_parent:
            result.append(Recipient(r.name, r.address, "forælder (med den unges samtykke)", r.pk))
    return result


def template_for(kind: LetterKind, municipality) -> LetterTemplate:
    """The municipality's template for ``kind``, else the common one, else the built-in text
    (an unsaved template)."""
    template = (
        LetterTemplate.objects.filter(kind=kind)
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .order_by(F("municipality_id").asc(nulls_last=True))
        .first()
    )
    return template or LetterTemplate(kind=kind, **kind.defaults)


_NAME = re.compile(r"\{(\w+)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{name}`` it has a value for replaced (others are left as written)."""
    return _NAME.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


@dataclass
class LetterContent:
    """What the case says: the text of sections (``Section`` code → text) and the values the
    template's ``{names}`` are filled with. A section without case text takes the template's
    block (legal basis, appeal guidance, contact)."""

    sections: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


def _appeal_text(template: LetterTemplate, case_text: str, today: date) -> str:
    """The case's own appeal guidance (with its deadline), else the template's; then where to
    appeal and, when the template sets one and the case did not, the deadline."""
    parts = [case_text or template.appeal_guidance]
    if template.appeal_body:
        parts.append(_("Klagen sendes til: %(body)s.") % {"body": template.appeal_body})
    if template.appeal_deadline_weeks and not case_text:
        deadline = today + timedelta(weeks=template.appeal_deadline_weeks)
        parts.append(_("Klagefristen er %(date)s.") % {"date": short_date(deadline)})
    return "\n\n".join(p.strip() for p in parts if p and p.strip()) if parts[0] else ""


def _section_text(section, template, content: LetterContent, values, today) -> str:
    text = (content.sections.get(section) or "").strip()
    if section == Section.APPEAL:
        return fill(_appeal_text(template, text, today), values)
    block = {Section.LEGAL_BASIS: template.legal_basis, Section.CONTACT: template.contact}
    if section in block:
        text = "\n\n".join(t for t in (text, fill(block[section], values).strip()) if t)
    return text


def _sections(kind, template, content: LetterContent, values, today) -> list[tuple[str, str]]:
    result, missing = [], []
    for section in kind.sections:
        text = _section_text(section, template, content, values, today)
        if not text:
            missing.append(str(Section(section).label))
        result.append((str(section), text))
    for section, text in content.sections.items():  # optional sections the kind allows
        if section not in kind.sections and (text or "").strip():
            result.append((str(section), text.strip()))
    if missing:
        raise ValidationError(
            _("Brevet mangler indhold i: %(sections)s.") % {"sections": ", ".join(missing)}
        )
    order = list(Section.values)
    return sorted(result, key=lambda item: order.index(item[0]))


def _render(template_name: str, context: dict) -> bytes:
    with translation.override("da"):
        return render_pdf(render_to_string(template_name, context), variant=ACCESSIBLE)


def _values(person: YoungPerson, content: LetterContent) -> dict[str, str]:
    contact = person.contact_person
    values = {
        "navn": person.full_name,
        "kommune": str(person.municipality),
        "kontaktperson": (contact.get_full_name() or contact.username) if contact else "os",
        "dato": short_date(timezone.localdate()),
    }
    return values | content.values


@transaction.atomic
def letter_create(
    *,
    person: YoungPerson,
    kind: LetterKind,
    subject: str,
    content: LetterContent,
    user,
    answer_deadline: date | None = None,
    send: bool = True,
) -> Letter:
    """Render and store a new version of the letter about ``subject`` (a letter once made is
    never changed), record its recipients and queue it for sending when ``send``."""
    kind = LetterKind.get(kind)
    today = timezone.localdate()
    template = template_for(kind, person.municipality)
    values = _values(person, content)
    if answer_deadline:
        values["svarfrist"] = short_date(answer_deadline)
    sections = _sections(kind, template, content, values, today)
    recipients = recipients_for(person, on=today)
    last = Letter.objects.filter(subject=subject, kind=kind).aggregate(m=Max("version"))["m"]
    letter = Letter(
        person=person,
        kind=kind,
        subject=subject,
        version=(last or 0) + 1,
        title=fill(template.title, values),
        sections=dict(sections),
        answer_deadline=answer_deadline,
        created_by=user,
    )
    summary = [
        (_("Det har vi besluttet"), fill(template.summary_decided, values)),
        (_("Hvad betyder det for dig"), fill(template.summary_meaning, values)),
        (_("Hvad kan du gøre"), fill(template.summary_action, values)),
    ]
    context = {
        "letter": letter,
        "person": person,
        "municipality": person.municipality,
        "recipients": recipients,
        "summary": summary,
        "sections": [(Section(code).label, text) for code, text in sections],
        "today": today,
        "easy_read": [p.strip() for p in fill(template.easy_read, values).split("\n\n") if p],
    }
    name = f"{person.pk}-{kind}-{letter.send_key}"
    letter.pdf.save(
        f"{name}.pdf", ContentFile(_render("students/letters/letter.pdf.html", context)), save=False
    )
    if context["easy_read"]:
        letter.easy_read_pdf.save(
            f"{name}-let.pdf",
            ContentFile(_render("students/letters/easy_read.pdf.html", context)),
            save=False,
        )
    letter.full_clean()
    letter.save()
    LetterRecipient.objects.bulk_create(
        LetterRecipient(
            letter=letter, name=r.name, address=r.address, role=r.role, relative_id=r.relative_id
        )
        for r in recipients
    )
    if send:
        from students.services.letters_outbox import letter_queue

        letter_queue(letter=letter)
    return letter


# ---------------------------------------------------------------- partshøring
def hearing_deadline_check(deadline: date | None) -> None:
    """A hearing's deadline must leave the parties time to answer."""
    if deadline is None or deadline < timezone.localdate() + timedelta(days=HEARING_MIN_DAYS):
        raise ValidationError(
            {
                "deadline": _("Svarfristen skal være mindst %(days)s dage fra i dag.")
                % {"days": HEARING_MIN_DAYS}
            }
        )


def hearing_send(
    *, person: YoungPerson, subject: str, draft: str, facts: str, deadline: date, user
) -> Letter:
    """Send the draft decision to the parties with a deadline for their answer."""
    hearing_deadline_check(deadline)
    from students.letters import HEARING

    content = LetterContent(
        sections={Section.DRAFT: draft, Section.FACTS: facts, Section.ANSWER: ""},
        values={"udkast": draft},
    )
    content.sections[Section.ANSWER] = _(
        "Send dit svar senest %(date)s. Du kan også ringe eller komme forbi, så skriver vi dine "
        "bemærkninger ned."
    ) % {"date": short_date(deadline)}
    return letter_create(
        person=person,
        kind=HEARING,
        subject=subject,
        content=content,
        user=user,
        answer_deadline=deadline,
    )


@transaction.atomic
def hearing_answer_register(*, letter: Letter, answered_on: date, answer: str) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.answer_deadline is None:
        raise ValidationError(_("Brevet er ikke en partshøring."))
    errors = {}
    if answered_on > timezone.localdate():
        errors["answered_on"] = _("Svaret kan ikke være modtaget i fremtiden.")
    if answered_on < letter.created_at.date():
        errors["answered_on"] = _("Svaret kan ikke komme før partshøringen.")
    if not answer.strip():
        errors["answer"] = _("Skriv hvad den unge eller de pårørende svarede.")
    if errors:
        raise ValidationError(errors)
    letter.answered_on = answered_on
    letter.answer = answer.strip()
    letter.save(update_fields=["answered_on", "answer"])
    return letter


def hearing_require_settled(*, subject: str, today: date | None = None) -> None:
    """Refuse a decision about ``subject`` while a hearing about it waits for its deadline and
    no answer is registered (forvaltningsloven § 19)."""
    today = today or timezone.localdate()
    pending = (
        Letter.objects.filter(subject=subject, answer_deadline__gte=today, answered_on__isnull=True)
        .order_by("-answer_deadline")
        .first()
    )
    if pending is not None:
        raise ValidationError(
            _(
                "Partshøringen er ikke afsluttet: svarfristen er %(date)s, og der er ikke "
                "registreret noget svar. Vent til fristen er udløbet, eller registrér svaret."
            )
            % {"date": short_date(pending.answer_deadline)}
        )


def hearings_flag_overdue(*, today: date | None = None) -> dict:
    """Periodic: a flag on each young person whose hearing's deadline has passed without an
    answer while nothing has been decided about its subject; resolved when an answer is
    registered or a decision letter is made (safe to run twice)."""
    from students import flags as student_flags
    from students.services import flags as flag_services

    today = today or timezone.localdate()
    overdue = (
        letter_selectors.pending_hearings()
        .filter(answer_deadline__lt=today)
        .order_by("answer_deadline")
    )
    due = {
        letter.person_id: flag_services.FlagDue(
            details=_(
                "Svarfristen for »%(title)s« var %(date)s. Registrér svaret eller træf afgørelsen."
            )
            % {"title": letter.title, "date": short_date(letter.answer_deadline)}
        )
        for letter in overdue
    }
    sync = flag_services.flags_sync(
        kind=student_flags.HEARING_OVERDUE,
        due=due,
        reason=_("Svaret er registreret, eller der er truffet afgørelse."),
        resolved_by="hearings_flag_overdue",
    )
    return {"overdue": len(due), "raised": len(sync.raised), "resolved": sync.resolved}


def plan_letter_send(*, person: YoungPerson, user) -> Letter:
    """Send the education plan as it is now to the young person (and those entitled)."""
    from students.letters import PLAN

    plan = person.plan
    parts = [
        (plan._meta.get_field(name).verbose_name, getattr(plan, name))
        for name in ("young_person_words", "activities", "general_part", "specific_part")
    ]
    body = "\n\n".join(f"{label}:\n{text}" for label, text in parts if text.strip())
    if not body:
        raise ValidationError(_("Planen er tom. Skriv planen, før den sendes til den unge."))
    return letter_create(
        person=person,
        kind=PLAN,
        subject=f"students.plan:{plan.pk}",
        content=LetterContent(sections={Section.BODY: body}),
        user=user,
    )
