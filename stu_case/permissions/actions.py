"""The vocabulary: every action a user may be allowed, declared once, and ``can``.

Ask ``permissions.can(user, Action.EDIT_PLAN, person)``. An action is a member of ``Action``,
so a misspelt one fails when the module is imported (``AttributeError``), never in production;
a bare string is refused (``TypeError``). Each action has exactly one rule: a function in the
domain module (``people``, ``institutions``, ``visitation``, ``transitions``) registered with
``@rule(Action.X)``, whose docstring says who may do it. A test checks that every action has a
rule and that no code passes a string.

To add an action: add a member here (in its group), write its rule next to its relatives with
``@rule``, use ``can(user, Action.NEW, obj)``.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable


class Action(enum.Enum):
    """What a user may do. The comment says what ``obj`` the rule is asked about."""

    # A young person (obj: YoungPerson; CREATE_PERSON and LOOKUP_CPR: no obj).
    VIEW_PERSON = "view_person"
    VIEW_SENSITIVE = "view_sensitive"
    REVEAL_CPR = "reveal_cpr"
    VIEW_HISTORY = "view_history"
    VIEW_RELATIVES = "view_relatives"
    EDIT_PERSON = "edit_person"
    EDIT_PLAN = "edit_plan"
    EDIT_RELATIVES = "edit_relatives"
    EDIT_SOCIAL_NOTES = "edit_social_notes"
    ACKNOWLEDGE_FLAG = "acknowledge_flag"
    VIEW_LETTERS = "view_letters"
    SEND_LETTERS = "send_letters"
    CREATE_PERSON = "create_person"
    LOOKUP_CPR = "lookup_cpr"
    TRANSFER_PERSON = "transfer_person"

    # The journal (obj: YoungPerson; CORRECT_JOURNAL_NOTE: a JournalNote). Which notes a user
    # reads is the scope ``journal_notes_for``.
    VIEW_JOURNAL = "view_journal"
    WRITE_JOURNAL = "write_journal"
    CORRECT_JOURNAL_NOTE = "correct_journal_note"

    # Documents (obj: YoungPerson; REPLACE_DOCUMENT and DELETE_DOCUMENT: a Document). Which
    # documents a user sees is the scope ``documents_for``.
    VIEW_DOCUMENTS = "view_documents"
    UPLOAD_DOCUMENT = "upload_document"
    REPLACE_DOCUMENT = "replace_document"
    DELETE_DOCUMENT = "delete_document"
    SHARE_DOCUMENT = "share_document"

    # The statistics page: outcomes, the pipeline, absence and the backlog (no obj).
    VIEW_STATISTICS = "view_statistics"
    VIEW_TEAM_STATISTICS = "view_team_statistics"
    VIEW_MONEY = "view_money"
    EDIT_BUDGET = "edit_budget"

    # The catalogue of institutions (no obj).
    VIEW_CATALOGUE = "view_catalogue"

    # Visitation: a person's case before STU (obj: YoungPerson), the committee's meetings
    # (obj: Committee) and decisions (obj: AgendaItem).
    VIEW_VISITATION = "view_visitation"
    EDIT_CLARIFICATION = "edit_clarification"
    RECOMMEND = "recommend"
    SIGN_OFF = "sign_off"
    REGISTER_APPEAL = "register_appeal"
    MANAGE_COMMITTEE_MEETINGS = "manage_committee_meetings"
    RECORD_DECISION = "record_decision"

    # Transitions: a person's pauses, interruption, housing, mentors, final year, exit and
    # follow-up (obj: YoungPerson; VIEW_EXIT_STATISTICS: no obj).
    VIEW_TRANSITIONS = "view_transitions"
    EDIT_TRANSITIONS = "edit_transitions"
    APPROVE_PAUSE = "approve_pause"
    MANAGE_ENROLMENT = "manage_enrolment"
    VIEW_EXIT_STATISTICS = "view_exit_statistics"

    # Status meetings (obj: StatusMeeting, or none for "any meeting of my municipality").
    VIEW_STATUS_MEETINGS = "view_status_meetings"
    TAKE_PART_IN_STATUS_MEETINGS = "take_part_in_status_meetings"
    MANAGE_STATUS_MEETINGS = "manage_status_meetings"

    # Internships: a person's internships and profile (obj: YoungPerson); the places an
    # institution keeps (obj: Institution, or none for "at any institution").
    VIEW_INTERNSHIPS = "view_internships"
    EDIT_INTERNSHIPS = "edit_internships"
    MANAGE_INTERNSHIP_PLACES = "manage_internship_places"

    # The caseworker's day: my work, the caseload's handover and substitutes (no obj;
    # VIEW_WORK_OF: obj is the colleague whose work is asked about).
    USE_MY_WORK = "use_my_work"
    VIEW_WORK_OF = "view_work_of"
    HAND_OVER_CASELOAD = "hand_over_caseload"
    NAME_SUBSTITUTE = "name_substitute"


Rule = Callable[..., bool]
RULES: dict[Action, Rule] = {}
_TAKES_FINAL_YEAR: set[Action] = set()


def rule(*actions: Action) -> Callable[[Rule], Rule]:
    """Register the decorated function as the one rule for ``actions``.

    The function takes ``(user, obj)``, and may take a keyword ``final_year`` (a hint a list
    page passes when it already knows it). Registering a second rule for an action fails.
    """

    def register(func: Rule) -> Rule:
        takes_final_year = "final_year" in inspect.signature(func).parameters
        for action in actions:
            if not isinstance(action, Action):
                raise TypeError(f"{action!r} is not an Action")
            if action in RULES:
                raise RuntimeError(f"{action} already has a rule: {RULES[action].__qualname__}")
            RULES[action] = func
            if takes_final_year:
                _TAKES_FINAL_YEAR.add(action)
        return func

    return register


def can(user, action: Action, obj=None, *, final_year: bool | None = None) -> bool:
    """May ``user`` do ``action`` (to ``obj``)? The one way to ask, for every app.

    ``final_year`` may be passed for the transitions and internship actions when the caller
    already knows whether the person's enrolment is in its final year (else it is looked up).
    """
    if not isinstance(action, Action):
        raise TypeError(f"permissions.can takes an Action, not {action!r}")
    func = RULES[action]
    if final_year is not None:
        if action not in _TAKES_FINAL_YEAR:
            raise TypeError(f"{action} does not depend on the final year")
        return func(user, obj, final_year=final_year)
    return func(user, obj)
