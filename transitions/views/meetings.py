"""Status meeting pages. Thin: permission lookup → form → service → redirect (or partial).

Meeting mode works without JavaScript (plain links and form posts, each post redirects back
to the student); with htmx the step is swapped in place and the URL is pushed.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from transitions.forms.meetings import (
    ActionDoneForm,
    ActionForm,
    AnswerForm,
    CloseForm,
    ItemForm,
    StatusMeetingForm,
)
from transitions.models.meetings import MeetingAction, MeetingStatus, StatusRequest
from transitions.selectors import meetings as selectors
from transitions.services import meetings as services


def _require_team(user) -> None:
    if not permissions.can(user, Action.VIEW_STATUS_MEETINGS):
        raise Http404


def _meeting(request, meeting_id):
    meeting = selectors.meeting_detail(user=request.user, pk=meeting_id)
    if not permissions.can(request.user, Action.VIEW_STATUS_MEETINGS, meeting):
        raise Http404
    return meeting


def _log_people(request, person_ids, purpose, action=AccessAction.VIEW, details="") -> None:
    ids = sorted(set(person_ids))
    if ids:
        access_log_write(
            request=request, person_ids=ids, action=action, purpose=purpose, details=details
        )


# ---------------------------------------------------------------- list and create
@require_http_methods(["GET", "POST"])
def meeting_list(request):
    user = request.user
    _require_team(user)
    can_manage = permissions.can(user, Action.MANAGE_STATUS_MEETINGS)
    conf = selectors.settings_for(user.municipality_id)
    team = selectors.team_members(municipality_id=user.municipality_id)
    form = None
    if can_manage:
        form = StatusMeetingForm(
            request.POST if request.method == "POST" else None,
            team=team,
            initial={"place": conf.default_place, "time": "09:00"},
        )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.status_meeting_create(
                    municipality=user.municipality,
                    starts_at=form.cleaned_data["starts_at"],
                    place=form.cleaned_data["place"],
                    participants=list(form.cleaned_data["participants"]),
                    other_participants=form.cleaned_data["other_participants"],
                    user=user,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Statusmødet er oprettet. Statusanmodningerne sendes automatisk "
                        "%(n)s dage før mødet."
                    )
                    % {"n": conf.request_lead_days},
                )
                return redirect("transitions:meeting_detail", meeting_id=meeting.pk)
    page = Paginator(selectors.meetings(user=user), 25).get_page(request.GET.get("side"))
    return render(
        request,
        "transitions/meetings/list.html",
        {
            "page": page,
            "form": form,
            "can_manage": can_manage,
            "conf": conf,
            "upcoming": selectors.upcoming_meeting(municipality_id=user.municipality_id),
            "querystring": "",
        },
    )


# ---------------------------------------------------------------- the meeting and its agenda
# The agenda is shown 50 students a page (the most urgent on page 1): a page costs the same
# for a municipality with 800 students as for one with 50.
AGENDA_PAGE_SIZE = 50


def meeting_detail(request, meeting_id):
    user = request.user
    meeting = _meeting(request, meeting_id)
    page = Paginator(selectors.build_agenda(user=user, meeting=meeting), AGENDA_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    rows = list(page.object_list)
    _log_people(
        request,
        [r.person.pk for r in rows],
        gettext_lazy("Dagsorden for statusmøde"),
        details=f"statusmøde #{meeting.pk}, side {page.number}",
    )
    requests_ = selectors.meeting_requests(meeting=meeting)
    conf = selectors.settings_for(meeting.municipality_id)
    return render(
        request,
        "transitions/meetings/detail.html",
        {
            "meeting": meeting,
            "rows": rows,
            "page": page,
            "querystring": "",
            "requests": requests_,
            "conf": conf,
            "requests_due_on": meeting.local_date - timedelta(days=conf.request_lead_days),
            "started": meeting.started_at is not None,
            "can_take_part": permissions.can(user, Action.TAKE_PART_IN_STATUS_MEETINGS, meeting),
            "can_manage": permissions.can(user, Action.MANAGE_STATUS_MEETINGS, meeting),
            "closed": meeting.status == MeetingStatus.CLOSED,
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    """Move or change a planned meeting (date, time, place, participants)."""
    meeting = _meeting(request, meeting_id)
    if meeting.status != MeetingStatus.PLANNED or not permissions.can(
        request.user, Action.MANAGE_STATUS_MEETINGS, meeting
    ):
        raise PermissionDenied
    local = timezone.localtime(meeting.starts_at)
    form = StatusMeetingForm(
        request.POST if request.method == "POST" else None,
        team=selectors.team_members(municipality_id=meeting.municipality_id),
        initial={
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "place": meeting.place,
            "participants": list(meeting.participants.all()),
            "other_participants": meeting.other_participants,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.status_meeting_update(
                meeting=meeting,
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                participants=list(form.cleaned_data["participants"]),
                other_participants=form.cleaned_data["other_participants"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Statusmødet er ændret."))
            return redirect("transitions:meeting_detail", meeting_id=meeting.pk)
    return render(
        request,
        "transitions/meetings/edit.html",
        {"meeting": meeting, "form": form, "requests_sent": meeting.requests.exists()},
    )


@require_POST
def meeting_start(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    if not permissions.can(request.user, Action.TAKE_PART_IN_STATUS_MEETINGS, meeting):
        raise PermissionDenied
    services.meeting_items_sync(meeting=meeting, user=request.user)
    if not selectors.item_count(meeting=meeting):
        messages.info(request, _("Der er ingen aktive STU-elever at gennemgå."))
        return redirect("transitions:meeting_detail", meeting_id=meeting.pk)
    return redirect("transitions:meeting_step", meeting_id=meeting.pk, position=1)


def _step_context(request, meeting, position, *, item_form=None, action_form=None) -> dict:
    user = request.user
    item = selectors.item_at(meeting=meeting, position=position)
    if item is None:
        raise Http404
    if not permissions.can(user, Action.VIEW_SENSITIVE, item.person):
        raise Http404
    rows = selectors.build_agenda(user=user, meeting=meeting, only_person_ids=[item.person_id])
    row = rows[0] if rows else None
    total = selectors.item_count(meeting=meeting)
    can_take_part = permissions.can(user, Action.TAKE_PART_IN_STATUS_MEETINGS, meeting)
    team = selectors.team_members(municipality_id=meeting.municipality_id)
    if can_take_part:
        item_form = item_form or ItemForm(
            initial={"status_note": item.status_note, "decisions": item.decisions}
        )
        action_form = action_form or ActionForm(team=team)
    return {
        "meeting": meeting,
        "item": item,
        "row": row,
        "person": item.person,
        "position": position,
        "total": total,
        "previous": position - 1 if position > 1 else None,
        "next": position + 1 if position < total else None,
        "item_form": item_form,
        "action_form": action_form,
        "can_take_part": can_take_part,
    }


def _render_step(request, ctx, status=200):
    template = (
        "transitions/meetings/_step.html"
        if request.htmx
        else "transitions/meetings/meeting_mode.html"
    )
    return render(request, template, ctx, status=status)


def _step_url(meeting, position) -> str:
    return reverse("transitions:meeting_step", args=[meeting.pk, position])


@require_http_methods(["GET", "POST"])
def meeting_step(request, meeting_id, position):
    meeting = _meeting(request, meeting_id)
    ctx = _step_context(request, meeting, position)
    access_log_view(
        request=request, person=ctx["person"], purpose=gettext_lazy("Statusmøde: gennemgang")
    )
    if request.method == "POST":
        if not ctx["can_take_part"]:
            raise PermissionDenied
        form = ItemForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_item_record(
                    item=ctx["item"],
                    status_note=form.cleaned_data["status_note"],
                    decisions=form.cleaned_data["decisions"],
                    user=request.user,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request, _("Status for %(name)s er gemt.") % {"name": ctx["person"]}
                )
                go_next = "save_next" in request.POST and ctx["next"]
                target = ctx["next"] if go_next else position
                if request.htmx:
                    ctx = _step_context(request, meeting, target)
                    response = _render_step(request, ctx)
                    if go_next:
                        response["HX-Push-Url"] = _step_url(meeting, target)
                    return response
                return redirect(_step_url(meeting, target))
        ctx = _step_context(request, meeting, position, item_form=form)
        return _render_step(request, ctx)
    return _render_step(request, ctx)


@require_POST
def meeting_action_add(request, meeting_id, position):
    meeting = _meeting(request, meeting_id)
    if not permissions.can(request.user, Action.TAKE_PART_IN_STATUS_MEETINGS, meeting):
        raise PermissionDenied
    ctx = _step_context(request, meeting, position)
    team = selectors.team_members(municipality_id=meeting.municipality_id)
    form = ActionForm(request.POST, team=team)
    if form.is_valid():
        try:
            services.meeting_action_create(
                meeting=meeting,
                person=ctx["person"],
                description=form.cleaned_data["description"],
                responsible=form.cleaned_data["responsible"],
                deadline=form.cleaned_data["deadline"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Opgaven er oprettet."))
            if request.htmx:
                return _render_step(request, _step_context(request, meeting, position))
            return redirect(_step_url(meeting, position) + "#actions")
    ctx = _step_context(request, meeting, position, action_form=form)
    return _render_step(request, ctx)


@require_POST
def meeting_action_done(request, action_id):
    user = request.user
    _require_team(user)
    action = permissions.get_or_404(
        MeetingAction.objects.select_related("person", "meeting").filter(
            meeting__in=permissions.status_meetings_for(user).values("pk")
        ),
        action_id,
    )
    if not permissions.can(user, Action.VIEW_SENSITIVE, action.person):
        raise Http404
    if not permissions.can(user, Action.TAKE_PART_IN_STATUS_MEETINGS):
        raise PermissionDenied
    form = ActionDoneForm(request.POST)
    form.is_valid()
    services.meeting_action_complete(
        action=action, user=user, note=form.cleaned_data.get("note", "")
    )
    messages.success(request, _("Opgaven er markeret som udført."))
    meeting_id = request.GET.get("meeting")
    position = request.GET.get("position")
    if meeting_id and position and meeting_id.isdigit() and position.isdigit():
        meeting = _meeting(request, int(meeting_id))
        if request.htmx:
            return _render_step(request, _step_context(request, meeting, int(position)))
        return redirect(_step_url(meeting, int(position)) + "#followup")
    if request.GET.get("from") == "person":
        return redirect(reverse("transitions:person", args=[action.person_id]) + "#meetings")
    return redirect("transitions:meeting_actions")


def meeting_actions(request):
    """Open actions from the municipality's status meetings (the follow-up list)."""
    user = request.user
    _require_team(user)
    actions = selectors.open_actions_for(user=user, municipality_id=user.municipality_id)
    mine = request.GET.get("mine") == "1"
    if mine:
        actions = actions.filter(responsible=user)
    page = Paginator(actions, 50).get_page(request.GET.get("side"))
    _log_people(
        request,
        [a.person_id for a in page.object_list],
        gettext_lazy("Opgaver fra statusmøder"),
    )
    today = timezone.localdate()
    for a in page.object_list:
        a.overdue = a.is_overdue_on(today)
    return render(
        request,
        "transitions/meetings/actions.html",
        {
            "page": page,
            "mine": mine,
            "can_take_part": permissions.can(user, Action.TAKE_PART_IN_STATUS_MEETINGS),
            "querystring": "mine=1&" if mine else "",
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_close(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    if not permissions.can(request.user, Action.MANAGE_STATUS_MEETINGS, meeting):
        raise PermissionDenied
    form = CloseForm(
        request.POST if request.method == "POST" else None,
        team=selectors.team_members(municipality_id=meeting.municipality_id),
        initial={
            "summary": meeting.summary,
            "participants": list(meeting.participants.all()),
            "other_participants": meeting.other_participants,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.status_meeting_close(
                meeting=meeting,
                summary=form.cleaned_data["summary"],
                participants=list(form.cleaned_data["participants"]),
                other_participants=form.cleaned_data["other_participants"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Mødet er afsluttet. Referatet kan hentes som PDF."))
            return redirect("transitions:meeting_detail", meeting_id=meeting.pk)
    discussed = meeting.items.exclude(discussed_at=None).count()
    return render(
        request,
        "transitions/meetings/close.html",
        {
            "meeting": meeting,
            "form": form,
            "item_total": meeting.items.count(),
            "discussed": discussed,
        },
    )


def meeting_minutes(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    ctx = selectors.minutes_context(meeting=meeting)
    _log_people(
        request,
        [r["person"].pk for r in ctx["rows"]],
        gettext_lazy("Referat af statusmøde (PDF)"),
        action=AccessAction.PRINT,
        details=f"statusmøde #{meeting.pk}",
    )
    pdf = services.minutes_pdf(ctx)
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="statusmoede-{stamp}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- the institution portal
def portal_requests(request, institution_pk):
    institution = permissions.get_or_404(
        permissions.portal_institutions_for(request.user), institution_pk
    )
    reqs = list(selectors.portal_requests(user=request.user, institution=institution))
    return render(
        request,
        "transitions/meetings/portal_requests.html",
        {"institution": institution, "requests": reqs, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def portal_request(request, pk):
    user = request.user
    status_request = permissions.get_or_404(
        permissions.portal_status_requests_for(user),
        pk,
        queryset=StatusRequest.objects.select_related("meeting__municipality", "institution"),
    )
    students = selectors.portal_request_students(user=user, status_request=status_request)
    closed = status_request.meeting.status == MeetingStatus.CLOSED
    forms_ = []
    for s in students:
        prefix = f"p{s['person'].pk}"
        forms_.append(
            {
                **s,
                "form": AnswerForm(
                    request.POST if request.method == "POST" and not closed else None,
                    instance=s["answer"],
                    prefix=prefix,
                    person=s["person"],
                ),
            }
        )
    _log_people(
        request,
        [s["person"].pk for s in students],
        gettext_lazy("Statusanmodning: elevliste"),
    )
    if request.method == "POST":
        if closed:
            messages.error(request, _("Statusmødet er afsluttet; svaret kan ikke længere ændres."))
            return redirect("transitions:meeting_portal_request", pk=status_request.pk)
        if all(f["form"].is_valid() for f in forms_) and forms_:
            answers = [{"person": f["person"], **f["form"].cleaned_data} for f in forms_]
            try:
                services.status_answers_save(
                    status_request=status_request, answers=answers, user=user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Tak. Jeres status er sendt til kommunen."))
                return redirect("transitions:meeting_portal_request", pk=status_request.pk)
    errors = [f for f in forms_ if f["form"].errors]
    return render(
        request,
        "transitions/meetings/portal_request.html",
        {
            "status_request": status_request,
            "meeting": status_request.meeting,
            "institution": status_request.institution,
            "students": forms_,
            "errors": errors,
            "closed": closed,
        },
    )
