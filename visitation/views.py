"""Visitation pages. Thin: permission lookup → form → service → redirect (or partial)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from stu_case.forms import apply_validation_error
from students.selectors.people import active_consent, parents_may_be_involved

from . import selectors, services
from .forms import (
    AgendaForm,
    AppealForm,
    CandidateFilter,
    DecisionForm,
    IntroCourseForm,
    MeetingForm,
    MinutesForm,
    NotifiedForm,
    RecommendationForm,
    SchoolCoordinationForm,
    SignOffForm,
    VisitForm,
    WishForm,
)
from .models import (
    OPEN_RECOMMENDATION_STATUSES,
    RECOMMENDED_MIN_VISITED,
    SIGN_OFF_ROLE,
    Agency,
    AgendaItem,
    InstitutionVisit,
    IntroCourse,
    MeetingStatus,
    Outcome,
    SchoolCoordination,
    Wish,
)

PAGE_SIZE = 50


def _require(user, action: str, person) -> None:
    if not permissions.can_visitation(user, action, person):
        raise PermissionDenied


def _require_municipal(user) -> None:
    if not (user.municipality_id and permissions.has_role(user, *roles.MUNICIPAL_ROLES)):
        raise PermissionDenied


def _case_url(person, anchor: str = "") -> str:
    return reverse("visitation:person", args=[person.pk]) + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- who is coming and when
def candidates(request):
    user = request.user
    _require_municipal(user)
    form = CandidateFilter(request.GET or None)
    qs = selectors.candidates(user=user, filters=form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    people = selectors.annotate_candidates(list(page.object_list))
    if people:
        access_log_write(
            request=request,
            person_ids=[p.pk for p in people],
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("Oversigt over kommende STU-elever"),
            details="; ".join(f"{k}={v}" for k, v in form.filters().items() if v),
        )
    for p in people:
        p.term = selectors.term_label(p.coming_on)
    query = request.GET.copy()
    query.pop("side", None)
    template = "visitation/_candidates_table.html" if request.htmx else "visitation/candidates.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "people": people,
            "querystring": query.urlencode(),
            "min_visited": RECOMMENDED_MIN_VISITED,
        },
    )


# ---------------------------------------------------------------- the person's visitation case
def person_case(request, pk):
    user = request.user
    person = selectors.person_case(user=user, pk=pk)
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Visning af visitationssag")
    )
    recs = selectors.recommendations(person=person)
    for rec in recs:
        selectors.decorate_recommendation(rec)
        rec.agenda = rec.agenda_items.select_related("meeting").order_by("-meeting__starts_at")
    open_rec = next((r for r in recs if r.status in OPEN_RECOMMENDATION_STATUSES), None)
    visited = services.visited_institution_ids(person=person)
    decisions = selectors.decisions(person=person)
    consent = active_consent(person=person)
    can_sign = permissions.can_visitation(user, "sign_off", person)
    ctx = {
        "person": person,
        "coordination": SchoolCoordination.objects.filter(person=person).first(),
        "visits": selectors.visits(person=person),
        "courses": selectors.intro_courses(person=person),
        "wishes": list(selectors.wishes(person=person)),
        "visited_count": len(visited),
        "min_visited": RECOMMENDED_MIN_VISITED,
        "recommendations": recs,
        "open_rec": open_rec,
        "decisions": decisions,
        "parents_allowed": parents_may_be_involved(person=person, consent=consent),
        "can_edit": permissions.can_visitation(user, "edit_clarification", person),
        "can_recommend": permissions.can_visitation(user, "recommend", person),
        "sign_agencies": [a for a, r in SIGN_OFF_ROLE.items() if permissions.has_role(user, r)]
        if can_sign
        else [],
        "can_appeal": permissions.can_visitation(user, "register_appeal", person),
        "today": timezone.localdate(),
    }
    return render(request, "visitation/person.html", ctx)


@require_http_methods(["GET", "POST"])
def coordination_edit(request, pk):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    instance = SchoolCoordination.objects.filter(person=person).first()
    initial = {} if instance else {"school": person.school}
    form = SchoolCoordinationForm(
        request.POST if request.method == "POST" else None, instance=instance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_coordination_save(
                person=person,
                data={f: form.cleaned_data[f] for f in SchoolCoordinationForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Koordineringen med skolen er gemt."))
            return redirect(_case_url(person, "school"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Koordinering med grundskolen"),
            "intro": _(
                "Registrér den unge tidligt – typisk i 9. eller 10. klasse – og hold det første "
                "koordineringsmøde med skolen ca. et halvt år før forventet start på STU."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def visit_edit(request, pk, visit_id=None):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    visit = get_object_or_404(InstitutionVisit, pk=visit_id, person=person) if visit_id else None
    form = VisitForm(request.POST if request.method == "POST" else None, instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_save(
                person=person,
                visit=InstitutionVisit.objects.get(pk=visit.pk) if visit else None,
                data={f: form.cleaned_data[f] for f in VisitForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Besøget er gemt."))
            return redirect(_case_url(person, "clarification"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Ret institutionsbesøg") if visit else _("Registrér institutionsbesøg"),
            "intro": _(
                "Skriv den unges og de pårørendes indtryk med deres egne ord. Kataloget anbefaler "
                "besøg på mindst to forskellige tilbud."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def intro_edit(request, pk, course_id=None):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    course = get_object_or_404(IntroCourse, pk=course_id, person=person) if course_id else None
    form = IntroCourseForm(request.POST if request.method == "POST" else None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.intro_course_save(
                person=person,
                course=IntroCourse.objects.get(pk=course.pk) if course else None,
                data={f: form.cleaned_data[f] for f in IntroCourseForm.Meta.fields},
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Introforløbet er gemt."))
            return redirect(_case_url(person, "clarification"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Ret introforløb") if course else _("Registrér introforløb"),
            "intro": _("Et introforløb på en STU-institution varer op til ca. to uger."),
        },
    )


@require_http_methods(["GET", "POST"])
def wish_add(request, pk):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    form = WishForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.wish_add(
                person=person,
                institution=form.cleaned_data["institution"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Ønsket er tilføjet nederst på listen."))
            return redirect(_case_url(person, "wishes"))
    return render(
        request,
        "visitation/form_page.html",
        {
            "person": person,
            "form": form,
            "heading": _("Tilføj ønske"),
            "intro": _(
                "Den unges ønsker blandt institutionerne i kataloget, i prioriteret rækkefølge."
            ),
        },
    )


@require_POST
def wish_move(request, pk, wish_id):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    wish = get_object_or_404(Wish, pk=wish_id, person=person)
    services.wish_move(wish=wish, up=request.POST.get("direction") != "down")
    if request.htmx:
        return render(
            request,
            "visitation/_wishes.html",
            {"person": person, "wishes": list(selectors.wishes(person=person)), "can_edit": True},
        )
    return redirect(_case_url(person, "wishes"))


@require_POST
def wish_remove(request, pk, wish_id):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "edit_clarification", person)
    wish = get_object_or_404(Wish, pk=wish_id, person=person)
    services.wish_remove(wish=wish)
    messages.success(request, _("Ønsket er fjernet."))
    return redirect(_case_url(person, "wishes"))


# ---------------------------------------------------------------- recommendation
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk, rec_id=None):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "recommend", person)
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
    visited = services.visited_institution_ids(person=person)
    return render(
        request,
        "visitation/recommendation_form.html",
        {
            "person": person,
            "form": form,
            "rec": rec,
            "visited_count": len(visited),
            "min_visited": RECOMMENDED_MIN_VISITED,
            "wishes": list(selectors.wishes(person=person)),
            "adult": person.is_adult,
        },
    )


@require_POST
def recommendation_submit(request, pk, rec_id):
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "recommend", person)
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
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "recommend", person)
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
    person = selectors.person_case(user=request.user, pk=pk)
    _require(request.user, "sign_off", person)
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
        "visitation/sign_off_form.html",
        {
            "person": person,
            "rec": rec,
            "form": form,
            "agency_labels": [Agency(a).label for a in agencies],
        },
    )


# ---------------------------------------------------------------- meetings
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
        "visitation/meetings.html",
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
        "visitation/meeting_detail.html",
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
    return render(request, "visitation/minutes_form.html", {"meeting": meeting, "form": form})


# ---------------------------------------------------------------- decisions
@require_http_methods(["GET", "POST"])
def decision_create(request, meeting_id, item_id):
    user = request.user
    meeting = selectors.meeting_detail(user=user, pk=meeting_id)
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "person__municipality",
            "recommendation__proposed_institution",
            "recommendation__recommended_by",
        ),
        pk=item_id,
        meeting=meeting,
    )
    person = selectors.person_case(user=user, pk=item.person_id)
    if hasattr(item, "decision"):
        messages.info(request, _("Der er allerede truffet afgørelse i sagen."))
        return redirect(_case_url(person, "decisions"))
    if not permissions.can_record_decision(user, item):
        raise PermissionDenied
    access_log_view(
        request=request, person=person, purpose=gettext_lazy("Afgørelse i visitationsudvalget")
    )
    rec = item.recommendation
    voting = [
        m.user
        for m in selectors.voting_members(committee=meeting.committee)
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
    recs = selectors.recommendations(person=person)
    rec_full = next(r for r in recs if r.pk == rec.pk)
    selectors.decorate_recommendation(rec_full)
    return render(
        request,
        "visitation/decision_form.html",
        {
            "person": person,
            "meeting": meeting,
            "item": item,
            "rec": rec_full,
            "form": form,
            "visited_count": len(services.visited_institution_ids(person=person)),
            "min_visited": RECOMMENDED_MIN_VISITED,
            "outcomes": Outcome,
        },
    )


@require_POST
def decision_notified(request, decision_id):
    decision = selectors.decision_for(user=request.user, pk=decision_id)
    _require(request.user, "register_appeal", decision.person)
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
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    filename = f"afgoerelse-{decision.pk}-v{letter.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- appeals
@require_http_methods(["GET", "POST"])
def appeal_edit(request, decision_id=None, appeal_id=None):
    user = request.user
    appeal = selectors.appeal_for(user=user, pk=appeal_id) if appeal_id else None
    decision = appeal.decision if appeal else selectors.decision_for(user=user, pk=decision_id)
    person = decision.person
    _require(user, "register_appeal", person)
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
