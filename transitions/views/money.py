"""The year's STU budget: the manager enters it; the statistics page shows the variance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stu_case import permissions
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from transitions.forms.money import BudgetForm
from transitions.models import Budget
from transitions.services import money as services


@require_http_methods(["GET", "POST"])
def budget_edit(request, year: int):
    user = request.user
    if not permissions.can(user, Action.EDIT_BUDGET):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        raise Http404
    current = Budget.objects.filter(municipality_id=user.municipality_id, year=year).first()
    form = BudgetForm(request.POST or None, initial={"amount": current.amount if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_set(
                municipality=user.municipality,
                year=year,
                amount=form.cleaned_data["amount"],
                user=user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Budgettet for %(year)s er gemt.") % {"year": year})
            query = urlencode({"fra": f"{year}-01", "til": f"{year}-12"})
            return redirect(reverse("students:statistics") + "?" + query + "#section-money")
    return render(
        request,
        "transitions/money/budget_form.html",
        {"form": form, "year": year, "current": current},
    )
