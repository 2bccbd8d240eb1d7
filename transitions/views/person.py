"""The young person's transitions page: pauses, interruption, housing, final year and exit,
internships, actions from status meetings. Each area's selector adds its own part of the context (``person_panel``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from stu_case import permissions
from stu_case.audit.services import access_log_view
from stu_case.permissions import Action
from transitions.selectors import exit, internships, lifecycle, meetings, pathway


def person_overview(request, pk):
    user = request.user
    person = permissions.get_or_404(
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE), pk
    )
    if not permissions.can(user, Action.VIEW_TRANSITIONS, person):
        raise Http404
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af overgange"))
    ctx = {
        "person": person,
        "final_year": permissions.person_in_final_year(person),
        "can_edit": permissions.can(user, Action.EDIT_TRANSITIONS, person),
    }
    for area in (lifecycle, pathway, exit, internships, meetings):
        ctx.update(area.person_panel(user=user, person=person))
    return render(request, "transitions/person.html", ctx)
