"""The institution portal: enrolled students, absence per period (table or CSV), corrections.

Thin views: permission lookup (``stu_case.permissions``) → form → service → redirect. Every
page listing students writes the access log. Works without JavaScript; with htmx the period
form posts in place and a successful save redirects the whole page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from institutions.reporting import Period, parse_period_key
from stu_case import hooks, permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view, access_log_write
from students.forms import absence_csv as csvimport
from students.forms.absence import CorrectionForm, ReportRowFormSet, UploadForm, format_hours
from students.selectors import absence as selectors
from students.services import absence as services

# Students a page of the period form (see period_report).
PAGE_SIZE = 50


def _institution(request, institution_pk):
    return permissions.get_or_404(permissions.portal_institutions_for(request.user), institution_pk)


def _period(period_key: str):
    period = parse_period_key(period_key)
    if period is None:
        raise Http404
    return period


def _log_list(request, person_ids, purpose, action=AccessAction.VIEW) -> None:
    """Access log for a page listing students; ``purpose`` is lazy (stored in Danish)."""
    ids = sorted(set(person_ids))
    if ids:
        access_log_write(request=request, person_ids=ids, action=action, purpose=purpose)


def portal_home(request):
    """Institution staff start here: their institution, or a choice between several."""
    if not permissions.is_institution_staff(request.user):
        raise PermissionDenied
    institutions = list(permissions.institutions_for(request.user).order_by("name"))
    if len(institutions) == 1:
        return redirect("portal:institution", institutions[0].pk)
    return render(request, "students/absence/home.html", {"institutions": institutions})


def institution_home(request, institution_pk):
    institution = _institution(request, institution_pk)
    today = timezone.localdate()
    enrolments = list(selectors.portal_enrolments(user=request.user, institution=institution))
    for e in enrolments:
        e.latest_rate = selectors.latest_rate(e)
    periods = selectors.portal_periods(institution=institution, enrolments=enrolments, today=today)
    due = [p for p in periods if p.missing and p.period.end < today]
    # The button offers the latest ended period still missing reports (else the current one).
    next_period = due[0] if due else next((p for p in periods if p.is_current), None)
    _log_list(request, [e.person_id for e in enrolments], gettext_lazy("Fraværsportal: elevliste"))
    return render(
        request,
        "students/absence/institution.html",
        {
            "institution": institution,
            "enrolments": enrolments,
            "periods": periods,
            "next_period": next_period,
            # Boxes the higher apps put on the portal (transitions: status requests, internships).
            "sections": hooks.portal_institution_sections.resolve(request.user, institution),
            "today": today,
        },
    )


def _summary(formset, labels: dict[int, str]) -> list[dict]:
    """The error summary: one link per problem, to the first input of the row or field."""
    items = []
    for form in formset.forms:
        if not form.errors:
            continue
        label = labels.get(_enrolment_id(form), _("Ukendt elev"))
        for field, errs in form.errors.items():
            target = form[field] if field in form.fields else form["include"]
            for e in errs:
                items.append({"label": label, "message": e, "anchor": target.id_for_label})
    return items


def _enrolment_id(form) -> int | None:
    raw = form.data.get(form.add_prefix("enrolment")) if form.is_bound else None
    raw = raw if raw is not None else form.initial.get("enrolment")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def period_report(request, institution_pk, period_key):
    institution = _institution(request, institution_pk)
    period = _period(period_key)
    today = timezone.localdate()
    rows, paused = selectors.period_rows(user=request.user, institution=institution, period=period)
    to_report = [r for r in rows if r.report is None]
    # Pages of 50 students, those still to report first: a page costs the same for an
    # institution with 300 students as for one with 10, and a submitted page's students move
    # to the end, so page 1 always holds the next ones to report.
    page = Paginator(to_report + [r for r in rows if r.report is not None], PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    shown = list(page.object_list)
    labels = {r.enrolment.pk: r.enrolment.person.full_name for r in rows}
    page_errors: list[str] = []
    if request.method == "POST":
        formset = ReportRowFormSet(request.POST, prefix="r")
        if formset.is_valid():
            try:
                saved = services.absence_reports_submit(
                    user=request.user,
                    institution=institution,
                    period=period,
                    rows=_report_rows(formset),
                )
            except services.AbsenceSubmissionError as exc:
                page_errors.extend(_add_submission_errors(formset, exc))
            else:
                return _submitted(request, institution, period, saved, left=len(to_report))
        elif formset.non_form_errors():
            page_errors.extend(formset.non_form_errors())
    else:
        formset = _blank_formset([r for r in shown if r.report is None])
    form_rows = [
        {"form": form, "label": labels.get(_enrolment_id(form), _("Ukendt elev"))}
        for form in formset.forms
    ]
    _log_list(request, [r.enrolment.person_id for r in shown], gettext_lazy("Fraværsindberetning"))
    return render(
        request,
        "students/absence/period.html",
        {
            "institution": institution,
            "period": period,
            "formset": formset,
            "form_rows": form_rows,
            "reported": [r for r in shown if r.report is not None],
            "to_report_count": len(to_report),
            "page": page,
            "querystring": "",
            "paused": paused,
            "future": period.start > today,
            "page_errors": page_errors,
            "error_summary": _summary(formset, labels) if formset.is_bound else [],
        },
    )


def _blank_formset(rows) -> ReportRowFormSet:
    return ReportRowFormSet(
        prefix="r",
        initial=[
            {
                "enrolment": r.enrolment.pk,
                "include": True,
                "planned_hours": format_hours(r.planned_prefill),
                "absent_legal": "0",
                "absent_illegal": "0",
            }
            for r in rows
        ],
    )


def _submitted(request, institution, period, saved, *, left: int):
    """After a submission: back to the period while students on other pages still wait,
    else to the institution's page."""
    messages.success(
        request,
        _("Fraværet for %(period)s er indberettet for %(n)s elev(er).")
        % {"period": period.label.lower(), "n": len(saved)},
    )
    if left > PAGE_SIZE and left > len(saved):
        url = reverse("portal:period", args=[institution.pk, period.key])
    else:
        url = reverse("portal:institution", args=[institution.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _report_rows(formset) -> list[services.ReportRow]:
    """The ticked rows of a valid formset, for the service."""
    return [
        services.ReportRow(
            key=form.prefix,
            enrolment_id=form.cleaned_data["enrolment"],
            planned_hours=form.cleaned_data["planned_hours"],
            absent_legal=form.cleaned_data["absent_legal"],
            absent_illegal=form.cleaned_data["absent_illegal"],
            note=form.cleaned_data["note"],
        )
        for form in formset.forms
        if form.cleaned_data.get("include")
    ]


def _add_submission_errors(formset, exc: services.AbsenceSubmissionError) -> list[str]:
    """Puts the service's row errors on the rows' forms; returns the rest (the page's)."""
    page_errors: list[str] = []
    forms_by_prefix = {f.prefix: f for f in formset.forms}
    for key, pairs in exc.errors.items():
        for field, message in pairs:
            if key in forms_by_prefix:
                forms_by_prefix[key].add_error(field, message)
            else:
                page_errors.append(message)
    return page_errors


@require_http_methods(["GET", "POST"])
def period_upload(request, institution_pk, period_key):
    institution = _institution(request, institution_pk)
    period = _period(period_key)
    form = UploadForm(request.POST or None, request.FILES or None)
    line_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        enrolments = list(
            permissions.enrolments_for_institution_user(request.user)
            .filter(institution=institution)
            .select_related("person")
        )
        parsed = csvimport.parse(form.cleaned_data["file"].read(), enrolments=enrolments)
        line_errors = list(parsed.errors)
        if parsed.rows:
            try:
                saved = services.absence_reports_submit(
                    user=request.user,
                    institution=institution,
                    period=period,
                    rows=parsed.rows,
                    validate_only=bool(line_errors),
                )
            except services.AbsenceSubmissionError as exc:
                for key, pairs in exc.errors.items():
                    who = parsed.lines.get(key)
                    prefix = f"{key} ({who}): " if key and who else (f"{key}: " if key else "")
                    line_errors.extend(prefix + message for _field, message in pairs)
            else:
                if not line_errors:
                    messages.success(
                        request,
                        _(
                            "Filen er indlæst: fravær for %(period)s er indberettet for %(n)s "
                            "elev(er)."
                        )
                        % {"period": period.label.lower(), "n": len(saved)},
                    )
                    return redirect("portal:institution", institution.pk)
        line_errors.sort(key=_line_number)
        if line_errors:
            form.add_error(
                "file",
                _("Filen har fejl (se listen), og intet er gemt. Ret filen, og indlæs den igen."),
            )
    return render(
        request,
        "students/absence/upload.html",
        {
            "institution": institution,
            "period": period,
            "form": form,
            "line_errors": line_errors,
            "template_columns": csvimport.TEMPLATE_HEADER,
        },
    )


def _line_number(message: str) -> int:
    parts = message.split(" ", 2)
    if len(parts) > 1 and parts[1].rstrip(":").isdigit():
        return int(parts[1].rstrip(":"))
    return 0


def period_template(request, institution_pk, period_key):
    """The CSV template for a period: the students still to report, with planned hours."""
    institution = _institution(request, institution_pk)
    period = _period(period_key)
    rows, _paused = selectors.period_rows(user=request.user, institution=institution, period=period)
    rows = [r for r in rows if r.report is None]
    _log_list(
        request,
        [r.enrolment.person_id for r in rows],
        gettext_lazy("Fraværsindberetning: skabelon hentet"),
        action=AccessAction.EXPORT,
    )
    response = HttpResponse(csvimport.template_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fravaer-{period.key}.csv"'
    return response


@require_http_methods(["GET", "POST"])
def report_correct(request, institution_pk, report_pk):
    institution = _institution(request, institution_pk)
    report = selectors.portal_report(user=request.user, institution=institution, pk=report_pk)
    period = Period(report.period_start, report.period_end)
    form = CorrectionForm(
        request.POST or None,
        period=period,
        initial={
            "planned_hours": format_hours(report.planned_hours),
            "absent_legal": format_hours(report.absent_legal),
            "absent_illegal": format_hours(report.absent_illegal),
            "note": report.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.absence_report_correct(
                report=report,
                user=request.user,
                planned_hours=cd["planned_hours"],
                absent_legal=cd["absent_legal"],
                absent_illegal=cd["absent_illegal"],
                note=cd["note"],
                reason=cd["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Indberetningen for %(name)s i %(period)s er rettet.")
                % {"name": report.enrolment.person.full_name, "period": period.label.lower()},
            )
            return redirect("portal:period", institution.pk, period.key)
    access_log_view(
        request=request,
        person=report.enrolment.person,
        purpose=gettext_lazy("Fraværsindberetning: rettelse"),
    )
    return render(
        request,
        "students/absence/correct.html",
        {
            "institution": institution,
            "report": report,
            "period": period,
            "form": form,
            "corrections": selectors.report_corrections(report=report),
        },
    )
