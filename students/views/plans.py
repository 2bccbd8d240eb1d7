"""Staff pages for THE one education plan: edit, revision, print, goals and progress notes."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view
from stu_case.formats import short_datetime
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action, disclosure
from students.forms.plans import GoalForm, GoalNoteForm, PlanForm
from students.models import EducationPlan, PlanGoal
from students.selectors import people as people_selectors
from students.selectors import plans as plan_selectors
from students.services import plans as plan_services
from students.views.people import _require


# ---------------------------------------------------------------- plan
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_PLAN, person)
    plan = person.plan
    consent = people_selectors.active_consent(person=person)
    relatives_allowed = people_selectors.parents_may_be_involved(person=person, consent=consent)
    conflict = None
    initial = {"version": plan.version}
    form = PlanForm(
        request.POST or None, instance=plan, initial=initial, relatives_allowed=relatives_allowed
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            rev = plan_services.plan_update(
                plan=plan,
                expected_version=cd["version"],
                data={
                    f: cd[f]
                    for f in [*EducationPlan.SECTION_FIELDS, "next_revision_due"]
                    if f in cd
                },
                revision=plan_services.RevisionInfo(
                    reason=cd["reason"],
                    justification=cd["justification"],
                    young_person_took_part=cd["young_person_took_part"],
                    relatives_took_part=cd["relatives_took_part"],
                    institution_took_part=cd["institution_took_part"],
                    other_participants=cd["other_participants"],
                ),
                user=request.user,
            )
        except plan_services.ConcurrentEditError as exc:
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
                    "when": short_datetime(conflict.updated_at),
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
        "students/plans/plan_form.html",
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
    person = people_selectors.person_detail(user=request.user, pk=pk)
    rev = get_object_or_404(person.plan.revisions.select_related("created_by"), number=number)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af planrevision"))
    from students.models import Agency, GoalArea, GoalStatus

    goals = [
        {
            **g,
            "agency_label": Agency(g["owning_agency"]).label,
            "area_label": GoalArea(g["area"]).label,
            "status_label": GoalStatus(g["status"]).label,
            "target_date": date.fromisoformat(g["target_date"]),
        }
        for g in disclosure.visible_snapshot_goals(
            request.user, person, rev.snapshot.get("goals", [])
        )
    ]
    (rev,) = disclosure.redacted(request.user, person, [rev])
    sections = [
        (EducationPlan._meta.get_field(f).verbose_name, rev.snapshot["sections"].get(f, ""))
        for f in EducationPlan.SECTION_FIELDS
    ]
    return render(
        request,
        "students/plans/plan_revision.html",
        {"person": person, "rev": rev, "sections": sections, "goals": goals},
    )


def plan_print(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
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
        "students/plans/plan_print.html",
        {
            "person": person,
            "plan": person.plan,
            "sections": sections,
            "goals_by_agency": plan_selectors.plan_goals_by_agency(
                plan=person.plan, user=request.user
            ),
        },
    )


# ---------------------------------------------------------------- goals
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_id=None):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_PLAN, person)
    goal = get_object_or_404(PlanGoal, pk=goal_id, plan=person.plan) if goal_id else None
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in GoalForm.Meta.fields}
        try:
            if goal is None:
                plan_services.goal_create(plan=person.plan, data=data, user=request.user)
                messages.success(request, _("Målet er tilføjet planen."))
            else:
                plan_services.goal_update(
                    goal=PlanGoal.objects.get(pk=goal.pk), data=data, user=request.user
                )
                messages.success(request, _("Målet er gemt."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(reverse("students:detail", args=[person.pk]) + "#plan")
    return render(
        request, "students/plans/goal_form.html", {"person": person, "form": form, "goal": goal}
    )


@require_http_methods(["GET", "POST"])
def goal_note(request, pk, goal_id):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.EDIT_PLAN, person)
    goal = get_object_or_404(PlanGoal, pk=goal_id, plan=person.plan)
    form = GoalNoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.goal_add_note(
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
        request,
        "students/plans/goal_note_form.html",
        {"person": person, "goal": goal, "form": form},
    )
