"""Visitation pages: the recommendation and the pre-coordination sign-off."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.letters import HearingForm
from students.services import letters as letter_services
from visitation.forms.recommendations import RecommendationForm, SignOffForm
from visitation.models.clarification import RECOMMENDED_MIN_VISITED, SchoolCoordination
from visitation.models.recommendations import SIGN_OFF_ROLE, Agency
from visitation.selectors import clarification as clarification_selectors
from visitation.selectors import person as person_selectors
from visitation.selectors import recommendations as selectors
from visitation.services import clarification as clarification_services
from visitation.services import recommendations as services
from visitation.services.decisions_letter import hearing_subject
from visitation.views.person import _case_url, _require


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk, rec_id=None):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, Action.RECOMMEND, person)
    rec = selectors.recommendation_for(person=person, pk=rec_id) if rec_id else None
    if rec is not None and not rec.is_editable:
        messages.error(request, _("Indstillingen kan ikke længere ændres."))
        return redirect(_case_url(person, "recommendation"))
    initial = {}
    if rec is None:
        first_wish = person.wishes.order_by("rank").first()
        initial = {
            "proposed_institution": first_wish.institution_id if first_wish else None,
            "offered": list(person.wishes.values_list("institution_id", flat=True)),
            "proposed_start": getattr(
                SchoolCoordination.objects.filter(person=person).first(), "expected_start", None
            ),
        }
    form = RecommendationForm(
        request.POST if request.method == "POST" else None, instance=rec, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in RecommendationForm.Meta.fields if f != "offered"}
        offered = list(form.cleaned_data["offered"])
        try:
            if rec is None:
                rec = services.recommendation_create(
                    person=person, data=data, offered=offered, user=request.user
                )
                messages.success(request, _("Indstillingen er gemt som kladde."))
            else:
                services.recommendation_update(
                    recommendation=rec, data=data, offered=offered, user=request.user
                )
                messages.success(request, _("Indstillingen er gemt."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(_case_url(person, "recommendation"))
    visited = clarification_services.visited_institution_ids(person=person)
    return render(
        request,
        "visitation/recommendations/recommendation_form.html",
        {
            "person": person,
            "form": form,
            "rec": rec,
            "visited_count": len(visited),
            "min_visited": RECOMMENDED_MIN_VISITED,
            "wishes": list(clarification_selectors.wishes(person=person)),
            "adult": person.is_adult,
        },
    )


@require_POST
def recommendation_submit(request, pk, rec_id):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, Action.RECOMMEND, person)
    rec = selectors.recommendation_for(person=person, pk=rec_id)
    try:
        services.recommendation_submit(recommendation=rec, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("Indstillingen er sendt til forhåndskoordinering med forvaltningen og jobcentret."),
        )
    return redirect(_case_url(person, "recommendation"))


@require_POST
def recommendation_withdraw(request, pk, rec_id):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, Action.RECOMMEND, person)
    rec = selectors.recommendation_for(person=person, pk=rec_id)
    try:
        services.recommendation_withdraw(recommendation=rec, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Indstillingen er trukket tilbage."))
    return redirect(_case_url(person, "recommendation"))


@require_http_methods(["GET", "POST"])
def sign_off(request, pk, rec_id):
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, Action.SIGN_OFF, person)
    rec = selectors.recommendation_for(person=person, pk=rec_id)
    agencies = [a for a, r in SIGN_OFF_ROLE.items() if permissions.has_role(request.user, r)]
    form = SignOffForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_off_record(
                recommendation=rec,
                agency=form.cleaned_data["agency"],
                agrees=form.cleaned_data["agrees"],
                comment=form.cleaned_data["comment"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Forhåndskoordineringen er registreret."))
            return redirect(_case_url(person, "recommendation"))
    rec = next(r for r in selectors.recommendations(person=person) if r.pk == rec.pk)
    selectors.decorate_recommendation(rec)
    return render(
        request,
        "visitation/recommendations/sign_off_form.html",
        {
            "person": person,
            "rec": rec,
            "form": form,
            "agency_labels": [Agency(a).label for a in agencies],
        },
    )


@require_http_methods(["GET", "POST"])
def hearing_send(request, pk, rec_id):
    """The hearing (partshøring) on the draft decision, sent by the letter service with an
    answer deadline; the committee's decision waits for the deadline or the answer."""
    person = person_selectors.person_case(user=request.user, pk=pk)
    _require(request.user, Action.RECOMMEND, person)
    rec = selectors.recommendation_for(person=person, pk=rec_id)
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter_services.hearing_send(
                person=person, subject=hearing_subject(rec), user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Partshøringen er sendt til den unge."))
            return redirect(_case_url(person, f"rec-{rec.pk}"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Send partshøring"),
            "intro": _(
                "Den unge og de pårørende, der har ret til det, får udkastet til afgørelse og "
                "sagens fakta med en svarfrist. Visitationsudvalget kan først træffe afgørelse, "
                "når fristen er udløbet, eller svaret er registreret."
            ),
        },
    )
