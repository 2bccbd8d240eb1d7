"""The one place access is decided: ``from stu_case import permissions``.

- **May this user do this (to this object)?** ``permissions.can(user, Action.EDIT_PLAN, person)``.
  Every action is a member of ``Action`` with exactly one rule (``actions``); each rule's
  docstring says who may do it.
- **Which objects may this user see?** The scopes: ``young_people_for(user, perm)``,
  ``institutions_for``, ``catalogue_institutions_for``, ``enrolments_for_institution_user``,
  ``absence_reports_for``, ``meetings_for``, ``status_meetings_for``,
  ``portal_status_requests_for``, ``internship_places_for`` … Every list, detail, export,
  count and HTMX partial of person data starts from one of them.
- **One object or 404:** ``permissions.get_or_404(scope, pk, queryset=...)``: an outsider
  learns nothing, not even that the object exists.
- **Who is this user?** ``roles_of``, ``has_role``, ``in_municipal_team`` (sees the
  municipality's caseload), ``works_for_municipality`` (the team and the visitation committee),
  ``is_institution_staff``. The role sets themselves live in ``stu_case.accounts.roles``.
- **Grants** (called only by services at lifecycle events): ``grant_municipal_team`` /
  ``revoke_municipal_team`` (a move to another municipality),
  ``grant_institution`` / ``revoke_institution``, ``grant_committee_member`` /
  ``revoke_committee_member``.

The rules of the higher apps (visitation, transitions) look their models up by name: the
platform never imports an app.
"""

from .actions import RULES, Action, can
from .core import (
    CHANGE,
    VIEW,
    VIEW_SENSITIVE,
    forget_cached_perms,
    get_or_404,
    has_role,
    in_municipal_team,
    is_institution_staff,
    is_institution_staff_only,
    roles_of,
    works_for_municipality,
)
from .institutions import (
    absence_reports_for,
    catalogue_institutions_for,
    enrolments_for_institution_user,
    institutions_for,
    portal_institutions_for,
)
from .people import (
    COMMITTEE_PERMS,
    INSTITUTION_PERMS,
    TEAM_PERMS,
    grant_committee_member,
    grant_institution,
    grant_municipal_team,
    q_person_visible,
    revoke_committee_member,
    revoke_institution,
    revoke_municipal_team,
    young_people_for,
)
from .transitions import (
    internship_places_for,
    person_in_final_year,
    portal_status_requests_for,
    status_meetings_for,
    status_request_enrolments,
)
from .visitation import meetings_for

__all__ = [
    "CHANGE",
    "COMMITTEE_PERMS",
    "INSTITUTION_PERMS",
    "RULES",
    "TEAM_PERMS",
    "VIEW",
    "VIEW_SENSITIVE",
    "Action",
    "absence_reports_for",
    "can",
    "catalogue_institutions_for",
    "enrolments_for_institution_user",
    "forget_cached_perms",
    "get_or_404",
    "grant_committee_member",
    "grant_institution",
    "grant_municipal_team",
    "has_role",
    "in_municipal_team",
    "institutions_for",
    "internship_places_for",
    "is_institution_staff",
    "is_institution_staff_only",
    "meetings_for",
    "person_in_final_year",
    "portal_institutions_for",
    "portal_status_requests_for",
    "q_person_visible",
    "revoke_committee_member",
    "revoke_institution",
    "revoke_municipal_team",
    "roles_of",
    "status_meetings_for",
    "status_request_enrolments",
    "works_for_municipality",
    "young_people_for",
]
