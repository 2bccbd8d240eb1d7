"""Pages about letters (the person page's letters, a letter with its attempts, a hearing's
answer, the interruption's warning letter) for the accessibility test and the screenshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def letters_demo(municipality, uu_user, enrolled_person, person, institution, other_institution):
    """Sofie with a plan letter sent on paper, a hearing waiting for its answer, and a letter
    Digital Post could not take (failed, flagged); an interruption at step 1."""
    from students.models.letters import LetterAttempt, LetterStatus
    from students.services import letters as letter_services
    from students.services import letters_outbox as outbox
    from tests import factories
    from transitions.services import interruption as interruption_services

    sofie = enrolled_person
    factories.RelativeFactory(person=sofie, name="Hanne Holm", has_custody=True)
    plan = factories.LetterFactory(
        person=sofie, created_by=uu_user, status=LetterStatus.PAPER, sent_at=timezone.now()
    )
    LetterAttempt.objects.create(
        letter=plan, channel="print", ok=True, detail="Lagt i printbunken."
    )
    hearing = letter_services.hearing_send(
        person=sofie,
        subject="visitation.recommendation:0",
        draft="Vi overvejer at give afslag på STU.",
        facts="Skoleudtalelse og praktikudtalelse.",
        deadline=timezone.localdate() + timedelta(days=14),
        user=uu_user,
    )
    failed = factories.LetterFactory(
        person=sofie,
        created_by=uu_user,
        kind="pause_approved",
        title="Din pause fra STU er godkendt",
        status=LetterStatus.QUEUED,
    )
    for reason in ("SF1601 svarede ikke: timed out", "SF1601 afviste beskeden (HTTP 503)"):
        LetterAttempt.objects.create(letter=failed, channel="digital_post", ok=False, detail=reason)
    failed.status, failed.failure_reason = LetterStatus.FAILED, reason
    failed.save()
    outbox.letters_flag_failed(person_ids=[sofie.pk])
    interruption_services.interruption_adjust_plan(
        person=sofie, plan_adjusted_on=timezone.localdate(), note="Nedsat tid", user=uu_user
    )
    from tests.visitation import builders

    rec = builders.recommendation(
        person=person, user=uu_user, offered=[institution, other_institution]
    )
    return {
        "sofie": sofie,
        "hearing": hearing,
        "failed": failed,
        "uu": uu_user,
        "candidate": person,
        "rec": rec,
    }


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _clear_and_submit(*selectors):
    def act(page):
        for selector in selectors:
            page.fill(selector, "")
        _submit(page)

    return act


@pytest.fixture
def letters_pages(letters_demo) -> list[SitePage]:
    d = letters_demo
    uu, s = d["uu"], d["sofie"].pk
    answer = reverse("students:hearing_answer", args=[s, d["hearing"].pk])
    warning = reverse("transitions:interruption_warning_letter", args=[s])
    hearing_send = reverse("visitation:hearing_send", args=[d["candidate"].pk, d["rec"].pk])
    return [
        SitePage("person_letters", uu, reverse("students:detail", args=[s]) + "#letters"),
        SitePage("letter_failed", uu, reverse("students:letter", args=[s, d["failed"].pk])),
        SitePage("letter_hearing", uu, reverse("students:letter", args=[s, d["hearing"].pk])),
        SitePage("hearing_answer", uu, answer),
        SitePage("hearing_answer_error", uu, answer, _clear_and_submit("#id_answer")),
        SitePage("warning_letter", uu, warning),
        SitePage("warning_letter_error", uu, warning, _clear_and_submit("#id_facts")),
        SitePage("hearing_send", uu, hearing_send),
        SitePage("hearing_send_error", uu, hearing_send, _clear_and_submit("#id_draft")),
    ]
