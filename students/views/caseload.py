"""The manager's handover: one contact person's young people to another, in one step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.caseload import HandoverForm, HandoverFromForm
from students.selectors import caseload as caseload_selectors
from students.services import caseload as caseload_services


@require_http_methods(["GET", "POST"])
def handover(request):
    user = request.user
    if not permissions.can(user, Action.HAND_OVER_CASELOAD):
        raise PermissionDenied
    from_choices = list(caseload_selectors.handover_from_choices(user=user))
    pick = HandoverFromForm(request.GET or None, from_choices=from_choices)
    from_user = None
    if pick.is_bound and pick.is_valid():
        from_user = next(u for u in from_choices if u.pk == pick.cleaned_data["fra"])
    if from_user is None:
        return render(request, "students/caseload/handover.html", {"pick": pick, "form": None})
    people = list(caseload_selectors.handover_people(user=user, from_user=from_user))
    form = HandoverForm(
        request.POST or None,
        municipality=user.municipality,
        from_user=from_user,
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = caseload_services.caseload_hand_over(
                from_user=from_user,
                to_user=form.cleaned_data["to_user"],
                person_ids=form.cleaned_data["people"],
                note=form.cleaned_data["note"],
                by=user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d ung er overdraget til %(name)s.",
                    "%(count)d unge er overdraget til %(name)s.",
                    len(moved),
                )
                % {"count": len(moved), "name": form.cleaned_data["to_user"]},
            )
            return redirect("students:handover")
    if people:
        access_log_write(
            request=request,
            person_ids=[p.pk for p in people],
            action=AccessAction.SEARCH,
            purpose=gettext_lazy("Overdragelse af sager"),
            details=f"contact_person={from_user.pk}",
        )
    return render(
        request,
        "students/caseload/handover.html",
        {"pick": pick, "form": form, "from_user": from_user, "people": people},
    )
