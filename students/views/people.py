"""Staff case pages about the young person: caseload, person page, history, CPR, edits,
relatives, consent and mentors. Thin: permission lookup → form → service → redirect or partial.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import hooks, permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.people import (
    CaseloadFilter,
    ConsentForm,
    MentorForm,
    PersonCreateForm,
    PersonEditForm,
    RelativeForm,
    SocialNotesForm,
)
from students.models import Relative, YoungPerson
from students.selectors import absence as absence_selectors
from students.selectors import enrolments as enrolment_selectors
from students.selectors import flags as flag_selectors
from students.selectors import letters as letter_selectors
from students.selectors import people as people_selectors
from students.selectors import plans as plan_selectors
from students.services import people as people_services

PAGE_SIZE = 25


def _require(user, action: Action, person) -> None:
    if not permissions.can(user, action, person):
        raise PermissionDenied


# ---------------------------------------------------------------- caseload
def caseload(request):
    user = request.user
    form = CaseloadFilter(
        request.GET or None,
        contact_choices=people_selectors.contact_person_choices(user=user),
        institution_choices=people_selectors.institution_choices(user=user),
        cpr_lookup=permissions.can(user, Action.LOOKUP_CPR),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = people_selectors.caseload(user=user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    people = list(page.object_list)
    criteria = "; ".join(f"{k}={v}" for k, v in filters.items() if v and k != "cpr")
    if filters.get("cpr"):
        criteria = (criteria + "; " if criteria else "") + "cpr=" + filters["cpr"][:6] + "-xxxx"
    if people:
        access_log_write(
            request=request,
            person_ids=[p.pk for p in people],
            action=AccessAction.SEARCH,
            purpose=(
                gettext_lazy("Sagsoversigt")
                if not criteria
                else gettext_lazy("Søgning i sagsoversigt")
            ),
            details=criteria,
        )
    elif filters.get("cpr"):
        access_log_write(
            request=request,
            person_ids=[None],
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("CPR-opslag uden resultat"),
            details=criteria,
        )
    query = request.GET.copy()
    query.pop("side", None)
    template = (
        "students/people/_caseload_table.html" if request.htmx else "students/people/caseload.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "people": people,
            "querystring": query.urlencode(),
            "can_create": permissions.can(user, Action.CREATE_PERSON),
            "cpr_search": bool(filters.get("cpr")),
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    if not permissions.can(request.user, Action.CREATE_PERSON):
        raise PermissionDenied
    form = PersonCreateForm(request.POST or None, municipality=request.user.municipality)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "cpr"}
        try:
            person = people_services.young_person_create(
                municipality=request.user.municipality,
                cpr=form.cleaned_data["cpr"],
                created_by=request.user,
                **data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(name)s er oprettet.") % {"name": person.full_name})
            return redirect("students:detail", pk=person.pk)
    return render(request, "students/people/person_form.html", {"form": form, "creating": True})


# ---------------------------------------------------------------- the person page
def person_detail(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af sag"))
    user = request.user
    sensitive = permissions.can(user, Action.VIEW_SENSITIVE, person)
    consent = people_selectors.active_consent(person=person) if sensitive else None
    ctx = {
        "person": person,
        "plan": person.plan,
        "goals_by_agency": plan_selectors.plan_goals_by_agency(plan=person.plan),
        "enrolments": enrolment_selectors.person_enrolments(person=person),
        "flags": flag_selectors.person_flags(person=person),
        "absence": absence_selectors.person_absence(user=user, person=person),
        "revisions": person.plan.revisions.select_related("created_by").order_by("-number")[:10],
        "sensitive": sensitive,
        "relatives": person.relatives.all() if sensitive else [],
        "mentors": person.mentors.all() if sensitive else [],
        "consent": consent,
        "parents_allowed": people_selectors.parents_may_be_involved(person=person, consent=consent),
        "can_edit": permissions.can(user, Action.EDIT_PERSON, person),
        "can_edit_plan": permissions.can(user, Action.EDIT_PLAN, person),
        "can_edit_social": permissions.can(user, Action.EDIT_SOCIAL_NOTES, person),
        "letters": letter_selectors.person_letters(person=person) if sensitive else None,
        "can_send_letters": permissions.can(user, Action.SEND_LETTERS, person),
        # The buttons to the higher apps' pages about this person (visitation, transitions).
        "page_links": hooks.person_page_links.resolve(user, person),
        "today": timezone.localdate(),
    }
    return render(request, "students/people/person_detail.html", ctx)


def person_history(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.VIEW_HISTORY, person)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af historik"))
    return render(
        request,
        "students/people/person_history.html",
        {"person": person, "events": people_selectors.person_history(person=person)},
    )


@require_POST
def reveal_cpr(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.REVEAL_CPR, person)
    access_log_view(
        request=request,
        person=person,
        purpose=gettext_lazy("Fuldt CPR-nummer vist"),
        action=AccessAction.REVEAL_CPR,
    )
    from students.models.cpr import formatted

    ctx = {"person": person, "cpr_full": formatted(person.cpr)}
    if request.htmx:
        return render(request, "students/people/_cpr.html", ctx)
    return render(request, "students/people/cpr_revealed.html", ctx)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_PERSON, person)
    form = PersonEditForm(request.POST or None, instance=person)
    social = (
        SocialNotesForm(request.POST or None, instance=person, prefix="social")
        if permissions.can(request.user, Action.EDIT_SOCIAL_NOTES, person)
        else None
    )
    if request.method == "POST" and form.is_valid() and (social is None or social.is_valid()):
        # The ModelForm has already copied the POST onto ``person``: give the service a fresh
        # row so it sees (and saves) the changes.
        fresh = YoungPerson.objects.get(pk=person.pk)
        try:
            people_services.young_person_update(person=fresh, data=form.cleaned_data)
            if social is not None:
                people_services.young_person_set_social_notes(
                    person=fresh, social_notes=social.cleaned_data["social_notes"]
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Oplysningerne er gemt."))
            return redirect("students:detail", pk=person.pk)
    return render(
        request,
        "students/people/person_form.html",
        {"form": form, "social_form": social, "person": person},
    )


# ---------------------------------------------------------------- relatives, consent, mentors
def _relatives_section(person):
    return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")


def _relative_gone(request, person):
    """The relative was removed (by someone else, or in another tab) before this request."""
    messages.error(
        request, _("Den pårørende findes ikke længere. En anden kan have fjernet den imens.")
    )
    return _relatives_section(person)


@require_http_methods(["GET", "POST"])
def relative_edit(request, pk, relative_id=None):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_RELATIVES, person)
    relative = person.relatives.filter(pk=relative_id).first() if relative_id else None
    if relative_id and relative is None:
        return _relative_gone(request, person)
    form = RelativeForm(request.POST or None, instance=relative)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.relative_save(
                person=person,
                relative_id=relative_id,
                data={f: form.cleaned_data[f] for f in RelativeForm.Meta.fields},
            )
        except Relative.DoesNotExist:
            return _relative_gone(request, person)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Den pårørende er gemt."))
            return _relatives_section(person)
    return render(
        request,
        "students/people/relative_form.html",
        {"person": person, "form": form, "relative": relative},
    )


@require_POST
def relative_delete(request, pk, relative_id):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_RELATIVES, person)
    if people_services.relative_delete(person=person, relative_id=relative_id):
        messages.success(request, _("Den pårørende er fjernet."))
    else:
        messages.info(request, _("Den pårørende er allerede fjernet."))
    return _relatives_section(person)


@require_http_methods(["GET", "POST"])
def consent_edit(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_RELATIVES, person)
    consent = people_selectors.active_consent(person=person)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            people_services.consent_record(
                person=person,
                involve_parents=form.cleaned_data["involve_parents"],
                scope=form.cleaned_data["scope"],
                given_on=form.cleaned_data["given_on"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Den unges valg om forældreinddragelse er registreret."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")
    return render(
        request,
        "students/people/consent_form.html",
        {"person": person, "form": form, "consent": consent, "history": person.consents.all()},
    )


@require_http_methods(["GET", "POST"])
def mentor_add(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_PERSON, person)
    form = MentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.mentor_assign(person=person, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Mentor/støttekontaktperson er tilføjet."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")
    return render(request, "students/people/mentor_form.html", {"person": person, "form": form})
