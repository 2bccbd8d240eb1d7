"""views: internships.

Internship places (kept by the institution's internship consultant, read by the municipal
team when shared), a young person's internships, profile and matching. Thin views:
permission lookup (``stu_case.permissions``) → form → service → redirect. Every view showing
person data writes the access log. Outsiders get 404; a member of the team who may see but
not change (the manager, the jobcenter before the final year) gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from institutions import services as institution_services
from institutions.models import InternshipPlace
from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from transitions.forms.internships import (
    InternshipEvaluationForm,
    InternshipForm,
    InternshipPlaceForm,
    InternshipProfileForm,
    PlaceFilterForm,
)
from transitions.models.internships import Internship
from transitions.selectors import internships as selectors
from transitions.services import internships as services

PAGE_SIZE = 25


def _may_see_places(user) -> bool:
    return (
        user.is_superuser
        or permissions.in_municipal_team(user)
        or permissions.is_institution_staff(user)
    )


# ---------------------------------------------------------------- places
def place_list(request):
    user = request.user
    if not _may_see_places(user):
        raise PermissionDenied
    institutions = list(selectors.place_institution_choices(user=user))
    form = PlaceFilterForm(
        request.GET or None, institutions=selectors.place_filter_institutions(user=user)
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(selectors.places_for(user=user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "transitions/internships/place_list.html",
        {
            "form": form,
            "page": page,
            "places": list(page.object_list),
            "querystring": query.urlencode(),
            "can_manage": bool(institutions)
            and permissions.can(user, Action.MANAGE_INTERNSHIP_PLACES),
            "show_overview": permissions.in_municipal_team(user)
            or permissions.is_institution_staff(user),
        },
    )


def place_detail(request, pk):
    user = request.user
    if not _may_see_places(user):
        raise Http404
    place = selectors.place_detail(user=user, pk=pk)
    internships = selectors.place_internships(user=user, place=place)
    if internships:
        access_log_write(
            request=request,
            person_ids=sorted({i.person_id for i in internships}),
            action=AccessAction.VIEW,
            purpose=gettext_lazy("Praktiksted: elever i praktik"),
        )
    return render(
        request,
        "transitions/internships/place_detail.html",
        {
            "place": place,
            "internships": internships,
            "can_manage": permissions.can(user, Action.MANAGE_INTERNSHIP_PLACES, place.institution),
        },
    )


@require_http_methods(["GET", "POST"])
def place_create(request):
    user = request.user
    if not permissions.can(user, Action.MANAGE_INTERNSHIP_PLACES):
        raise PermissionDenied
    institutions = selectors.place_institution_choices(user=user)
    form = InternshipPlaceForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        try:
            place = institution_services.internship_place_save(
                institution=form.cleaned_data["institution"],
                data={f: form.cleaned_data[f] for f in form.Meta.fields if f != "institution"},
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Praktikstedet er oprettet."))
            return redirect("transitions:internship_place_detail", place.pk)
    return render(request, "transitions/internships/place_form.html", {"form": form, "place": None})


@require_http_methods(["GET", "POST"])
def place_edit(request, pk):
    user = request.user
    if not _may_see_places(user):
        raise Http404
    place = selectors.place_detail(user=user, pk=pk)
    if not permissions.can(user, Action.MANAGE_INTERNSHIP_PLACES, place.institution):
        raise PermissionDenied
    form = InternshipPlaceForm(
        request.POST or None,
        instance=InternshipPlace.objects.get(pk=place.pk),
        institutions=None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            institution_services.internship_place_save(
                institution=place.institution,
                place=InternshipPlace.objects.get(pk=place.pk),
                data={f: form.cleaned_data[f] for f in form.Meta.fields if f != "institution"},
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Praktikstedet er gemt."))
            return redirect("transitions:internship_place_detail", place.pk)
    return render(
        request, "transitions/internships/place_form.html", {"form": form, "place": place}
    )


# ---------------------------------------------------------------- a young person
def _person(request, pk, action: Action = Action.VIEW_INTERNSHIPS):
    """The young person for an internship page, or 404 (cannot see) / 403 (cannot change)."""
    user = request.user
    person = permissions.get_or_404(permissions.young_people_for(user, permissions.VIEW), pk)
    if not permissions.can(user, Action.VIEW_INTERNSHIPS, person):
        raise Http404
    if action != Action.VIEW_INTERNSHIPS and not permissions.can(user, action, person):
        raise PermissionDenied
    return person


def _back(person, user) -> str:
    """Where a person's internship pages lead back to."""
    return reverse("transitions:internship_person", args=[person.pk])


def person_internships(request, pk):
    person = _person(request, pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af praktikker"))
    ctx = selectors.person_panel(user=request.user, person=person)
    ctx["person"] = person
    ctx["can_see_transitions"] = permissions.can(request.user, Action.VIEW_TRANSITIONS, person)
    return render(request, "transitions/internships/person.html", ctx)


@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    person = _person(request, pk, Action.EDIT_INTERNSHIPS)
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Redigering af praktikprofil")
    )
    profile = selectors.person_profile(person=person)
    form = InternshipProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_profile_save(
                person=person,
                data={f: form.cleaned_data[f] for f in form.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Praktikprofilen er gemt."))
            return redirect("transitions:internship_match", person.pk)
    return render(
        request,
        "transitions/internships/profile_form.html",
        {"person": person, "form": form, "back": _back(person, request.user)},
    )


def match(request, pk):
    person = _person(request, pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Praktikmatch"))
    profile = selectors.person_profile(person=person)
    return render(
        request,
        "transitions/internships/match.html",
        {
            "person": person,
            "profile": profile,
            "matches": selectors.match_places(user=request.user, person=person, profile=profile),
            "can_edit": permissions.can(request.user, Action.EDIT_INTERNSHIPS, person),
            "back": _back(person, request.user),
        },
    )


def _places_for_form(user, internship: Internship | None = None):
    qs = permissions.internship_places_for(user).filter(is_active=True)
    if internship is not None and internship.place_id:
        qs = InternshipPlace.objects.filter(
            pk__in=qs.values("pk")
        ) | InternshipPlace.objects.filter(pk=internship.place_id)
    return qs.order_by("company_name", "pk")


@require_http_methods(["GET", "POST"])
def internship_create(request, pk):
    person = _person(request, pk, Action.EDIT_INTERNSHIPS)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Oprettelse af praktik"))
    places = _places_for_form(request.user)
    initial = {"stage": selectors.suggested_stage(person=person)}
    chosen = request.GET.get("sted")
    if chosen:
        place = places.filter(pk=chosen).first() if chosen.isdigit() else None
        if place is not None:
            initial["place"] = place.pk
    form = InternshipForm(request.POST or None, places=places, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_create(
                person=person,
                data={f: form.cleaned_data[f] for f in form.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Praktikken er oprettet."))
            return redirect(_back(person, request.user))
    return render(
        request,
        "transitions/internships/internship_form.html",
        {"person": person, "form": form, "internship": None, "back": _back(person, request.user)},
    )


def _internship(person, internship_pk) -> Internship:
    return get_object_or_404(
        Internship.objects.select_related("place"), pk=internship_pk, person=person
    )


@require_http_methods(["GET", "POST"])
def internship_edit(request, pk, internship_pk):
    person = _person(request, pk, Action.EDIT_INTERNSHIPS)
    internship = _internship(person, internship_pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Redigering af praktik"))
    form = InternshipForm(
        request.POST or None,
        instance=Internship.objects.get(pk=internship.pk),
        places=_places_for_form(request.user, internship),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_update(
                internship=Internship.objects.get(pk=internship.pk),
                data={f: form.cleaned_data[f] for f in form.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Praktikken er gemt."))
            return redirect(_back(person, request.user))
    return render(
        request,
        "transitions/internships/internship_form.html",
        {
            "person": person,
            "form": form,
            "internship": internship,
            "back": _back(person, request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def internship_evaluate(request, pk, internship_pk):
    person = _person(request, pk, Action.EDIT_INTERNSHIPS)
    internship = _internship(person, internship_pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Evaluering af praktik"))
    form = InternshipEvaluationForm(
        request.POST or None, instance=Internship.objects.get(pk=internship.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_evaluate(
                internship=Internship.objects.get(pk=internship.pk),
                evaluation=form.cleaned_data["evaluation"],
                learned=form.cleaned_data["learned"],
                next_step=form.cleaned_data["next_step"],
                completed=form.cleaned_data.get("completed", False),
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Evalueringen er gemt."))
            return redirect(_back(person, request.user))
    return render(
        request,
        "transitions/internships/evaluation_form.html",
        {
            "person": person,
            "form": form,
            "internship": internship,
            "back": _back(person, request.user),
        },
    )


# ---------------------------------------------------------------- overview
def overview(request):
    """Actively enrolled students and their current/next internship (team or institution)."""
    user = request.user
    if not (permissions.in_municipal_team(user) or permissions.is_institution_staff(user)):
        raise PermissionDenied
    q = (request.GET.get("q") or "").strip()[:100]
    without = request.GET.get("uden") == "1"
    page = Paginator(
        selectors.overview(user=user, filters={"q": q, "without": without}), PAGE_SIZE
    ).get_page(request.GET.get("side"))
    people = list(page.object_list)
    status = selectors.internship_status_for(person_ids=[p.pk for p in people])
    for p in people:
        p.internship_text = status.get(p.pk, "")
        p.internship_count = len(p.internship_list)
        p.internship_stage = max(
            (i.stage for i in p.internship_list if i.status != "cancelled"), default=0
        )
    if people:
        access_log_write(
            request=request,
            person_ids=[p.pk for p in people],
            action=AccessAction.VIEW,
            purpose=gettext_lazy("Praktikoversigt"),
        )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "transitions/internships/overview.html",
        {
            "page": page,
            "people": people,
            "q": q,
            "without": without,
            "querystring": query.urlencode(),
        },
    )
