"""The kinds of letter students sends: the education plan and the hearing (partshøring) before
a decision. Imported by ``StudentsConfig.ready``, which registers them; the built-in text is
used until an administrator writes a template (``LetterTemplate``) in the admin.

Higher apps declare their own kinds in ``<app>/letters.py`` and send them with
``students.services.letters.letter_create``."""

from django.utils.translation import gettext_lazy as _

from students.models.letters import LetterKind, Section

CONTACT = (
    "Du er altid velkommen til at kontakte {kontaktperson}, hvis du har spørgsmål eller vil "
    "have hjælp til at læse brevet. Du kan tage en bisidder med til møder."
)

PLAN = LetterKind(
    "plan",
    _("Uddannelsesplan"),
    sections=(Section.BODY, Section.CONTACT),
    defaults={
        "title": "Din uddannelsesplan",
        "summary_decided": "Vi har skrevet din uddannelsesplan. Den står i dette brev.",
        "summary_meaning": "Planen viser, hvad du skal lære, og hvor du skal være.",
        "summary_action": (
            "Læs planen. Kontakt os, hvis der er noget, du vil have ændret. Planen bliver "
            "revideret mindst én gang om året sammen med dig."
        ),
        "easy_read": (
            "Her er din plan.\n\nPlanen siger, hvad du skal lære.\n\n"
            "Er der noget, du vil ændre? Så ring til {kontaktperson}."
        ),
        "legal_basis": "STU-loven § 4 (uddannelsesplanen).",
        "contact": CONTACT,
    },
)

HEARING = LetterKind(
    "hearing",
    _("Partshøring"),
    sections=(Section.DRAFT, Section.FACTS, Section.LEGAL_BASIS, Section.ANSWER, Section.CONTACT),
    defaults={
        "title": "Vi vil gerne høre din mening, før vi beslutter",
        "summary_decided": "Vi har ikke besluttet noget endnu. Vi overvejer: {udkast}",
        "summary_meaning": (
            "Før vi beslutter, skal du have mulighed for at se de oplysninger, vi lægger vægt "
            "på, og sige din mening."
        ),
        "summary_action": (
            "Svar os senest {svarfrist}. Du kan skrive, ringe eller komme forbi. Hvis vi ikke "
            "hører fra dig, beslutter vi ud fra de oplysninger, vi har."
        ),
        "easy_read": (
            "Vi har ikke besluttet noget endnu.\n\nVi vil gerne høre, hvad du mener.\n\n"
            "Svar os senest {svarfrist}.\n\nRing til {kontaktperson}, hvis du vil have hjælp."
        ),
        "legal_basis": "Forvaltningsloven § 19 (partshøring).",
        "contact": CONTACT,
    },
)
