"""The young person's visitation case page, and the access checks and case URL every
visitation area's views share.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from stu_case import permissions
from stu_case.audit.services import access_log_view
from stu_case.permissions import Action
from students.selectors import letters as letter_selectors
from students.selectors.people import active_consent, parents_may_be_involved
from visitation.models.clarification import RECOMMENDED_MIN_VISITED, SchoolCoordination
from visitation.models.recommendations import OPEN_RECOMMENDATION_STATUSES, SIGN_OFF_ROLE
from visitation.selectors import clarification as clarification_selectors
from visitation.selectors import decisions as decision_selectors
from visitation.selectors import person as selectors
from visitation.selectors import recommendations as recommendation_selectors
from visitation.services import clarification as clarification_services
from visitation.services.decisions_letter import hearing_subject


def _require(user, action: Action, person) -> None:
    if not permissions.can(user, action, person):
        raise PermissionDenied


def _require_municipal(user) -> None:
    if not permissions.works_for_municipality(user):
        raise PermissionDenied


def _case_url(person, anchor: str = "") -> str:
    return reverse("visitation:person", args=[person.pk]) + (f"#{anchor}" if anchor else "")


def person_case(request, pk):
    user = request.user
    person = selectors.person_case(user=user, pk=pk)
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Visning af visitationssag")
    )
    recs = recommendation_selectors.recommendations(person=person)
    hearings = {}  # the latest hearing letter per recommendation (one query)
    for letter in letter_selectors.person_hearings(person=person):
        hearings.setdefault(letter.subject, letter)
    for rec in recs:
        rec.hearing = hearings.get(hearing_subject(rec))
        recommendation_selectors.decorate_recommendation(rec)
        rec.agenda = rec.agenda_items.select_related("meeting").order_by("-meeting__starts_at")
    open_rec = next((r for r in recs if r.status in OPEN_RECOMMENDATION_STATUSES), None)
    visited = clarification_services.visited_institution_ids(person=person)
    decisions = decision_selectors.decisions(person=person)
    consent = active_consent(person=person)
    can_sign = permissions.can(user, Action.SIGN_OFF, person)
    ctx = {
        "person": person,
        "coordination": SchoolCoordination.objects.filter(person=person).first(),
        "visits": clarification_selectors.visits(person=person),
        "courses": clarification_selectors.intro_courses(person=person),
        "wishes": list(clarification_selectors.wishes(person=person)),
        "visited_count": len(visited),
        "min_visited": RECOMMENDED_MIN_VISITED,
        "recommendations": recs,
        "open_rec": open_rec,
        "decisions": decisions,
        "parents_allowed": parents_may_be_involved(person=person, consent=consent),
        "can_edit": permissions.can(user, Action.EDIT_CLARIFICATION, person),
        "can_recommend": permissions.can(user, Action.RECOMMEND, person),
        "sign_agencies": [a for a, r in SIGN_OFF_ROLE.items() if permissions.has_role(user, r)]
        if can_sign
        else [],
        "can_appeal": permissions.can(user, Action.REGISTER_APPEAL, person),
        "sensitive_letters": permissions.can(user, Action.VIEW_LETTERS, person),
        "today": timezone.localdate(),
    }
    return render(request, "visitation/person.html", ctx)
