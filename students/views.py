"""Staff case pages. Thin: permission lookup → form → service → redirect or partial."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error

from . import selectors, services
from .absence import selectors as absence_selectors
from .forms import (
    CaseloadFilter,
    ConsentForm,
    FlagAcknowledgeForm,
    GoalForm,
    GoalNoteForm,
    MentorForm,
    PersonCreateForm,
    PersonEditForm,
    PlanForm,
    RelativeForm,
    SocialNotesForm,
)
from .models import EducationPlan, PlanGoal, Relative, YoungPerson

PAGE_SIZE = 25


def _require(user, action: str, person) -> None:
    if not permissions.can(user, action, person):
        raise PermissionDenied


# ---------------------------------------------------------------- caseload
def caseload(request):
    user = request.user
    form = CaseloadFilter(
        request.GET or None,
        contact_choices=selectors.contact_person_choices(user=user),
        institution_choices=selectors.institution_choices(user=user),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.caseload(user=user, filters=filters)
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
    template = "students/_caseload_table.html" if request.htmx else "students/caseload.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "people": people,
            "querystring": query.urlencode(),
            "can_create": permissions.can_create_person(user),
            "cpr_search": bool(filters.get("cpr")),
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    if not permissions.can_create_person(request.user):
        raise PermissionDenied
    form = PersonCreateForm(request.POST or None, municipality=request.user.municipality)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "cpr"}
        try:
            person = services.young_person_create(
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
    return render(request, "students/person_form.html", {"form": form, "creating": True})


# ---------------------------------------------------------------- the person page
def person_detail(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af sag"))
    user = request.user
    sensitive = permissions.can(user, "view_sensitive", person)
    consent = selectors.active_consent(person=person) if sensitive else None
    ctx = {
        "person": person,
        "plan": person.plan,
        "goals_by_agency": selectors.plan_goals_by_agency(plan=person.plan),
        "enrolments": selectors.person_enrolments(person=person),
        "flags": selectors.person_flags(person=person),
        "absence": absence_selectors.person_absence(user=user, person=person),
        "revisions": person.plan.revisions.select_related("created_by").order_by("-number")[:10],
        "sensitive": sensitive,
        "relatives": person.relatives.all() if sensitive else [],
        "mentors": person.mentors.all() if sensitive else [],
        "consent": consent,
        "parents_allowed": selectors.parents_may_be_involved(person=person, consent=consent),
        "can_edit": permissions.can(user, "edit_person", person),
        "can_edit_plan": permissions.can(user, "edit_plan", person),
        "can_edit_social": permissions.can(user, "edit_social_notes", person),
        "today": timezone.localdate(),
    }
    return render(request, "students/person_detail.html", ctx)


def person_history(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "view_history", person)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af historik"))
    return render(
        request,
        "students/person_history.html",
        {"person": person, "events": selectors.person_history(person=person)},
    )


@require_POST
def reveal_cpr(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "reveal_cpr", person)
    access_log_view(
        request=request,
        person=person,
        purpose=gettext_lazy("Fuldt CPR-nummer vist"),
        action=AccessAction.REVEAL_CPR,
    )
    from .cpr import formatted

    ctx = {"person": person, "cpr_full": formatted(person.cpr)}
    if request.htmx:
        return render(request, "students/_cpr.html", ctx)
    return render(request, "students/cpr_revealed.html", ctx)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_person", person)
    form = PersonEditForm(request.POST or None, instance=person)
    social = (
        SocialNotesForm(request.POST or None, instance=person, prefix="social")
        if permissions.can(request.user, "edit_social_notes", person)
        else None
    )
    if request.method == "POST" and form.is_valid() and (social is None or social.is_valid()):
        # The ModelForm has already copied the POST onto ``person``: give the service a fresh
        # row so it sees (and saves) the changes.
        fresh = YoungPerson.objects.get(pk=person.pk)
        try:
            services.young_person_update(person=fresh, data=form.cleaned_data)
            if social is not None:
                services.young_person_set_social_notes(
                    person=fresh, social_notes=social.cleaned_data["social_notes"]
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Oplysningerne er gemt."))
            return redirect("students:detail", pk=person.pk)
    return render(
        request,
        "students/person_form.html",
        {"form": form, "social_form": social, "person": person},
    )


# ---------------------------------------------------------------- plan
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_plan", person)
    plan = person.plan
    consent = selectors.active_consent(person=person)
    relatives_allowed = selectors.parents_may_be_involved(person=person, consent=consent)
    conflict = None
    initial = {"version": plan.version}
    form = PlanForm(
        request.POST or None, instance=plan, initial=initial, relatives_allowed=relatives_allowed
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            rev = services.plan_update(
                plan=plan,
                expected_version=cd["version"],
                data={
                    f: cd[f]
                    for f in [*EducationPlan.SECTION_FIELDS, "next_revision_due"]
                    if f in cd
                },
                revision=services.RevisionInfo(
                    reason=cd["reason"],
                    justification=cd["justification"],
                    young_person_took_part=cd["young_person_took_part"],
                    relatives_took_part=cd["relatives_took_part"],
                    institution_took_part=cd["institution_took_part"],
                    other_participants=cd["other_participants"],
                ),
                user=request.user,
            )
        except services.ConcurrentEditError as exc:
            conflict = exc.current
            form.add_error(
                None,
                _(
                    "Planen er blevet ændret af %(who)s kl. %(when)s, mens du redigerede. "
                    "Dine ændringer er ikke gemt, men står stadig i formularen. "
                    "Sammenlign med den gemte version nedenfor, og gem igen."
                )
                % {
                    "who": conflict.updated_by or _("en anden"),
                    "when": timezone.localtime(conflict.updated_at).strftime("%d.%m.%Y %H:%M"),
                },
            )
            data = request.POST.copy()
            data["version"] = conflict.version
            form.data = data
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Planen er gemt som revision %(n)s.") % {"n": rev.number})
            return redirect(reverse("students:detail", args=[person.pk]) + "#plan")
    conflict_sections = []
    if conflict is not None:
        for f in EducationPlan.SECTION_FIELDS:
            mine = form.data.get(f, "")
            theirs = getattr(conflict, f)
            if (mine or "").replace("\r\n", "\n").strip() != (theirs or "").strip():
                conflict_sections.append(
                    {
                        "label": EducationPlan._meta.get_field(f).verbose_name,
                        "theirs": theirs,
                        "mine": mine,
                    }
                )
    return render(
        request,
        "students/plan_form.html",
        {
            "person": person,
            "plan": plan,
            "form": form,
            "conflict": conflict,
            "conflict_sections": conflict_sections,
            "relatives_allowed": relatives_allowed,
        },
    )


def plan_revision(request, pk, number):
    person = selectors.person_detail(user=request.user, pk=pk)
    rev = get_object_or_404(person.plan.revisions.select_related("created_by"), number=number)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af planrevision"))
    from .models import Agency, GoalArea, GoalStatus

    goals = [
        {
            **g,
            "agency_label": Agency(g["owning_agency"]).label,
            "area_label": GoalArea(g["area"]).label,
            "status_label": GoalStatus(g["status"]).label,
            "target_date": date.fromisoformat(g["target_date"]),
        }
        for g in rev.snapshot.get("goals", [])
    ]
    sections = [
        (EducationPlan._meta.get_field(f).verbose_name, rev.snapshot["sections"].get(f, ""))
        for f in EducationPlan.SECTION_FIELDS
    ]
    return render(
        request,
        "students/plan_revision.html",
        {"person": person, "rev": rev, "sections": sections, "goals": goals},
    )


def plan_print(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    access_log_view(
        request=request,
        person=person,
        purpose=gettext_lazy("Udskrift af uddannelsesplan"),
        action=AccessAction.PRINT,
    )
    sections = [
        (EducationPlan._meta.get_field(f).verbose_name, getattr(person.plan, f))
        for f in EducationPlan.SECTION_FIELDS
    ]
    return render(
        request,
        "students/plan_print.html",
        {
            "person": person,
            "plan": person.plan,
            "sections": sections,
            "goals_by_agency": selectors.plan_goals_by_agency(plan=person.plan),
        },
    )


# ---------------------------------------------------------------- goals
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_id=None):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_plan", person)
    goal = get_object_or_404(PlanGoal, pk=goal_id, plan=person.plan) if goal_id else None
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in GoalForm.Meta.fields}
        try:
            if goal is None:
                services.goal_create(plan=person.plan, data=data, user=request.user)
                messages.success(request, _("Målet er tilføjet planen."))
            else:
                services.goal_update(
                    goal=PlanGoal.objects.get(pk=goal.pk), data=data, user=request.user
                )
                messages.success(request, _("Målet er gemt."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(reverse("students:detail", args=[person.pk]) + "#plan")
    return render(
        request, "students/goal_form.html", {"person": person, "form": form, "goal": goal}
    )


@require_http_methods(["GET", "POST"])
def goal_note(request, pk, goal_id):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_plan", person)
    goal = get_object_or_404(PlanGoal, pk=goal_id, plan=person.plan)
    form = GoalNoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add_note(
                goal=goal,
                text=form.cleaned_data["text"],
                noted_on=form.cleaned_data["noted_on"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Statusnotatet er gemt."))
            return redirect(reverse("students:detail", args=[person.pk]) + f"#goal-{goal.pk}")
    return render(
        request, "students/goal_note_form.html", {"person": person, "goal": goal, "form": form}
    )


# ---------------------------------------------------------------- relatives, consent, mentors
@require_http_methods(["GET", "POST"])
def relative_edit(request, pk, relative_id=None):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_relatives", person)
    relative = get_object_or_404(Relative, pk=relative_id, person=person) if relative_id else None
    form = RelativeForm(request.POST or None, instance=relative)
    if request.method == "POST" and form.is_valid():
        try:
            services.relative_save(
                person=person,
                relative=Relative.objects.get(pk=relative.pk) if relative else None,
                data={f: form.cleaned_data[f] for f in RelativeForm.Meta.fields},
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Den pårørende er gemt."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")
    return render(
        request,
        "students/relative_form.html",
        {"person": person, "form": form, "relative": relative},
    )


@require_POST
def relative_delete(request, pk, relative_id):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_relatives", person)
    relative = get_object_or_404(Relative, pk=relative_id, person=person)
    services.relative_delete(relative=relative)
    messages.success(request, _("Den pårørende er fjernet."))
    return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")


@require_http_methods(["GET", "POST"])
def consent_edit(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_relatives", person)
    consent = selectors.active_consent(person=person)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
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
        "students/consent_form.html",
        {"person": person, "form": form, "consent": consent, "history": person.consents.all()},
    )


@require_http_methods(["GET", "POST"])
def mentor_add(request, pk):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "edit_person", person)
    form = MentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_assign(person=person, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Mentor/støttekontaktperson er tilføjet."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#relatives")
    return render(request, "students/mentor_form.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def flag_acknowledge(request, pk, flag_id):
    person = selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, "acknowledge_flag", person)
    flag = get_object_or_404(person.flags, pk=flag_id, resolved_at__isnull=True)
    form = FlagAcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_acknowledge(
                flag=flag, user=request.user, note=form.cleaned_data["acknowledgement"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Flaget er kvitteret."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#flags")
    return render(
        request, "students/flag_form.html", {"person": person, "flag": flag, "form": form}
    )
