"""Visitation in the browser: the walk from a registered candidate to a granted decision, and
axe-core (WCAG 2.1 A/AA, no serious or critical violation) on every visitation page and its
error states, with a screenshot of each in artifacts/screenshots/.

Uses the foundation's Playwright harness (tests/browser/conftest.py).
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

pytest.importorskip("tests.browser.conftest", reason="the browser harness is not merged yet")

from tests.browser.axe import FAILING_IMPACTS, describe, run_axe  # noqa: E402
from tests.browser.conftest import COMMITTED, SCREENSHOTS  # noqa: E402

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"visitation_{name}.png"), full_page=True)


def tick(page, selector: str) -> None:
    """Tick a DKFDS checkbox (its styled label covers the native input)."""
    page.locator(selector).first.evaluate("el => { el.checked = true; }")
    assert page.locator(selector).first.is_checked()


def submit(page, selector: str = "main form[method=post] button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


@pytest.fixture
def vcast(
    municipality,
    other_municipality,
    institution,
    other_institution,
    uu_user,
    forvaltning_user,
    jobcenter_user,
    visitation_user,
    leder_user,
    institution_user,
    person,
):
    return SimpleNamespace(
        extra={},
        municipality=municipality,
        institution=institution,
        other_institution=other_institution,
        uu_user=uu_user,
        forvaltning_user=forvaltning_user,
        jobcenter_user=jobcenter_user,
        visitation_user=visitation_user,
        leder_user=leder_user,
        institution_user=institution_user,
        person=person,
    )


@COMMITTED
def test_walk_from_registered_candidate_to_granted_decision(new_context, vcast):
    from students.models import Enrolment, PersonStatus
    from tests.visitation import builders
    from visitation.models import Decision

    builders.standard_committee(vcast)
    young = builders.candidate(vcast, first_name="Asta", last_name="Vinther")
    today = timezone.localdate()
    case = reverse("visitation:person", args=[young.pk])

    uu = new_context(vcast.uu_user).new_page()
    uu.goto(reverse("visitation:candidates"))
    uu.goto(case)
    uu.click("text=Registrér forventet kandidat")
    uu.fill("#id_school", "Heldagsskolen")
    uu.select_option("#id_grade", "10")
    uu.fill("#id_expected_start", (today + timedelta(days=150)).isoformat())
    uu.fill("#id_first_meeting_on", (today - timedelta(days=30)).isoformat())
    uu.check("#id_meeting_held")
    submit(uu)
    assert "Koordineringen med skolen er gemt" in uu.content()

    for inst, words in (
        (vcast.institution, "Der var roligt, og jeg kunne lide køkkenet."),
        (vcast.other_institution, "For mange mennesker."),
    ):
        uu.goto(reverse("visitation:visit_create", args=[young.pk]))
        uu.select_option("#id_institution", str(inst.pk))
        uu.fill("#id_visited_on", (today - timedelta(days=20)).isoformat())
        uu.fill("#id_relatives_present", "mor")
        uu.fill("#id_young_person_impressions", words)
        submit(uu)
    assert uu.locator("#visits-warning").count() == 0
    shot(uu, "walk_1_clarified")

    uu.goto(reverse("visitation:wish_create", args=[young.pk]))
    uu.select_option("#id_institution", str(vcast.institution.pk))
    uu.fill("#id_reason", "Jeg vil gerne lave mad.")
    submit(uu)

    uu.click("text=Skriv indstilling")
    uu.fill("#id_target_group_assessment", "Asta er i STU's målgruppe: individuel vurdering.")
    uu.fill("#id_other_options", "FGU afprøvet i tre måneder uden at kunne gennemføre.")
    tick(uu, f"input[name=offered][value='{vcast.other_institution.pk}']")
    tick(uu, f"input[name=offered][value='{vcast.institution.pk}']")
    uu.fill("#id_young_person_view", "Jeg vil gerne lave mad.")
    uu.fill("#id_young_person_heard_on", today.isoformat())
    uu.fill("#id_relatives_view", "Mor er enig.")
    uu.fill("#id_relatives_heard_on", today.isoformat())
    submit(uu, "main form button[type=submit]")
    assert "Indstillingen er gemt som kladde" in uu.content()
    submit(uu, "text=Send til forhåndskoordinering")
    assert "Mangler forhåndskoordinering med jobcentret" in uu.content()
    shot(uu, "walk_2_awaiting_sign_off")

    for user, _agency in (
        (vcast.forvaltning_user, "forvaltning"),
        (vcast.jobcenter_user, "jobcenter"),
    ):
        page = new_context(user).new_page()
        page.goto(case)
        page.click("text=Forhåndskoordinér")
        page.check("#id_agrees_0")
        submit(page, "main form button[type=submit]")
        assert "Forhåndskoordineringen er registreret" in page.content()
    chair = new_context(vcast.visitation_user).new_page()
    chair.goto(reverse("visitation:meetings"))
    chair.fill("#id_date", (today + timedelta(days=2)).isoformat())
    chair.fill("#id_time", "09:00")
    chair.fill("#id_location", "Rådhuset, lokale 3")
    submit(chair, "main form button[type=submit]")
    tick(chair, "input[name=recommendations]")
    submit(chair, "text=Sæt på dagsordenen")
    assert "Asta Vinther" in chair.content()
    shot(chair, "walk_3_agenda")
    chair.click("text=Træf afgørelse")
    chair.check("#id_outcome_0")  # Bevilget
    chair.fill("#id_start_date", (today + timedelta(days=60)).isoformat())
    shot(chair, "walk_4_decision_form")
    submit(chair, "main form button[type=submit]")
    assert "Afgørelsen er registreret: bevilget" in chair.content()
    shot(chair, "walk_5_decided")

    decision = Decision.objects.get(person=young)
    letter = chair.request.get(reverse("visitation:letter", args=[decision.pk]))
    assert letter.ok and letter.body().startswith(b"%PDF")
    young.refresh_from_db()
    assert young.status == PersonStatus.DECIDED
    assert Enrolment.objects.get(person=young).institution == vcast.institution
    teacher = new_context(vcast.institution_user).new_page()
    teacher.goto(reverse("students:list"))
    assert "Asta Vinther" in teacher.content()


# ---------------------------------------------------------------- axe on every page
def _pages(vcast):
    from tests.visitation import builders
    from visitation.services import clarification as clarification_services
    from visitation.services import decisions as decision_services

    builders.standard_committee(vcast)
    p = vcast.person
    clarification_services.school_coordination_save(
        person=p,
        data={
            "school": "Heldagsskolen",
            "grade": "9",
            "expected_start": timezone.localdate() + timedelta(days=90),
        },
        user=vcast.uu_user,
    )
    builders.visits(person=p, institutions=[vcast.institution], user=vcast.uu_user)
    clarification_services.wish_add(
        person=p, institution=vcast.institution, reason="Tæt på.", user=vcast.uu_user
    )
    meeting, item = builders.scheduled_case(vcast)
    waiting = builders.candidate(vcast, first_name="Ida", last_name="Venter")
    builders.recommendation(
        person=waiting, user=vcast.uu_user, offered=[vcast.institution, vcast.other_institution]
    )
    other = builders.candidate(vcast, first_name="Bo", last_name="Afgjort")
    _m2, item2 = builders.scheduled_case(vcast, person=other)
    decision = decision_services.decision_record(
        agenda_item=item2,
        data=builders.refused_data(),
        voters=[vcast.forvaltning_user],
        user=vcast.visitation_user,
    )
    decision_services.appeal_register(
        decision=decision,
        data={"received_on": timezone.localdate(), "grounds": "Uenig."},
        user=vcast.uu_user,
    )

    def u(name, *args):
        return reverse(f"visitation:{name}", args=args)

    uu, chair, jc = vcast.uu_user, vcast.visitation_user, vcast.jobcenter_user
    empty = submit
    return {
        "candidates": (uu, u("candidates"), None),
        "person": (uu, u("person", p.pk), None),
        "person_decided": (uu, u("person", other.pk), None),
        "person_draft_warning": (uu, u("person", waiting.pk), None),
        "coordination": (uu, u("coordination", p.pk), None),
        "visit_form_error": (uu, u("visit_create", p.pk), empty),
        "intro_form": (uu, u("intro_create", p.pk), None),
        "intro_form_error": (uu, u("intro_create", p.pk), empty),
        "wish_form": (uu, u("wish_create", p.pk), None),
        "recommendation_form": (
            uu,
            u("recommendation_edit", waiting.pk, waiting.recommendations.get().pk),
            None,
        ),
        "recommendation_form_error": (
            uu,
            u("recommendation_create", other.pk),
            lambda page: (
                page.select_option("#id_alternative_answer", "refused"),
                submit(page, "main form button[type=submit]"),
            ),
        ),
        "sign_off": (jc, u("sign_off", waiting.pk, waiting.recommendations.get().pk), None),
        "sign_off_error": (
            jc,
            u("sign_off", waiting.pk, waiting.recommendations.get().pk),
            lambda page: submit(page, "main form button[type=submit]"),
        ),
        "meetings": (chair, u("meetings"), None),
        "meetings_error": (
            chair,
            u("meetings"),
            lambda page: submit(page, "main form button[type=submit]"),
        ),
        "meeting_detail": (chair, u("meeting", meeting.pk), None),
        "minutes": (chair, u("minutes", meeting.pk), None),
        "decision_form": (chair, u("decision_create", meeting.pk, item.pk), None),
        "decision_form_error": (
            chair,
            u("decision_create", meeting.pk, item.pk),
            lambda page: (
                tick(page, "#id_outcome_1"),
                submit(page, "main form button[type=submit]"),
            ),
        ),
        "appeal_form": (uu, u("appeal_edit", decision.appeals.get().pk), None),
        "appeal_form_error": (
            uu,
            u("appeal_create", decision.pk),
            lambda page: (
                page.fill("#id_received_on", ""),
                submit(page, "main form button[type=submit]"),
            ),
        ),
    }


PAGES = [
    "candidates",
    "person",
    "person_decided",
    "person_draft_warning",
    "coordination",
    "visit_form_error",
    "intro_form",
    "intro_form_error",
    "wish_form",
    "recommendation_form",
    "recommendation_form_error",
    "sign_off",
    "sign_off_error",
    "meetings",
    "meetings_error",
    "meeting_detail",
    "minutes",
    "decision_form",
    "decision_form_error",
    "appeal_form",
    "appeal_form_error",
]


@pytest.mark.parametrize("name", PAGES)
def test_visitation_page_has_no_serious_accessibility_violations(name, new_context, vcast):
    user, path, action = _pages(vcast)[name]
    page = new_context(user, bypass_csp=True).new_page()
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{name}: {path}"
    if action is not None:
        action(page)
    page.wait_for_load_state("load")
    shot(page, name)
    violations = run_axe(page)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    if violations:
        print(f"\n{name}:\n{describe(violations)}")
    assert not failing, f"{name}:\n{describe(failing)}"
