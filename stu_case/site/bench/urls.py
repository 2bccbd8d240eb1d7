"""The app's URLs plus ``/bench/bare/``: one query and a 20-row template, the yardstick the
key pages are measured against (same middleware, same gunicorn, same database)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import include, path

from institutions.models import Institution


@login_not_required
def bare(request):
    rows = list(Institution.objects.order_by("pk").values("pk", "name", "cvr")[:20])
    return render(request, "bench/bare.html", {"rows": (rows * 20)[:20]})


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("stu_case.urls")),
]
