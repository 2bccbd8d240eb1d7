"""The kinds of flag transitions raises. Imported by ``TransitionsConfig.ready``, which
registers them with students' flag kinds; a new kind is one line here and needs no migration."""

from django.utils.translation import gettext_lazy as _

from students.models import FlagKind, Severity

FINAL_YEAR = FlagKind("final_year", _("Sidste år af STU begynder"), severity=Severity.INFO)
PAUSE_WITHOUT_ACTIVITY = FlagKind("pause_without_activity", _("Pause uden planlagt aktivitet"))
PAUSE_RETURN_OVERDUE = FlagKind(
    "pause_return_overdue", _("Pausens slutdato er overskredet"), severity=Severity.CRITICAL
)
HOUSING_MOVE_DUE = FlagKind("housing_move_due", _("Boligskift ikke planlagt i tide"))
END_CONVERSATION_MISSING = FlagKind(
    "end_conversation_missing", _("Afslutningssamtale ikke planlagt")
)
ACTION_OVERDUE = FlagKind("action_overdue", _("Opgave fra statusmøde er overskredet"))
STU_LIMIT_SIX_MONTHS = FlagKind(
    "stu_limit_six_months", _("Under 6 måneder til fristen, og planen slutter for sent")
)
STU_LIMIT_THREE_MONTHS = FlagKind(
    "stu_limit_three_months",
    _("Under 3 måneder til fristen, og planen slutter for sent"),
    severity=Severity.CRITICAL,
)
PLAN_UPDATE_DUE = FlagKind(
    "enrolment_plan_update_due", _("Forløbsplanen skal tilpasses efter en hændelse i forløbet")
)
