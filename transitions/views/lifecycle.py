"""views: the enrolment's life. Thin: permission lookup → form → service → redirect.

People outside the municipal team (institution staff, outsiders) get 404; team members who
may not manage the enrolment (the jobcenter, the manager) get 403; without an open enrolment
there is nothing to register (404). Every page view is written to the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from stu_case import permissions
from stu_case.audit.services import access_log_view
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from transitions.forms import lifecycle as forms
from transitions.selectors import lifecycle as selectors
from transitions.services import lifecycle as services

TEMPLATE = "transitions/lifecycle/form.html"


@dataclass(frozen=True)
class Page:
    """One event's page: its form, what it prefills, the service call and its texts."""

    form_class: type
    initial: Callable[[object], dict]
    save: Callable[..., object]
    title: Promise
    submit: Promise
    success: Promise
    purpose: Promise
    warning: Promise | None = None


def _today(_enrolment) -> dict:
    return {}


COMPLETE = Page(
    form_class=forms.CompleteForm,
    initial=lambda e: {"completed_on": min(timezone.localdate(), e.planned_end_date)},
    save=lambda person, cd, user: services.enrolment_complete(
        person=person, completed_on=cd["completed_on"], note=cd["note"], user=user
    ),
    title=_("Registrér at STU er gennemført"),
    submit=_("Registrér STU som gennemført"),
    success=_("STU er registreret som gennemført. Opfølgningen efter STU er oprettet."),
    purpose=_("Registrering af gennemført STU"),
    warning=_("Forløbet afsluttes, og institutionen mister adgangen til den unge."),
)
TRANSFER = Page(
    form_class=forms.TransferForm,
    initial=_today,
    save=lambda person, cd, user: services.enrolment_transfer(
        person=person,
        institution=cd["institution"],
        transfer_date=cd["transfer_date"],
        reason=cd["reason"],
        user=user,
    ),
    title=_("Skift til en anden institution"),
    submit=_("Registrér skiftet"),
    success=_("Skiftet af institution er registreret."),
    purpose=_("Skift af institution"),
)
PLANNED_END = Page(
    form_class=forms.PlannedEndForm,
    initial=lambda e: {"planned_end_date": e.planned_end_date},
    save=lambda person, cd, user: services.enrolment_move_planned_end(
        person=person,
        planned_end_date=cd["planned_end_date"],
        reason=cd["reason"],
        user=user,
    ),
    title=_("Flyt den planlagte slutdato"),
    submit=_("Gem afgørelsen"),
    success=_("Den planlagte slutdato er flyttet, og afgørelsen er gemt."),
    purpose=_("Flytning af planlagt slutdato"),
)
CLARIFICATION = Page(
    form_class=forms.ClarificationEndForm,
    initial=lambda e: {"ended_on": min(timezone.localdate(), e.clarification_end_date)},
    save=lambda person, cd, user: services.enrolment_end_clarification(
        person=person, ended_on=cd["ended_on"], conclusion=cd["conclusion"], user=user
    ),
    title=_("Afslut afklaringsforløbet"),
    submit=_("Afslut afklaringsforløbet"),
    success=_("Afklaringsforløbet er afsluttet. Forløbsplanen skal nu færdiggøres."),
    purpose=_("Afslutning af afklaringsforløb"),
)
EDUCATION = Page(
    form_class=forms.EducationElsewhereForm,
    initial=lambda e: {"started_on": timezone.localdate()},
    save=lambda person, cd, user: services.enrolment_education_elsewhere(
        person=person,
        started_on=cd["started_on"],
        education=cd["education"],
        note=cd["note"],
        user=user,
    ),
    title=_("Registrér en uddannelse startet andetsteds"),
    submit=_("Registrér og afslut STU-forløbet"),
    success=_("Den anden uddannelse er registreret, og STU-forløbet er afsluttet."),
    purpose=_("Registrering af anden uddannelse"),
    warning=_("Forløbet afsluttes, og institutionen mister adgangen til den unge."),
)


def _event_page(request, pk, page: Page):
    user = request.user
    person = permissions.get_or_404(
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE), pk
    )
    if not permissions.can(user, Action.VIEW_TRANSITIONS, person):
        raise Http404
    if not permissions.can(user, Action.MANAGE_ENROLMENT, person):
        raise PermissionDenied
    enrolment = person.enrolments.select_related("institution", "person").current()
    if enrolment is None:
        raise Http404
    back = reverse("transitions:person", args=[person.pk]) + f"#{services.SECTION}"
    form = page.form_class(request.POST or None, initial=page.initial(enrolment))
    if request.method == "POST" and form.is_valid():
        try:
            page.save(person, form.cleaned_data, user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, page.success)
            return redirect(back)
    access_log_view(request=request, person=person, purpose=page.purpose)
    ctx = {
        "person": person,
        "enrolment": enrolment,
        "limits": selectors.limits(enrolment),
        "form": form,
        "page": page,
        "back": back,
    }
    return render(request, TEMPLATE, ctx)


@require_http_methods(["GET", "POST"])
def complete(request, pk):
    return _event_page(request, pk, COMPLETE)


@require_http_methods(["GET", "POST"])
def transfer(request, pk):
    return _event_page(request, pk, TRANSFER)


@require_http_methods(["GET", "POST"])
def planned_end(request, pk):
    return _event_page(request, pk, PLANNED_END)


@require_http_methods(["GET", "POST"])
def clarification(request, pk):
    return _event_page(request, pk, CLARIFICATION)


@require_http_methods(["GET", "POST"])
def education_elsewhere(request, pk):
    return _event_page(request, pk, EDUCATION)
