"""Visitation pages: who is coming and when, and the clarification before STU."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from stu_case.forms import apply_validation_error
from visitation.forms.clarification import (
    CandidateFilter,
    IntroCourseForm,
    SchoolCoordinationForm,
    VisitForm,
    WishForm,
)
from visitation.models.clarification import (
    RECOMMENDED_MIN_VISITED,
    InstitutionVisit,
    IntroCourse,
    SchoolCoordination,
    Wish,
)
from visitation.selectors import clarification as selectors
from visitation.selectors import person as person_selectors
from visitation.services import clarification as services
from visitation.views.person import _case_url, _require, _require_municipal

PAGE_SIZE = 50


def candidates(request):
    user = request.user
    _require_municipal(user)
    form = CandidateFilter(request.GET or None)
    qs = selectors.candidates(user=user, filters=form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    people = selectors.annotate_candidates(list(page.object_list))
    if people:
        access_log_write(
            request=request,
            person_ids=[p.pk for p in people],
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("Oversigt over kommende STU-elever"),
            details="; ".join(f"{k}={v}" for k, v in form.filters().items() if v),
        )
    for p in people:
        p.term = selectors.term_label(p.coming_on)
    query = request.GET.copy()
    query.pop("side", None)
    template = (
        "visitation/clarification/_candidates_table.html"
        if request.htmx
        else "visitation/clarification/candidates.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "people": people,
            "querystring": query.urlencode(),
            "min_visited": RECOMMENDED_MIN_VISITED,
        },
    )


@require_http_methods(["GET", "POST"])
def coordination_edit(request, pk):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    instance = SchoolCoordination.objects.filter(person=person).first()
    initial = {} if instance else {"school": person.school}
    form = SchoolCoordinationForm(
        request.POST if request.method == "POST" else None, instance=instance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_coordination_save(
                person=person,
                data={f: form.cleaned_data[f] for f in SchoolCoordinationForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Koordineringen med skolen er gemt."))
            return redirect(_case_url(person, "school"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Koordinering med grundskolen"),
            "intro": _(
                "Registrér den unge tidligt – typisk i 9. eller 10. klasse – og hold det første "
                "koordineringsmøde med skolen ca. et halvt år før forventet start på STU."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def visit_edit(request, pk, visit_id=None):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    visit = get_object_or_404(InstitutionVisit, pk=visit_id, person=person) if visit_id else None
    form = VisitForm(request.POST if request.method == "POST" else None, instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_save(
                person=person,
                visit=InstitutionVisit.objects.get(pk=visit.pk) if visit else None,
                data={f: form.cleaned_data[f] for f in VisitForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Besøget er gemt."))
            return redirect(_case_url(person, "clarification"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Ret institutionsbesøg") if visit else _("Registrér institutionsbesøg"),
            "intro": _(
                "Skriv den unges og de pårørendes indtryk med deres egne ord. Kataloget anbefaler "
                "besøg på mindst to forskellige tilbud."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def intro_edit(request, pk, course_id=None):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    course = get_object_or_404(IntroCourse, pk=course_id, person=person) if course_id else None
    form = IntroCourseForm(request.POST if request.method == "POST" else None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.intro_course_save(
                person=person,
                course=IntroCourse.objects.get(pk=course.pk) if course else None,
                data={f: form.cleaned_data[f] for f in IntroCourseForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Introforløbet er gemt."))
            return redirect(_case_url(person, "clarification"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Ret introforløb") if course else _("Registrér introforløb"),
            "intro": _("Et introforløb på en STU-institution varer op til ca. to uger."),
        },
    )


@require_http_methods(["GET", "POST"])
def wish_add(request, pk):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    form = WishForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.wish_add(
                person=person,
                institution=form.cleaned_data["institution"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Ønsket er tilføjet nederst på listen."))
            return redirect(_case_url(person, "wishes"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Tilføj ønske"),
            "intro": _(
                "Den unges ønsker blandt institutionerne i kataloget, i prioriteret rækkefølge."
            ),
        },
    )


@require_POST
def wish_move(request, pk, wish_id):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    wish = get_object_or_404(Wish, pk=wish_id, person=person)
    services.wish_move(wish=wish, up=request.POST.get("direction") != "down")
    if request.htmx:
        return render(
            request,
            "visitation/clarification/_wishes.html",
            {"person": person, "wishes": list(selectors.wishes(person=person)), "can_edit": True},
        )
    return redirect(_case_url(person, "wishes"))


@require_POST
def wish_remove(request, pk, wish_id):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    wish = get_object_or_404(Wish, pk=wish_id, person=person)
    services.wish_remove(wish=wish)
    messages.success(request, _("Ønsket er fjernet."))
    return redirect(_case_url(person, "wishes"))
