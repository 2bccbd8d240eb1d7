"""My work ("Mit arbejde"): what is due, substitutes, and the calendar subscription."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.caseload import SubstitutionForm
from students.models import Substitution
from students.selectors import caseload as caseload_selectors
from students.selectors import work as work_selectors
from students.services import caseload as caseload_services
from students.services import work as work_services


def _require(user, action: Action) -> None:
    if not permissions.can(user, action):
        raise PermissionDenied


def home(request):
    _require(request.user, Action.USE_MY_WORK)
    work = work_selectors.my_work_for_request(request)  # the menu's count reuses it
    person_ids = sorted({r.item.person_id for r in work.rows if r.item.person_id})
    if person_ids:
        access_log_write(
            request=request,
            person_ids=person_ids,
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("Mit arbejde"),
        )
    return render(
        request,
        "students/work/home.html",
        {
            "work": work,
            "can_substitute": permissions.can(request.user, Action.NAME_SUBSTITUTE),
            "can_hand_over": permissions.can(request.user, Action.HAND_OVER_CASELOAD),
        },
    )


@require_http_methods(["GET", "POST"])
def substitutes(request):
    user = request.user
    _require(user, Action.NAME_SUBSTITUTE)
    form = SubstitutionForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            caseload_services.substitution_create(absent=user, by=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Stedfortræderen er gemt."))
            return redirect("work:substitutes")
    return render(
        request,
        "students/work/substitutes.html",
        {"form": form, "substitutions": caseload_selectors.substitutions_of(user=user)},
    )


@require_POST
def substitute_cancel(request, pk):
    user = request.user
    _require(user, Action.NAME_SUBSTITUTE)
    sub = permissions.get_or_404(Substitution.objects.filter(absent=user), pk)
    caseload_services.substitution_cancel(substitution=sub)
    messages.success(request, _("Stedfortræderen er afmeldt."))
    return redirect("work:substitutes")


@require_http_methods(["GET", "POST"])
def calendar(request):
    """The calendar subscription's settings: make or renew the secret address."""
    _require(request.user, Action.USE_MY_WORK)
    token = None
    if request.method == "POST":
        token = work_services.calendar_feed_renew(user=request.user)
    has_feed = token is not None or hasattr(request.user, "calendar_feed")
    url = request.build_absolute_uri(reverse("work:calendar_feed", args=[token])) if token else None
    return render(request, "students/work/calendar.html", {"feed_url": url, "has_feed": has_feed})


@login_not_required
@require_GET
def calendar_feed(request, token):
    """The subscription itself: the token is the credential, so no session is needed. An
    unknown or renewed-away token is a plain 404."""
    user = work_selectors.calendar_feed_user(token=token)
    if user is None or not permissions.can(user, Action.USE_MY_WORK):
        raise Http404
    body = work_selectors.calendar_ics(
        user=user, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    return response
