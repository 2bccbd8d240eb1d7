"""The kinds of letter visitation sends: the committee's decision about STU. Imported by
``VisitationConfig.ready`` (registered with students' letter kinds); the text blocks are the
kinds' built-in Danish until an administrator writes a template in the admin. The decision's
own appeal guidance (``AppealGuidance``) goes into the letter's appeal section."""

from django.utils.translation import gettext_lazy as _

from students.letters import CONTACT
from students.models.letters import DECISION_SECTIONS, LetterKind

LEGAL_BASIS = "Forvaltningsloven §§ 19, 22, 24 og 25."
APPEAL_BODY = "Klagenævnet for Specialundervisning (sekretariatet ligger i Ankestyrelsen)"

STU_GRANTED = LetterKind(
    "stu_granted",
    _("Afgørelse: STU bevilget"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse om STU: du får en STU",
        "summary_decided": "Du får en særligt tilrettelagt ungdomsuddannelse (STU) på "
        "{institution}. Du starter {start}.",
        "summary_meaning": "STU varer 3 år. De første op til 12 uger er et afklaringsforløb. "
        "Derefter gør vi din uddannelsesplan færdig sammen med dig.",
        "summary_action": "Du skal ikke gøre noget nu. Er du uenig i afgørelsen, kan du klage. "
        "Læs hvordan under »Klagevejledning«.",
        "easy_read": "Du skal gå på STU.\n\nDu skal gå på {institution}.\n\nDu starter {start}."
        "\n\nRing til {kontaktperson}, hvis du har spørgsmål.",
        "legal_basis": LEGAL_BASIS,
        "appeal_body": APPEAL_BODY,
        "contact": CONTACT,
    },
)
STU_REFUSED = LetterKind(
    "stu_refused",
    _("Afgørelse: afslag på STU"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse om STU: afslag",
        "summary_decided": "Du får ikke en særligt tilrettelagt ungdomsuddannelse (STU).",
        "summary_meaning": "Vi mener ikke, at STU er den rigtige uddannelse for dig nu. "
        "Du kan læse hvorfor i brevet.",
        "summary_action": "Du kan klage over afgørelsen. Læs hvordan under »Klagevejledning«. "
        "Din kontaktperson kan hjælpe dig.",
        "easy_read": "Du får ikke STU.\n\nI brevet står der hvorfor.\n\nDu kan klage.\n\n"
        "Ring til {kontaktperson}, hvis du vil have hjælp.",
        "legal_basis": LEGAL_BASIS,
        "appeal_body": APPEAL_BODY,
        "contact": CONTACT,
    },
)
STU_OTHER_OFFER = LetterKind(
    "stu_other_offer",
    _("Afgørelse: andet tilbud end STU"),
    sections=DECISION_SECTIONS,
    defaults={
        "title": "Afgørelse om STU: et andet tilbud",
        "summary_decided": "Du får ikke STU. Vi tilbyder dig i stedet: {andet_tilbud}",
        "summary_meaning": "Vi mener, at et andet tilbud passer bedre til dig nu. "
        "Du kan læse hvorfor i brevet.",
        "summary_action": "Du kan klage over afgørelsen. Læs hvordan under »Klagevejledning«. "
        "Din kontaktperson kan hjælpe dig.",
        "easy_read": "Du får ikke STU.\n\nDu får et andet tilbud.\n\nDu kan klage.\n\n"
        "Ring til {kontaktperson}, hvis du vil have hjælp.",
        "legal_basis": LEGAL_BASIS,
        "appeal_body": APPEAL_BODY,
        "contact": CONTACT,
    },
)
