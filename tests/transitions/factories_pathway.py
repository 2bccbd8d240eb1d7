"""Factory-boy factories and helpers for the pathway area (pauses, interruption, housing)."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from transitions.models.pathway import (
    HousingPlan,
    Interruption,
    Pause,
    PauseActivityKind,
    PauseReason,
    PauseStatus,
)
from transitions.services import interruption as interruption_services
from transitions.services import pathway as services


def open_enrolment(person):
    return person.enrolments.open().get()


class PauseFactory(DjangoModelFactory):
    """A pause row written directly (like the admin would), e.g. to test the flag job."""

    class Meta:
        model = Pause

    person = None
    enrolment = factory.LazyAttribute(lambda o: open_enrolment(o.person))
    reason = PauseReason.ILLNESS
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    planned_return_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=90))
    activity_kind = PauseActivityKind.TREATMENT
    activity_description = "Dagbehandling i psykiatrien to dage om ugen."
    responsible = factory.LazyAttribute(lambda o: o.person.contact_person)
    return_plan = "Opstart på nedsat tid i køkkenet, derefter fuld tid."
    status = PauseStatus.APPROVED


class HousingPlanFactory(DjangoModelFactory):
    class Meta:
        model = HousingPlan

    person = None
    move_needed = True
    target_situation = "supported"
    planned_move_date = None


class InterruptionFactory(DjangoModelFactory):
    class Meta:
        model = Interruption

    person = None
    enrolment = factory.LazyAttribute(lambda o: open_enrolment(o.person))


def pause_data(person, **overrides) -> services.PauseData:
    """Valid input for ``pause_create`` (override to break one rule)."""
    today = timezone.localdate()
    values = {
        "reason": PauseReason.ILLNESS,
        "reason_text": "Indlagt efter en psykisk krise.",
        "start_date": today,
        "planned_return_date": today + timedelta(days=90),
        "activity_kind": PauseActivityKind.TREATMENT,
        "activity_description": "Dagbehandling to dage om ugen og ugentlig samtale med mentor.",
        "responsible": person.contact_person,
        "return_plan": "Opstart tre dage om ugen i køkkenet.",
    }
    values.update(overrides)
    return services.PauseData(**values)


def approved_pause(person, user, **overrides) -> Pause:
    pause = services.pause_create(person=person, data=pause_data(person, **overrides), user=user)
    return services.pause_approve(pause=pause, user=user)


def steps_1_and_2(person, user, *, day: date | None = None) -> Interruption:
    day = day or timezone.localdate() - timedelta(days=10)
    interruption_services.interruption_adjust_plan(
        person=person, plan_adjusted_on=day, note="Færre timer og fast voksen.", user=user
    )
    return interruption_services.interruption_warn(
        person=person,
        warning_letter_sent_on=day + timedelta(days=2),
        meeting_held_on=day + timedelta(days=5),
        note="Den unge og moren deltog. Aftalt to ugers prøveperiode.",
        user=user,
    )


def decision_data(**overrides) -> interruption_services.DecisionData:
    today = timezone.localdate()
    values = {
        "causes_examined": "Fraværet skyldes angst; behandling er forsøgt uden effekt.",
        "decision_reason": "Den unge har ikke deltaget i tre måneder trods justeret plan.",
        "decision_date": today,
        "follow_up_plan": "Jobcentret indkalder til samtale om ressourceforløb.",
        "follow_up_due": today + timedelta(days=30),
        "jobcenter_informed_on": today,
        "jobcenter_contact": None,
    }
    values.update(overrides)
    return interruption_services.DecisionData(**values)
