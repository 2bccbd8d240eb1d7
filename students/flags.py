"""The kinds of flag students raises: absence, the plan's revision, letters (a hearing past its
deadline, a letter that could not be sent), and "other" for a flag a
person raises by hand or another app raises without a kind of its own. Imported by
``StudentsConfig.ready``, which registers them; a new kind is one line here."""

from django.utils.translation import gettext_lazy as _

from students.models import FlagKind, Severity

RISING_ABSENCE = FlagKind("rising_absence", _("Stigende fravær"))
MISSING_ABSENCE_REPORT = FlagKind("missing_absence_report", _("Manglende fraværsindberetning"))
PLAN_REVISION_DUE = FlagKind("plan_revision_due", _("Planen skal revideres"))
OTHER = FlagKind("other", _("Andet"))
HEARING_OVERDUE = FlagKind("hearing_overdue", _("Partshøringens svarfrist er udløbet"))
LETTER_SEND_FAILED = FlagKind(
    "letter_send_failed", _("Brev kunne ikke sendes"), severity=Severity.CRITICAL
)
