"""The kinds of flag students raises: absence, the plan's revision, and "other" for a flag a
person raises by hand or another app raises without a kind of its own. Imported by
``StudentsConfig.ready``, which registers them; a new kind is one line here."""

from django.utils.translation import gettext_lazy as _

from students.models import FlagKind

RISING_ABSENCE = FlagKind("rising_absence", _("Stigende fravær"))
MISSING_ABSENCE_REPORT = FlagKind("missing_absence_report", _("Manglende fraværsindberetning"))
PLAN_REVISION_DUE = FlagKind("plan_revision_due", _("Planen skal revideres"))
OTHER = FlagKind("other", _("Andet"))
