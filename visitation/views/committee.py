"""Visitation pages: the committee's meetings, agenda and minutes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from stu_case.forms import apply_validation_error
from visitation.forms.committee import AgendaForm, MeetingForm, MinutesForm
from visitation.models.committee import AgendaItem, MeetingStatus
from visitation.selectors import committee as selectors
from visitation.services import committee as services
from visitation.views.person import _require_municipal


def meetings(request):
    user = request.user
    _require_municipal(user)
    committee = selectors.committee_of(user=user)
    can_manage = bool(committee) and permissions.can_manage_meetings(user, committee)
    form = MeetingForm(request.POST if request.method == "POST" else None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    committee=committee,
                    starts_at=form.starts_at(),
                    location=form.cleaned_data["location"],
                    user=user,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Mødet er oprettet. Sæt nu sagerne på dagsordenen."))
                return redirect("visitation:meeting", meeting_id=meeting.pk)
    page = Paginator(selectors.meetings(user=user), 25).get_page(request.GET.get("side"))
    return render(
        request,
        "visitation/committee/meetings.html",
        {
            "committee": committee,
            "members": selectors.committee_members(committee=committee) if committee else [],
            "composition_problems": committee.composition_problems() if committee else [],
            "page": page,
            "form": form,
            "can_manage": can_manage,
            "querystring": "",
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_detail(request, meeting_id):
    user = request.user
    meeting = selectors.meeting_detail(user=user, pk=meeting_id)
    committee = meeting.committee
    can_manage = permissions.can_manage_meetings(user, committee)
    ready, waiting = (
        selectors.recommendations_in_pipeline(user=user, committee=committee)
        if can_manage and meeting.status == MeetingStatus.PLANNED
        else ([], [])
    )
    if ready or waiting:
        access_log_write(
            request=request,
            person_ids=[r.person_id for r in (*ready, *waiting)],
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("Indstillinger til visitationsudvalgets dagsorden"),
            details=f"møde #{meeting.pk}",
        )
    agenda_form = (
        AgendaForm(request.POST if request.method == "POST" else None, ready=ready)
        if can_manage
        else None
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if agenda_form.is_valid():
            try:
                services.meeting_add_to_agenda(
                    meeting=meeting,
                    recommendations=list(agenda_form.cleaned_data["recommendations"]),
                    user=user,
                )
            except ValidationError as exc:
                apply_validation_error(agenda_form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Sagerne er sat på dagsordenen. Udvalgets medlemmer har nu adgang til "
                        "sagernes akter."
                    ),
                )
                return redirect("visitation:meeting", meeting_id=meeting.pk)
    items = selectors.agenda(user=user, meeting=meeting)
    if items:
        access_log_write(
            request=request,
            person_ids=[i.person_id for i in items],
            action=AccessAction.VIEW,
            purpose=gettext_lazy("Dagsorden for visitationsmøde"),
            details=f"møde #{meeting.pk}",
        )
    for item in items:
        item.can_decide = not hasattr(item, "decision") and permissions.can_record_decision(
            user, item
        )
        item.has_decision = hasattr(item, "decision")
    return render(
        request,
        "visitation/committee/meeting_detail.html",
        {
            "meeting": meeting,
            "committee": committee,
            "items": items,
            "hidden_count": selectors.hidden_agenda_count(user=user, meeting=meeting),
            "members": selectors.committee_members(committee=committee),
            "can_manage": can_manage,
            "agenda_form": agenda_form,
            "ready": ready,
            "waiting": waiting,
            "planned": meeting.status == MeetingStatus.PLANNED,
        },
    )


@require_POST
def agenda_remove(request, meeting_id, item_id):
    meeting = selectors.meeting_detail(user=request.user, pk=meeting_id)
    if not permissions.can_manage_meetings(request.user, meeting.committee):
        raise PermissionDenied
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    try:
        services.meeting_remove_from_agenda(item=item, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Sagen er fjernet fra dagsordenen."))
    return redirect("visitation:meeting", meeting_id=meeting.pk)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, meeting_id):
    meeting = selectors.meeting_detail(user=request.user, pk=meeting_id)
    if not permissions.can_manage_meetings(request.user, meeting.committee):
        raise PermissionDenied
    form = MinutesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "minutes": meeting.minutes,
            "attendees": meeting.attendees,
            "held": meeting.status == MeetingStatus.HELD,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.meeting_save_minutes(
            meeting=meeting,
            minutes=form.cleaned_data["minutes"],
            attendees=form.cleaned_data["attendees"],
            held=form.cleaned_data["held"],
            user=request.user,
        )
        messages.success(request, _("Referatet er gemt."))
        return redirect("visitation:meeting", meeting_id=meeting.pk)
    return render(
        request, "visitation/committee/minutes_form.html", {"meeting": meeting, "form": form}
    )
