"""Visitation pages: recording a decision, its letter, notification and appeals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from visitation.forms.decisions import AppealForm, DecisionForm, NotifiedForm
from visitation.models.clarification import RECOMMENDED_MIN_VISITED
from visitation.models.committee import AgendaItem
from visitation.models.decisions import Outcome
from visitation.selectors import committee as committee_selectors
from visitation.selectors import decisions as selectors
from visitation.selectors import person as person_selectors
from visitation.selectors import recommendations as recommendation_selectors
from visitation.services import clarification as clarification_services
from visitation.services import decisions as services
from visitation.views.person import _case_url, _require


@require_http_methods(["GET", "POST"])
def decision_create(request, meeting_id, item_id):
    user = request.user
    meeting = committee_selectors.meeting_detail(user=user, pk=meeting_id)
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "person__municipality",
            "recommendation__proposed_institution",
            "recommendation__recommended_by",
        ),
        pk=item_id,
        meeting=meeting,
    )
    person = person_selectors.person_case(user=user, pk=item.person_id)
    if hasattr(item, "decision"):
        messages.info(request, _("Der er allerede truffet afgørelse i sagen."))
        return redirect(_case_url(person, "decisions"))
    if not permissions.can(user, Action.RECORD_DECISION, item):
        raise PermissionDenied
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Afgørelse i visitationsudvalget")
    )
    rec = item.recommendation
    voting = [
        m.user
        for m in committee_selectors.voting_members(committee=meeting.committee)
        if m.user_id != rec.recommended_by_id
    ]
    initial = {
        "decided_on": timezone.localtime(meeting.starts_at).date(),
        "institution": rec.proposed_institution_id,
        "start_date": rec.proposed_start,
        "voters": [u.pk for u in voting],
    }
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial=initial, voters=voting
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in DecisionForm.Meta.fields}
        try:
            decision = services.decision_record(
                agenda_item=item, data=data, voters=list(form.cleaned_data["voters"]), user=user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Afgørelsen er registreret: %(outcome)s.")
                % {"outcome": decision.get_outcome_display().lower()},
            )
            return redirect(_case_url(person, "decisions"))
    recs = recommendation_selectors.recommendations(person=person)
    rec_full = next(r for r in recs if r.pk == rec.pk)
    recommendation_selectors.decorate_recommendation(rec_full)
    return render(
        request,
        "visitation/decisions/decision_form.html",
        {
            "person": person,
            "meeting": meeting,
            "item": item,
            "rec": rec_full,
            "form": form,
            "visited_count": len(clarification_services.visited_institution_ids(person=person)),
            "min_visited": RECOMMENDED_MIN_VISITED,
            "outcomes": Outcome,
        },
    )


@require_POST
def decision_notified(request, decision_id):
    decision = selectors.decision_for(user=request.user, pk=decision_id)
    _require(request.user, Action.REGISTER_APPEAL, decision.person)
    form = NotifiedForm(request.POST)
    if form.is_valid():
        try:
            services.decision_mark_notified(
                decision=decision, notified_on=form.cleaned_data["notified_on"]
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Datoen for meddelelse er registreret."))
    else:
        messages.error(request, _("Skriv en gyldig dato for, hvornår afgørelsen er meddelt."))
    return redirect(_case_url(decision.person, f"decision-{decision.pk}"))


def letter_download(request, decision_id):
    decision = selectors.decision_for(user=request.user, pk=decision_id)
    letter = selectors.latest_letter(decision=decision)
    access_log_view(
        request=request,
        person=decision.person,
        purpose=gettext_lazy("Afgørelsesbrev hentet (PDF)"),
        action=AccessAction.PRINT,
    )
    with letter.pdf.open("rb") as pdf:
        response = HttpResponse(pdf.read(), content_type="application/pdf")
    filename = f"afgoerelse-{decision.pk}-v{letter.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def appeal_edit(request, decision_id=None, appeal_id=None):
    user = request.user
    appeal = selectors.appeal_for(user=user, pk=appeal_id) if appeal_id else None
    decision = appeal.decision if appeal else selectors.decision_for(user=user, pk=decision_id)
    person = decision.person
    _require(user, Action.REGISTER_APPEAL, person)
    if decision.outcome == Outcome.POSTPONED:
        raise Http404
    form = AppealForm(
        request.POST if request.method == "POST" else None,
        instance=appeal,
        initial={} if appeal else {"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in AppealForm.Meta.fields}
        try:
            if appeal is None:
                services.appeal_register(decision=decision, data=data, user=user)
                messages.success(request, _("Klagen er registreret."))
            else:
                services.appeal_update(appeal=appeal, data=data, user=user)
                messages.success(request, _("Klagen er opdateret."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(_case_url(person, f"decision-{decision.pk}"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Opdatér klage") if appeal else _("Registrér klage"),
            "intro": _(
                "Klager over afgørelser om STU behandles af Klagenævnet for Specialundervisning. "
                "Følg klagen til nævnets afgørelse: stadfæstet, ændret eller hjemvist."
            ),
        },
    )
