"""views: pathway. Thin: permission lookup → form → service → redirect.

Every view asks ``permissions.can(user, Action.VIEW_TRANSITIONS, person)`` first: people outside
the municipal team (institution staff, outsiders) get 404; team members without the right to
the view's action get 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from stu_case import permissions
from stu_case.audit.services import access_log_view
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.models import MentorAssignment
from students.services import people as people_services
from transitions.forms import pathway as forms
from transitions.models.pathway import HousingPlan, Interruption, InterruptionStatus, Pause
from transitions.services import interruption as interruption_services
from transitions.services import letters as letter_services
from transitions.services import pathway as services

TEMPLATE = "transitions/pathway/form.html"


def _person(request, pk, action: Action):
    user = request.user
    person = permissions.get_or_404(
        permissions.young_people_for(user, permissions.VIEW_SENSITIVE), pk
    )
    if not permissions.can(user, Action.VIEW_TRANSITIONS, person):
        raise Http404
    if not permissions.can(user, action, person):
        raise PermissionDenied
    return person


def _back(person) -> str:
    return reverse("transitions:person", args=[person.pk]) + "#pathway"


def _render(request, person, form, *, title, submit, purpose, **extra):
    access_log_view(request=request, person=person, purpose=purpose)
    ctx = {"person": person, "form": form, "title": title, "submit": submit, "back": _back(person)}
    ctx.update(extra)
    return render(request, TEMPLATE, ctx)


def _pause_data(cd) -> services.PauseData:
    return services.PauseData(
        reason=cd["reason"],
        reason_text=cd["reason_text"],
        start_date=cd["start_date"],
        planned_return_date=cd["planned_return_date"],
        activity_kind=cd["activity_kind"],
        activity_description=cd["activity_description"],
        responsible=cd["responsible"],
        return_plan=cd["return_plan"],
    )


# ---------------------------------------------------------------- pauses
@require_http_methods(["GET", "POST"])
def pause_create(request, pk):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    enrolment = person.enrolments.select_related("institution").current()
    form = forms.PauseForm(
        request.POST or None,
        municipality=person.municipality,
        initial={"start_date": timezone.localdate(), "responsible": person.contact_person_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pause_create(
                person=person, data=_pause_data(form.cleaned_data), user=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Pausen er oprettet og afventer kommunens godkendelse."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Ny pause eller orlov"),
        submit=_("Opret pause"),
        purpose=gettext_lazy("Oprettelse af pause"),
        limit=_limit(enrolment),
        intro="pause",
    )


def _limit(enrolment):
    from transitions.selectors.pathway import completion_limit

    return completion_limit(enrolment)


def _pause(person, pause_id) -> Pause:
    return get_object_or_404(
        Pause.objects.select_related("enrolment", "responsible"), pk=pause_id, person=person
    )


@require_http_methods(["GET", "POST"])
def pause_edit(request, pk, pause_id):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    pause = _pause(person, pause_id)
    initial = {f: getattr(pause, f) for f in services.PAUSE_EDIT_FIELDS}
    form = forms.PauseForm(request.POST or None, municipality=person.municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.pause_update(
                pause=pause, data=_pause_data(form.cleaned_data), user=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Pausen er ændret."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Ret pause"),
        submit=_("Gem ændringer"),
        purpose=gettext_lazy("Ændring af pause"),
        pause=pause,
        limit=_limit(pause.enrolment),
    )


@require_http_methods(["GET", "POST"])
def pause_decide(request, pk, pause_id):
    person = _person(request, pk, Action.APPROVE_PAUSE)
    pause = _pause(person, pause_id)
    form = forms.PauseDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            if cd["decision"] == "approve":
                services.pause_approve(
                    pause=pause,
                    user=request.user,
                    requires_reassessment=cd["requires_reassessment"],
                    note=cd["note"],
                )
                messages.success(request, _("Pausen er godkendt. Forløbet står nu på pause."))
            else:
                services.pause_reject(pause=pause, user=request.user, note=cd["note"])
                messages.success(request, _("Pausen er afvist."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Godkend eller afvis pause"),
        submit=_("Registrér afgørelse"),
        purpose=gettext_lazy("Afgørelse om pause"),
        pause=pause,
        limit=_limit(pause.enrolment),
    )


@require_http_methods(["GET", "POST"])
def pause_resume(request, pk, pause_id):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    pause = _pause(person, pause_id)
    form_class = (
        forms.PauseResumeWithReassessmentForm
        if pause.requires_reassessment
        else forms.PauseResumeForm
    )
    form = form_class(request.POST or None, initial={"resumed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.pause_resume(
                pause=pause,
                user=request.user,
                resumed_on=cd["resumed_on"],
                reassessment_date=cd.get("reassessment_date"),
                reassessment_result=cd.get("reassessment_result", ""),
                reassessment_note=cd.get("reassessment_note", ""),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Forløbet er genoptaget."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Genoptag forløbet efter pause"),
        submit=_("Genoptag forløbet"),
        purpose=gettext_lazy("Genoptagelse efter pause"),
        pause=pause,
        limit=_limit(pause.enrolment),
    )


# ---------------------------------------------------------------- interruption
STEP_TITLES = {
    1: gettext_lazy("Afbrydelse, trin 1: Planen justeres"),
    2: gettext_lazy("Afbrydelse, trin 2: Varselsbrev og møde"),
    3: gettext_lazy("Afbrydelse, trin 3: Begrundet afgørelse"),
}


@require_http_methods(["GET", "POST"])
def interruption_step(request, pk, step):
    if step not in STEP_TITLES:
        raise Http404
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    interruption = (
        Interruption.objects.filter(person=person, status=InterruptionStatus.OPEN)
        .select_related("enrolment")
        .first()
    )
    form = _interruption_form(step, request.POST or None, person=person, interruption=interruption)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            if step == 1:
                interruption_services.interruption_adjust_plan(
                    person=person,
                    plan_adjusted_on=cd["plan_adjusted_on"],
                    note=cd["plan_adjustment_note"],
                    user=request.user,
                )
                messages.success(request, _("Trin 1 er registreret: planen er justeret."))
            elif step == 2:
                interruption_services.interruption_warn(
                    person=person,
                    warning_letter_sent_on=cd["warning_letter_sent_on"],
                    meeting_held_on=cd["meeting_held_on"],
                    note=cd["warning_note"],
                    user=request.user,
                )
                messages.success(request, _("Trin 2 er registreret: varselsbrev og møde."))
            else:
                interruption_services.interruption_decide(
                    person=person,
                    data=interruption_services.DecisionData(
                        causes_examined=cd["causes_examined"],
                        decision_reason=cd["decision_reason"],
                        decision_date=cd["decision_date"],
                        follow_up_plan=cd["follow_up_plan"],
                        follow_up_due=cd["follow_up_due"],
                        jobcenter_informed_on=cd["jobcenter_informed_on"],
                        jobcenter_contact=cd["jobcenter_contact"],
                    ),
                    user=request.user,
                )
                messages.success(
                    request,
                    _(
                        "Afgørelsen er registreret. Forløbet er afbrudt, og jobcentret har fået besked."
                    ),
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=STEP_TITLES[step],
        submit=_("Afgør: afbryd forløbet") if step == 3 else _("Gem trin %(n)s") % {"n": step},
        purpose=gettext_lazy("Afbrydelse af forløb"),
        interruption=interruption,
        step=step,
    )


@require_http_methods(["GET", "POST"])
def interruption_warning_letter(request, pk):
    """Step 2's warning letter, made and sent by the letter service (a hearing)."""
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    interruption = get_object_or_404(
        Interruption.objects.select_related("person"),
        person=person,
        status=InterruptionStatus.OPEN,
        plan_adjusted_on__isnull=False,
    )
    form = forms.WarningLetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter_services.interruption_warning_letter_send(
                interruption=interruption, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Varselsbrevet er sendt til den unge."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Afbrydelse, trin 2: Send varselsbrev"),
        submit=_("Send varselsbrev"),
        purpose=gettext_lazy("Afbrydelse af forløb"),
    )


def _interruption_form(step, data, *, person, interruption):
    """The form of this step, prefilled with today or with what step 1 recorded."""
    today = timezone.localdate()
    if step == 1:
        initial = {"plan_adjusted_on": today}
        if interruption:
            initial = {
                "plan_adjusted_on": interruption.plan_adjusted_on,
                "plan_adjustment_note": interruption.plan_adjustment_note,
            }
        return forms.InterruptionStep1Form(data, initial=initial)
    if step == 2:
        return forms.InterruptionStep2Form(data)
    return forms.InterruptionDecisionForm(
        data,
        municipality=person.municipality,
        initial={"decision_date": today, "jobcenter_informed_on": today},
    )


@require_http_methods(["GET", "POST"])
def interruption_withdraw(request, pk):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    interruption = get_object_or_404(Interruption, person=person, status=InterruptionStatus.OPEN)
    form = forms.InterruptionWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interruption_services.interruption_withdraw(
                person=person, note=form.cleaned_data["withdrawn_note"], user=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Afbrydelsen er stoppet. Forløbet fortsætter."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Stop afbrydelsen – forløbet fortsætter"),
        submit=_("Stop afbrydelsen"),
        purpose=gettext_lazy("Afbrydelse af forløb"),
        interruption=interruption,
    )


# ---------------------------------------------------------------- housing
@require_http_methods(["GET", "POST"])
def housing_edit(request, pk):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    plan = HousingPlan.objects.filter(person=person).first()
    initial = {"current_situation": person.housing_situation}
    if plan:
        initial.update(
            move_needed="yes" if plan.move_needed else "no",
            target_situation=plan.target_situation,
            planned_move_date=plan.planned_move_date,
            support=plan.support,
            note=plan.note,
        )
    form = forms.HousingPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.housing_plan_save(person=person, user=request.user, **cd)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Boligplanen er gemt."))
            return redirect(_back(person))
    enrolment = person.enrolments.select_related("institution").current()
    return _render(
        request,
        person,
        form,
        title=_("Bolig og planlagt flytning"),
        submit=_("Gem boligplan"),
        purpose=gettext_lazy("Ændring af boligplan"),
        housing_deadline=services.housing_move_deadline(enrolment) if enrolment else None,
        enrolment=enrolment,
    )


# ---------------------------------------------------------------- mentors
@require_http_methods(["GET", "POST"])
def mentor_end(request, pk, mentor_id):
    person = _person(request, pk, Action.EDIT_TRANSITIONS)
    assignment = get_object_or_404(
        MentorAssignment, pk=mentor_id, person=person, end_date__isnull=True
    )
    form = forms.MentorEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            people_services.mentor_end(
                assignment=assignment, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Tilknytningen er afsluttet."))
            return redirect(_back(person))
    return _render(
        request,
        person,
        form,
        title=_("Afslut mentor eller støttekontaktperson"),
        submit=_("Afslut tilknytningen"),
        purpose=gettext_lazy("Afslutning af mentor"),
        mentor=assignment,
    )
