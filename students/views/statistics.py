"""The statistics page: the pipeline, cohorts, absence and the backlog, with CSV/XLSX export.

The page belongs to students (the filters are about young people, enrolments and contact
persons); visitation and transitions add their parts through
``stu_case.hooks.statistics_sections``, so this view names none of them. The export writes the
figures the page shows for the same filters, nothing more.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from stu_case import hooks, permissions
from stu_case.figures import Figure, export_response
from stu_case.formats import short_date
from stu_case.pdf import render_pdf
from stu_case.permissions import Action
from students.forms.statistics import StatisticsFilterForm
from students.selectors import statistics as selectors

EXPORT_FORMATS = ("csv", "xlsx")
PDF = "pdf"


@require_GET
def statistics(request):
    user = request.user
    if not permissions.can(user, Action.VIEW_STATISTICS):
        raise PermissionDenied
    choices = selectors.filter_choices(user=user)
    form = StatisticsFilterForm(
        request.GET if _has_filters(request) else None,
        institutions=choices["institutions"],
        contact_persons=choices["contact_persons"],
        cohorts=choices["cohorts"],
    )
    default = selectors.StatisticsFilters.last_twelve_months()
    filters = form.filters(default=default) if form.is_bound else default
    sections = hooks.statistics_sections.resolve(user, filters)
    chosen = _chosen(filters, choices)
    fmt = request.GET.get("format")
    if fmt == PDF:
        return _report_pdf(request, sections, chosen, filters)
    if fmt in EXPORT_FORMATS:
        figures = [_selection_figure(chosen)] + [f for s in sections for f in s.figures]
        name = f"stu-statistik-{filters.start:%Y-%m}-{filters.end:%Y-%m}"
        return export_response(figures, fmt=fmt, name=name)
    return render(
        request,
        "students/statistics/page.html",
        {"form": form, "sections": sections, "chosen": chosen, "filters": filters},
    )


def _has_filters(request) -> bool:
    return any(
        key in request.GET for key in ("fra", "til", "institution", "kontaktperson", "aargang")
    )


def _chosen(filters, choices) -> list[tuple[str, str]]:
    """What the figures are counted over, in words (on the page and first in the export)."""
    everyone = _("Alle")
    return [
        (_("Periode"), f"{short_date(filters.start)}–{short_date(filters.end)}"),
        (_("Institution"), dict(choices["institutions"]).get(filters.institution_id, everyone)),
        (
            _("Kontaktperson"),
            dict(choices["contact_persons"]).get(filters.contact_person_id, everyone),
        ),
        (_("Årgang"), str(filters.cohort) if filters.cohort else everyone),
    ]


def _selection_figure(chosen) -> Figure:
    return Figure(
        key="selection",
        title=_("Udvalg"),
        columns=[_("Filter"), _("Valgt")],
        rows=[list(pair) for pair in chosen],
        chart="",
    )


def _report_pdf(request, sections, chosen, filters) -> HttpResponse:
    """The yearly report for the municipal council: the same figures as the page, as tables
    with the notes that explain them, made by ``stu_case.pdf``."""
    html = render_to_string(
        "students/statistics/report_pdf.html",
        {
            "sections": sections,
            "chosen": chosen,
            "municipality": request.user.municipality or "",
            "today": timezone.localdate(),
        },
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    name = f"stu-rapport-{filters.start:%Y-%m}-{filters.end:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
