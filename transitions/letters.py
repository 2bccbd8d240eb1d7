"""The kinds of letter transitions sends: a pause approved or refused, the interruption's
warning letter (step 2) and decision (step 3), and a moved end date. Imported by
``TransitionsConfig.ready`` (registered with students' letter kinds).

Sending one is ``students.services.letters.letter_create(person=..., kind=KIND,
subject="transitions.<model>:<id>", content=LetterContent(sections={...}, values={...}),
user=...)``: ``sections`` holds the case's text per ``Section`` (a decision needs the decision,
facts, main considerations and justification; legal basis, appeal guidance and contact come
from the template), ``values`` fills the template's ``{names}``. For a moved end date,
``transitions.services.pathway.end_date_moved_letter_send`` does this.
"""

from django.utils.translation import gettext_lazy as _

from students.letters import CONTACT
from students.models.letters import DECISION_SECTIONS, LetterKind, Section

STU_LAW = "Lov om ungdomsuddannelse for unge med særlige behov (STU-loven)"
APPEAL = (
    "Du kan klage over afgørelsen. Klagen sendes direkte til klagenævnet; kommunen skal ikke "
    "vurdere sagen igen først. Skriv, hvad du er uenig i, og vedlæg gerne dette brev. Ring til "
    "din kontaktperson, hvis du vil have hjælp til at klage."
)
APPEAL_BODY = "Klagenævnet for Specialundervisning (sekretariatet ligger i Ankestyrelsen)"

PAUSE_APPROVED = LetterKind(
    "pause_approved",
    _("Afgørelse: pause godkendt"),
    sections=(Section.DECISION, Section.LEGAL_BASIS, Section.CONTACT),
    defaults={
        "title": "Din pause fra STU er godkendt",
        "summary_decided": "Du må holde pause fra din STU fra {start} til {slut}.",
        "summary_meaning": "I pausen skal du: {aktivitet}. Din STU bliver ikke længere af "
        "pausen: de 5 år, du har til at gøre den færdig, løber videre.",
        "summary_action": "Kontakt {ansvarlig}, hvis planen for pausen ændrer sig.",
        "easy_read": "Du må holde pause fra STU.\n\nPausen er fra {start} til {slut}.\n\n"
        "I pausen skal du: {aktivitet}.\n\nRing til {kontaktperson}, hvis du har spørgsmål.",
        "legal_basis": STU_LAW + ", § 2 og § 4.",
        "contact": CONTACT,
    },
)
PAUSE_REFUSED = LetterKind(
    "pause_refused",
    _("Afgørelse: pause afvist"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse: du kan ikke få den pause, du har bedt om",
        "summary_decided": "Du kan ikke holde pause fra din STU fra {start}.",
        "summary_meaning": "Du fortsætter din STU som planlagt.",
        "summary_action": "Du kan klage over afgørelsen. Læs hvordan under »Klagevejledning«.",
        "easy_read": "Du kan ikke få pause.\n\nDu fortsætter på STU.\n\nDu kan klage.\n\n"
        "Ring til {kontaktperson}, hvis du vil have hjælp.",
        "legal_basis": STU_LAW + ", § 2 og § 4, og forvaltningsloven §§ 22-25.",
        "appeal_guidance": APPEAL,
        "appeal_body": APPEAL_BODY,
        "appeal_deadline_weeks": 4,
        "contact": CONTACT,
    },
)
INTERRUPTION_WARNING = LetterKind(
    "interruption_warning",
    _("Varselsbrev om afbrydelse"),
    sections=(Section.DRAFT, Section.FACTS, Section.LEGAL_BASIS, Section.ANSWER, Section.CONTACT),
    defaults={
        "title": "Varsel: vi overvejer at afbryde din STU",
        "summary_decided": "Vi har ikke besluttet noget endnu. Vi overvejer at afbryde din STU.",
        "summary_meaning": "Vi vil gerne tale med dig, før vi beslutter noget. Vi holder et "
        "møde med dig {moede}.",
        "summary_action": "Kom til mødet, og sig hvad du mener. Svar os senest {svarfrist}. "
        "Du kan tage en bisidder med.",
        "easy_read": "Vi overvejer at stoppe din STU.\n\nVi har ikke besluttet det endnu.\n\n"
        "Vi vil gerne tale med dig.\n\nRing til {kontaktperson}.",
        "legal_basis": STU_LAW + ", og forvaltningsloven § 19 (partshøring).",
        "contact": CONTACT,
    },
)
INTERRUPTION_DECIDED = LetterKind(
    "interruption_decided",
    _("Afgørelse: STU afbrudt"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse: din STU stopper",
        "summary_decided": "Din STU stopper den {slut}.",
        "summary_meaning": "Du skal ikke længere gå på {institution}. Jobcentret får besked og "
        "kontakter dig om, hvad du kan i stedet.",
        "summary_action": "Du kan klage over afgørelsen. Læs hvordan under »Klagevejledning«.",
        "easy_read": "Din STU stopper.\n\nDen stopper {slut}.\n\nJobcentret ringer til dig."
        "\n\nDu kan klage.\n\nRing til {kontaktperson}, hvis du vil have hjælp.",
        "legal_basis": STU_LAW + ", og forvaltningsloven §§ 19, 22-25.",
        "appeal_guidance": APPEAL,
        "appeal_body": APPEAL_BODY,
        "appeal_deadline_weeks": 4,
        "contact": CONTACT,
    },
)
END_DATE_MOVED = LetterKind(
    "end_date_moved",
    _("Afgørelse: slutdato flyttet"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse: din STU slutter på en ny dato",
        "summary_decided": "Din STU slutter nu den {ny_slut} (før: {gammel_slut}).",
        "summary_meaning": "Du går på STU til den nye dato. Din uddannelsesplan følger med.",
        "summary_action": "Er du uenig, kan du klage. Læs hvordan under »Klagevejledning«.",
        "easy_read": "Din STU slutter på en ny dato.\n\nDen nye dato er {ny_slut}.\n\n"
        "Ring til {kontaktperson}, hvis du har spørgsmål.",
        "legal_basis": STU_LAW + ", § 2, og forvaltningsloven §§ 22-25.",
        "appeal_guidance": APPEAL,
        "appeal_body": APPEAL_BODY,
        "appeal_deadline_weeks": 4,
        "contact": CONTACT,
    },
)
