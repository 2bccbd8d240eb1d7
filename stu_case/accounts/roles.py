"""The role groups, and the sets of roles the rules are written in.

A user's role is their membership of one of these groups (created by a data migration).
Every set of roles the code asks about is named here, once: code elsewhere names a set (or one
role), it never spells a set out.
"""

from django.utils.translation import gettext_lazy as _

UU = "uu"
JOBCENTER = "jobcenter"
FORVALTNING = "forvaltning"
VISITATION = "visitation"
INSTITUTION = "institution"
LEDER = "leder"

ROLE_LABELS = {
    UU: _("UU/KUI-vejleder"),
    JOBCENTER: _("Jobcenter"),
    FORVALTNING: _("Forvaltning (social/handicap)"),
    VISITATION: _("Visitationsudvalg"),
    INSTITUTION: _("STU-institution"),
    LEDER: _("Leder"),
}
ALL_ROLES = tuple(ROLE_LABELS)

# Roles that work for the municipality: its team and the visitation committee.
MUNICIPAL_ROLES = (UU, JOBCENTER, FORVALTNING, VISITATION, LEDER)
# The municipality's team: members see every young person of their municipality (the team
# group's grants), take part in status meetings and read the transitions pages. The visitation
# committee is not in it: it sees a case only while the case is on its agenda.
TEAM_ROLES = (UU, JOBCENTER, FORVALTNING, LEDER)
# The agencies that write to a young person's case: the person, the plan, relatives and
# consent, flags, appeals. They are the choices for a contact person and a plan goal's owner.
EDITOR_ROLES = (UU, JOBCENTER, FORVALTNING)
# The two agencies that own the case throughout: they create young people, write social notes
# and the clarification, edit the transitions data and approve pauses. (The jobcenter joins
# them as an editor of the transitions data in the student's final year.)
CASEWORKER_ROLES = (UU, FORVALTNING)
# Plan, start and close the quarterly status meetings.
STATUS_MEETING_MANAGER_ROLES = (UU, FORVALTNING, LEDER)
# Told when no status meeting is planned within the team's meeting frequency.
STATUS_MEETING_GAP_ROLES = (UU, LEDER)
# The visitation committee: a committee needs a voting member from the responsible
# administration; voting members represent the administration or the jobcenter.
COMMITTEE_ADMINISTRATION_ROLES = (FORVALTNING, VISITATION)
COMMITTEE_VOTING_ROLES = (*COMMITTEE_ADMINISTRATION_ROLES, JOBCENTER)
# Sign off a recommendation in the pre-coordination (the social administration, the jobcenter).
SIGN_OFF_ROLES = (FORVALTNING, JOBCENTER)
# Start at the statistics page after logging in (everyone else starts at the caseload).
STATISTICS_HOME_ROLES = (LEDER,)
# See what STU costs (the statistics page's money part): the managers and the forvaltning,
# which pays.
MONEY_ROLES = (FORVALTNING, LEDER)
# Told when a quality review of an institution is overdue: the managers, else the
# social administration.
QUALITY_REVIEW_ROLES = (LEDER, FORVALTNING)
# Start on "my work" after logging in (the caseload list is one click away): the caseworkers
# who carry cases.
MY_WORK_HOME_ROLES = (UU, JOBCENTER, FORVALTNING)
