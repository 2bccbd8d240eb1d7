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
from stu_case.permissions import Action, disclosure
from students.forms.journal import JournalFilterForm
from students.forms.people import (
    CaseloadFilter,
    ConsentForm,
    CprLookupForm,
    MentorForm,
    PersonCreateForm,
    PersonEditForm,
    RelativeForm,
    SocialNotesForm,
    TransferForm,
)
from students.models import Relative, YoungPerson
from students.selectors import absence as absence_selectors
from students.selectors import documents as document_selectors
from students.selectors import enrolments as enrolment_selectors
from students.selectors import flags as flag_selectors
from students.selectors import journal as journal_selectors
from students.selectors import letters as letter_selectors
from students.selectors import people as people_selectors
from students.selectors import plans as plan_selectors
from students.services import cpr_lookup as cpr_services
from students.services import people as people_services
from students.services import transfer as transfer_services

PAGE_SIZE = 25


def _require(user, action: Action, person) -> None:
    if not permissions.can(user, action, person):
        raise PermissionDenied


# ---------------------------------------------------------------- caseload
def caseload(request):
    return _caseload_page(request, cpr_form=_cpr_form(request.user))


def _cpr_form(user, data=None) -> CprLookupForm | None:
    return CprLookupForm(data) if permissions.can(user, Action.LOOKUP_CPR) else None


def _caseload_page(request, *, cpr_form, status: int = 200):
    user = request.user
    form = CaseloadFilter(
        request.GET or None,
        contact_choices=people_selectors.contact_person_choices(user=user),
        institution_choices=people_selectors.institution_choices(user=user),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = people_selectors.caseload(user=user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    people = list(page.object_list)
    criteria = "; ".join(f"{k}={v}" for k, v in filters.items() if v)
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
            "cpr_form": cpr_form,
            "page": page,
            "people": people,
            "querystring": query.urlencode(),
            "can_create": permissions.can(user, Action.CREATE_PERSON),
            "can_hand_over": permissions.can(user, Action.HAND_OVER_CASELOAD),
        },
        status=status,
    )


@require_POST
def cpr_lookup(request):
    """The exact CPR look-up (a POST: the number stays out of URLs and logs). Found: on to the
    person page. Not found, or too many look-ups: the caseload with the answer at the field."""
    form = _cpr_form(request.user, request.POST)
    if form is None:
        raise PermissionDenied
    status = 200
    if form.is_valid():
        try:
            person = cpr_services.cpr_lookup(
                request=request, user=request.user, cpr=form.cleaned_data["cpr"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            status = 429
        else:
            if person is not None:
                return redirect("students:detail", pk=person.pk)
            form.add_error("cpr", _("Ingen ung med dette CPR-nummer i dine sager."))
    return _caseload_page(request, cpr_form=form, status=status)


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
                request=request,
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
        "goals_by_agency": plan_selectors.plan_goals_by_agency(plan=person.plan, user=user),
        "enrolments": disclosure.redacted(
            user, person, enrolment_selectors.person_enrolments(person=person)
        ),
        "flags": disclosure.redacted(user, person, flag_selectors.person_flags(person=person)),
        "absence": absence_selectors.person_absence(user=user, person=person),
        "revisions": disclosure.redacted(
            user,
            person,
            person.plan.revisions.select_related("created_by").order_by("-number")[:10],
        ),
        "sensitive": sensitive,
        "relatives": person.relatives.all() if sensitive else [],
        "mentors": person.mentors.all() if sensitive else [],
        "consent": consent,
        "parents_allowed": people_selectors.parents_may_be_involved(person=person, consent=consent),
        "can_edit": permissions.can(user, Action.EDIT_PERSON, person),
        "can_edit_plan": permissions.can(user, Action.EDIT_PLAN, person),
        "can_edit_social": permissions.can(user, Action.EDIT_SOCIAL_NOTES, person),
        "can_transfer": permissions.can(user, Action.TRANSFER_PERSON, person),
        **_journal_and_documents(request, person),
        "letters": letter_selectors.person_letters(person=person) if sensitive else None,
        "can_send_letters": permissions.can(user, Action.SEND_LETTERS, person),
        # The buttons to the higher apps' pages about this person (visitation, transitions).
        "page_links": hooks.person_page_links.resolve(user, person),
        "today": timezone.localdate(),
    }
    return render(request, "students/people/person_detail.html", ctx)


@require_http_methods(["GET", "POST"])
def person_transfer(request, pk):
    """Fraflytning: move the case to the young person's new municipality."""
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.TRANSFER_PERSON, person)
    form = TransferForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            moved = transfer_services.young_person_transfer(
                person=person,
                to_municipality=form.cleaned_data["to_municipality"],
                moved_on=form.cleaned_data["moved_on"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Sagen er flyttet til %(municipality)s. Den nye kommunes ledere har fået besked.")
                % {"municipality": moved.municipality.name},
            )
            return redirect("students:list")
    return render(request, "students/people/transfer_form.html", {"person": person, "form": form})


def _journal_and_documents(request, person) -> dict:
    """The journal and documents sections, for those who may see them (filters and pages
    from the GET parameters)."""
    user = request.user
    ctx: dict = {"journal": None, "documents": None}
    if permissions.can(user, Action.VIEW_JOURNAL, person):
        journal = journal_selectors.person_journal(user=user, person=person, params=request.GET)
        ctx["journal"] = journal
        ctx["journal_filter"] = JournalFilterForm(
            initial={"journal_art": journal["kind"], "journal_af": journal["author"]},
            authors=journal["authors"],
        )
        ctx["can_write_journal"] = permissions.can(user, Action.WRITE_JOURNAL, person)
    if permissions.can(user, Action.VIEW_DOCUMENTS, person):
        ctx["documents"] = document_selectors.person_documents(
            user=user, person=person, params=request.GET
        )
    return ctx


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
            people_services.young_person_update(
                person=fresh, data=form.cleaned_data, by=request.user
            )
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
