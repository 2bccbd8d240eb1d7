"""Staff pages about the letters to a young person: one letter with its recipients and send
attempts, its PDFs, a hearing's answer, sending again or on paper, and sending the plan.
Thin: permission lookup → form → service → redirect. Every look is in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_view
from stu_case.forms import apply_validation_error
from stu_case.permissions import Action
from students.forms.letters import HearingAnswerForm
from students.selectors import letters as letter_selectors
from students.selectors import people as people_selectors
from students.services import letters as letter_services
from students.services import letters_outbox as outbox
from students.views.people import _require


def _letters_url(person) -> str:
    return reverse("students:detail", args=[person.pk]) + "#letters"


def _person_letter(request, pk, letter_id, action: Action):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, action, person)
    return person, letter_selectors.letter_for(person=person, letter_id=letter_id)


def letter_detail(request, pk, letter_id):
    person, letter = _person_letter(request, pk, letter_id, Action.VIEW_LETTERS)
    access_log_view(request=request, person=person, purpose=gettext_lazy("Visning af brev"))
    can_send = permissions.can(request.user, Action.SEND_LETTERS, person)
    return render(
        request,
        "students/letters/letter_detail.html",
        {"person": person, "letter": letter, "can_send": can_send},
    )


def letter_pdf(request, pk, letter_id, variant="brev"):
    person, letter = _person_letter(request, pk, letter_id, Action.VIEW_LETTERS)
    field = letter.easy_read_pdf if variant == "let" else letter.pdf
    if not field:
        raise Http404
    access_log_view(
        request=request,
        person=person,
        purpose=gettext_lazy("Brev hentet (PDF)"),
        action=AccessAction.PRINT,
    )
    with field.open("rb") as pdf:
        response = HttpResponse(pdf.read(), content_type="application/pdf")
    filename = f"brev-{letter.pk}-v{letter.version}{'-let' if variant == 'let' else ''}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def hearing_answer(request, pk, letter_id):
    person, letter = _person_letter(request, pk, letter_id, Action.SEND_LETTERS)
    if letter.answer_deadline is None:
        raise Http404
    form = HearingAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter_services.hearing_answer_register(letter=letter, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Svaret på partshøringen er registreret."))
            return redirect(_letters_url(person))
    return render(
        request,
        "students/letters/hearing_answer.html",
        {"person": person, "letter": letter, "form": form},
    )


@require_POST
def letter_resend(request, pk, letter_id):
    person, letter = _person_letter(request, pk, letter_id, Action.SEND_LETTERS)
    outbox.letter_queue(letter=letter)
    messages.success(request, _("Brevet er sat i kø til afsendelse igen."))
    return redirect(_letters_url(person))


@require_POST
def letter_paper(request, pk, letter_id):
    person, letter = _person_letter(request, pk, letter_id, Action.SEND_LETTERS)
    outbox.letter_mark_paper(letter=letter)
    messages.success(request, _("Brevet er registreret som sendt på papir."))
    return redirect(_letters_url(person))


@require_POST
def plan_letter_send(request, pk):
    person = people_selectors.person_detail(user=request.user, pk=pk)
    _require(request.user, Action.SEND_LETTERS, person)
    try:
        letter_services.plan_letter_send(person=person, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Planen er sendt til den unge."))
    return redirect(_letters_url(person))
