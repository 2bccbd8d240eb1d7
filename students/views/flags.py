"""Staff page for acknowledging a flag."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.flags import FlagAcknowledgeForm
from students.selectors import people as people_selectors
from students.services import flags as flag_services
from students.views.people import _require


@require_http_methods(["GET", "POST"])
def flag_acknowledge(request, pk, flag_id):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.ACKNOWLEDGE_FLAG, person)
    flag = get_object_or_404(person.flags.open(), pk=flag_id)
    form = FlagAcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag_services.flag_acknowledge(
                flag=flag, user=request.user, note=form.cleaned_data["acknowledgement"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Flaget er kvitteret."))
            return redirect(reverse("students:detail", args=[person.pk]) + "#flags")
    return render(
        request, "students/flags/flag_form.html", {"person": person, "flag": flag, "form": form}
    )
