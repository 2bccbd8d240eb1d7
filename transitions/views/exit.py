"""Final year and exit pages. Thin: permission lookup → form → service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view
from stu_case.calendar import add_months
from stu_case.formats import short_date
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from transitions.forms.exit import (
    EndConversationForm,
    ExitPlanForm,
    ExitTaskForm,
    FollowUpForm,
    FunctionalDescriptionForm,
    HandoverForm,
    InvolvementForm,
    StatisticsFilter,
)
from transitions.models.exit import (
    EndConversation,
    ExitPlan,
    ExitRule,
    ExitTask,
    FollowUp,
    FunctionalDescription,
    FunctionalDescriptionHandover,
    JobcenterInvolvement,
    months_text,
)
from transitions.selectors import exit as selectors
from transitions.services import exit as services


def _person(request, pk, action: Action = Action.EDIT_TRANSITIONS):
    """The person (404 for anyone outside the team), then 403 if the action is not allowed."""
    user = request.user
    person = permissions.get_or_404(
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE), pk
    )
    if not permissions.can(user, Action.VIEW_TRANSITIONS, person):
        raise Http404
    if action != Action.VIEW_TRANSITIONS and not permissions.can(user, action, person):
        raise PermissionDenied
    return person


def _back(person) -> str:
    return reverse("transitions:person", args=[person.pk]) + "#exit"


def _page(
    request, person, form, heading, intro="", template="transitions/exit/form_page.html", **extra
):
    ctx = {"person": person, "form": form, "heading": heading, "intro": intro, **extra}
    return render(request, template, ctx)


# ---------------------------------------------------------------- jobcenter involvement
@require_http_methods(["GET", "POST"])
def involvement_edit(request, pk):
    person = _person(request, pk)
    involvement = JobcenterInvolvement.objects.filter(person=person).first()
    initial = {"contact": involvement.contact_id, "note": involvement.note} if involvement else {}
    form = InvolvementForm(
        request.POST if request.method == "POST" else None, person=person, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_save(
                person=person,
                contact=form.cleaned_data["contact"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Jobcenterkontakten er gemt."))
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Jobcenterkontakt"),
        _(
            "Jobcentret følger den unge i de første to år og bliver aktiv deltager i "
            "udslusningen, når det sidste år begynder."
        ),
    )


# ---------------------------------------------------------------- checklist
@require_http_methods(["GET", "POST"])
def task_edit(request, pk, task_id=None):
    person = _person(request, pk)
    task = get_object_or_404(ExitTask, pk=task_id, person=person) if task_id else None
    form = ExitTaskForm(
        request.POST if request.method == "POST" else None,
        instance=ExitTask.objects.get(pk=task.pk) if task else None,
        person=person,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.exit_task_save(
                person=person,
                task=task,
                data={f: form.cleaned_data[f] for f in ExitTaskForm.Meta.fields},
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Opgaven er gemt."))
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Ret opgave i udslusningen") if task else _("Ny opgave i udslusningen"),
    )


@require_POST
def task_done(request, pk, task_id):
    person = _person(request, pk)
    task = get_object_or_404(ExitTask, pk=task_id, person=person)
    done = request.POST.get("done") == "1"
    services.exit_task_set_done(task=task, done=done, user=request.user)
    messages.success(
        request,
        _("Opgaven er markeret som udført.") if done else _("Opgaven er markeret som ikke udført."),
    )
    return redirect(_back(person))


# ---------------------------------------------------------------- end conversation
@require_http_methods(["GET", "POST"])
def end_conversation_edit(request, pk):
    person = _person(request, pk)
    enrolment = person.enrolments.current()
    if enrolment is None:
        messages.error(request, _("Den unge har ikke et aktivt STU-forløb."))
        return redirect(_back(person))
    conversation = EndConversation.objects.filter(person=person).first()
    form = EndConversationForm(
        request.POST if request.method == "POST" else None, instance=conversation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.end_conversation_save(
                person=person,
                data={f: form.cleaned_data[f] for f in EndConversationForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Afslutningssamtalen er gemt."))
            return redirect(_back(person))
    rule = ExitRule.for_municipality(person.municipality_id)
    latest = add_months(enrolment.planned_end_date, -rule.end_conversation_months_before)
    return _page(
        request,
        person,
        form,
        _("Afslutningssamtale"),
        _(
            "STU-forløbet slutter efter planen %(end)s. Afslutningssamtalen skal holdes senest "
            "%(latest)s – mindst %(months)s før."
        )
        % {
            "end": short_date(enrolment.planned_end_date),
            "latest": short_date(latest),
            "months": months_text(rule.end_conversation_months_before),
        },
    )


# ---------------------------------------------------------------- exit plan
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    person = _person(request, pk)
    plan = ExitPlan.objects.filter(person=person).first() or ExitPlan(person=person)
    form = ExitPlanForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.exit_plan_update(
                person=person,
                expected_version=form.cleaned_data["version"],
                data={f: form.cleaned_data[f] for f in ExitPlan.EDITABLE_FIELDS},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Udslusningsplanen er gemt."))
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Udslusningsplan"),
        _(
            "Planen for livet efter STU: forventet vej, afsluttende praktik, bolig, "
            "overdragelsesmøde med jobcentret og ressourcepapiret (tidligere kompetencepapir)."
        ),
    )


# ---------------------------------------------------------------- functional description
@require_http_methods(["GET", "POST"])
def fd_edit(request, pk):
    person = _person(request, pk)
    try:
        description = services.functional_description_draft(person=person, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(_back(person))
    form = FunctionalDescriptionForm(
        request.POST if request.method == "POST" else None, description=description
    )
    if request.method == "POST" and form.is_valid():
        try:
            if description.pk is None:
                description = services.functional_description_start(
                    person=person, user=request.user
                )
            services.functional_description_update(
                description=description,
                expected_version=form.cleaned_data["version"],
                texts=form.texts(),
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Funktionsbeskrivelsen er gemt."))
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Funktionsbeskrivelse til jobcentret"),
        description.template.introduction,
        template_name=description.template.name,
    )


@require_http_methods(["GET", "POST"])
def fd_handover(request, pk):
    person = _person(request, pk)
    description = get_object_or_404(FunctionalDescription, person=person)
    involvement = JobcenterInvolvement.objects.filter(person=person).first()
    form = HandoverForm(
        request.POST if request.method == "POST" else None,
        person=person,
        initial={"to_contact": involvement.contact_id if involvement else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.functional_description_hand_over(
                description=description,
                to_contact=form.cleaned_data["to_contact"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            access_log_view(
                request=request,
                person=person,
                purpose=gettext_lazy("Funktionsbeskrivelse overdraget til jobcentret (PDF)"),
                action=AccessAction.EXPORT,
            )
            messages.success(
                request,
                _("Funktionsbeskrivelsen er overdraget til %(name)s som PDF.")
                % {"name": handover.handed_over_to.get_full_name() or handover.handed_over_to},
            )
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Overdrag funktionsbeskrivelsen til jobcentret"),
        _(
            "Beskrivelsen gemmes som PDF, jobcentermedarbejderen får besked, og det registreres, "
            "hvem der overdrog den til hvem og hvornår."
        ),
        missing=description.missing_sections,
    )


def fd_pdf(request, pk, handover_id):
    person = _person(request, pk, action=Action.VIEW_TRANSITIONS)
    handover = get_object_or_404(FunctionalDescriptionHandover, pk=handover_id, person=person)
    access_log_view(
        request=request,
        person=person,
        purpose=gettext_lazy("Funktionsbeskrivelse hentet (PDF)"),
        action=AccessAction.PRINT,
    )
    response = HttpResponse(bytes(handover.pdf), content_type="application/pdf")
    handed_over_on = timezone.localtime(handover.handed_over_at)
    filename = f"funktionsbeskrivelse-{person.pk}-{handed_over_on:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- follow-up after STU
@require_http_methods(["GET", "POST"])
def follow_up_edit(request, pk, follow_up_id):
    person = _person(request, pk)
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id, person=person)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        instance=FollowUp.objects.get(pk=follow_up.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                follow_up=follow_up,
                data={f: form.cleaned_data[f] for f in FollowUpForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Opfølgningen er registreret."))
            return redirect(_back(person))
    return _page(
        request,
        person,
        form,
        _("Opfølgning %(months)s måneder efter STU") % {"months": follow_up.months},
        _("STU sluttede %(end)s. Hvor er den unge nu?") % {"end": short_date(follow_up.ended_on)},
    )


# ---------------------------------------------------------------- statistics
def statistics(request):
    user = request.user
    if not permissions.can(user, Action.VIEW_EXIT_STATISTICS):
        raise PermissionDenied
    try:
        year = int(request.GET.get("aar") or 0) or None
    except ValueError:
        year = None
    stats = selectors.statistics(user=user, year=year)
    if year is not None and year not in stats["years"]:
        messages.info(
            request, _("Der er ingen unge, der afsluttede STU i %(year)s.") % {"year": year}
        )
    form = StatisticsFilter(initial={"aar": year or ""}, years=stats["years"])
    return render(request, "transitions/exit/statistics.html", {"form": form, "stats": stats})
