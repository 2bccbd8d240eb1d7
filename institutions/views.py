"""The institution catalogue: for caseworkers, the committee, the young person and parents.

No person data here, so no access log; scoping still goes through ``stu_case.permissions``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from stu_case import permissions
from stu_case.permissions import Action

from . import selectors
from .forms import CatalogueFilter

PAGE_SIZE = 25


def catalogue(request):
    user = request.user
    if not permissions.can(user, Action.VIEW_CATALOGUE):
        raise PermissionDenied
    municipal = permissions.works_for_municipality(user)
    form = CatalogueFilter(request.GET or None, municipal=municipal)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(selectors.catalogue(user=user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    query = request.GET.copy()
    query.pop("side", None)
    # htmx swaps the form and the results together (data-hx-select), so filter errors show too.
    return render(
        request,
        "institutions/catalogue.html",
        {
            "form": form,
            "page": page,
            "institutions": list(page.object_list),
            "querystring": query.urlencode(),
            "municipal": municipal,
        },
    )


def institution_detail(request, pk):
    user = request.user
    if not permissions.can(user, Action.VIEW_CATALOGUE):
        raise PermissionDenied
    institution = selectors.institution_detail(user=user, pk=pk)
    status, latest = selectors.quality_status_for(user=user, institution=institution)
    return render(
        request,
        "institutions/detail.html",
        {
            "institution": institution,
            "quality_status": status,
            "latest_review": latest,
            "standards": selectors.standards_with_results(
                user=user, institution=institution, review=latest
            ),
            "agreements": selectors.agreements_for(user=user, institution=institution),
            "reviews": selectors.reviews_for(user=user, institution=institution),
            "municipal": permissions.works_for_municipality(user),
            "today": timezone.localdate(),
        },
    )
