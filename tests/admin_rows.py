"""One row of every model registered in the admin, for the admin policy and accessibility tests.

``build_rows(cast)`` makes a believable world (through the factories and the services where
they exist); ``row_of(model)`` then picks one row of a registered model. A model registered in
the admin without a row here makes the tests fail with a message that says so: add it below.
No pytest imports (the tests build it once per module).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.contrib import admin
from django.db import models
from django.utils import timezone


def registered_models() -> list[type[models.Model]]:
    return list(admin.site._registry)


def row_of(model: type[models.Model]):
    # pghistory's Events lists nothing through its default manager (it needs a filter).
    manager = getattr(model, "objects", model._default_manager)
    row = manager.order_by("pk").first()
    assert row is not None, (
        f"{model._meta.label} is registered in the admin but tests/admin_rows.py builds no row "
        "of it: add one to build_rows()"
    )
    return row


def build_rows(cast: dict) -> None:
    """Rows of every registered model; ``cast`` is ``tests.cast.build_all()``."""
    c = SimpleNamespace(**cast, extra={})
    _stu_case(c)
    _institutions(c)
    _students(c)
    _visitation(c)
    _transitions(c)


def _stu_case(c) -> None:
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    from stu_case.audit.models import AccessAction, AccessLog
    from stu_case.notifications.models import Notification

    AccessLog.objects.create(
        user=c.uu_user,
        person=c.enrolled_person,
        action=AccessAction.VIEW,
        purpose="Sagsbehandling",
        ip="127.0.0.1",
    )
    Notification.objects.create(
        recipient=c.uu_user,
        title="Nyt flag: stigende fravær",
        body="Fraværet er steget de sidste fire uger.",
        url="/unge/1/",
    )
    login = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "127.0.0.1",
        "username": "uu",
        "path_info": "/login/",
    }
    AccessAttempt.objects.create(**login, failures_since_start=1)
    LoginLog.objects.create(**login)
    AccessFailureLog.objects.create(**login)


def _institutions(c) -> None:
    from institutions.models import QualityArea, QualityReview, QualityReviewItem, ReviewResult
    from tests.institutions.helpers import QualityStandardFactory, TargetGroupFactory, agreement
    from tests.transitions.factories_internships import InternshipPlaceFactory

    group = TargetGroupFactory(name="Udviklingshæmning")
    c.institution.target_groups.add(group)
    standard = QualityStandardFactory(
        municipality=c.municipality, area=QualityArea.ABSENCE_REPORTING
    )
    review = QualityReview.objects.create(
        institution=c.institution,
        municipality=c.municipality,
        review_date=timezone.localdate() - timedelta(days=30),
        result=ReviewResult.MET,
        next_review_due=timezone.localdate() + timedelta(days=335),
        reviewed_by=c.leder_user,
    )
    QualityReviewItem.objects.create(review=review, standard=standard, result=ReviewResult.MET)
    agreement(institution=c.institution, municipalities=[c.municipality], price=Decimal(250000))
    InternshipPlaceFactory(institution=c.institution)


def _journal_and_documents(c, goal) -> None:
    from tests.students.factories_documents import make_document
    from tests.students.factories_journal import JournalNoteFactory

    JournalNoteFactory(person=c.enrolled_person, author=c.uu_user, goal=goal)
    make_document(c.enrolled_person, c.uu_user, title="Skoleudtalelse", shared=True)


def _students(c) -> None:
    from students.models import AbsenceReminder, AbsenceReport, AbsenceRule
    from students.services import caseload as caseload_services
    from students.services import plans as plan_services
    from tests import factories

    sofie = c.enrolled_person
    goal = factories.PlanGoalFactory(plan=sofie.plan, created_by=c.uu_user)
    factories.GoalProgressNoteFactory(goal=goal, author=c.uu_user)
    _journal_and_documents(c, goal)
    sofie.plan.refresh_from_db()
    plan_services.plan_update(
        plan=sofie.plan,
        expected_version=sofie.plan.version,
        data={"activities": "Værkstedsundervisning tre dage om ugen, praktik om fredagen."},
        revision=plan_services.RevisionInfo(reason="Opstartsmøde", young_person_took_part=True),
        user=c.uu_user,
    )
    factories.RelativeFactory(person=sofie, name="Hanne Nielsen")
    factories.ParentalConsentFactory(person=sofie, recorded_by=c.uu_user)
    factories.MentorAssignmentFactory(person=sofie)
    factories.FlagFactory(person=sofie, details="Fraværet er steget de sidste fire uger.")
    handover = factories.YoungPersonFactory(municipality=c.municipality, contact_person=c.uu_user)
    caseload_services.caseload_hand_over(
        from_user=c.uu_user, to_user=c.forvaltning_user, person_ids=[handover.pk], by=c.leder_user
    )
    AbsenceRule.objects.get_or_create(municipality=c.municipality)
    enrolment = sofie.enrolments.get()
    start = enrolment.start_date.replace(day=1) + timedelta(days=32)
    period_start = start.replace(day=1)
    AbsenceReport.objects.create(
        enrolment=enrolment,
        period_start=period_start,
        period_end=(period_start + timedelta(days=32)).replace(day=1) - timedelta(days=1),
        planned_hours=Decimal(70),
        absent_legal=Decimal(4),
        absent_illegal=Decimal(2),
        submitted_by=c.institution_user,
    )
    AbsenceReminder.objects.create(
        institution=c.institution,
        period_start=period_start,
        period_end=period_start + timedelta(days=27),
        missing_count=1,
    )


def _visitation(c) -> None:
    from tests.visitation import builders
    from visitation.models import AppealGuidance
    from visitation.services import decisions as services

    if not AppealGuidance.objects.exists():
        AppealGuidance.objects.create(text="Du kan klage over afgørelsen inden fire uger.")
    from students.letters import PLAN
    from students.models.letters import LetterTemplate

    LetterTemplate.objects.get_or_create(kind=PLAN, municipality=None, defaults=PLAN.defaults)
    _meeting, item = builders.scheduled_case(c, person=c.person)
    decision = services.decision_record(
        agenda_item=item,
        data=builders.refused_data(),
        voters=[c.forvaltning_user],
        user=c.visitation_user,
    )
    services.appeal_register(
        decision=decision,
        data={"received_on": timezone.localdate(), "grounds": "Uenig i afslaget."},
        user=c.uu_user,
    )


def _transitions(c) -> None:
    from tests.transitions.factories_exit import FollowUpFactory, final_year_person
    from tests.transitions.factories_internships import InternshipFactory, InternshipProfileFactory
    from tests.transitions.factories_meetings import (
        MeetingActionFactory,
        StatusMeetingFactory,
        StatusMeetingSettingsFactory,
        StatusRequestFactory,
        at,
    )
    from tests.transitions.factories_pathway import (
        HousingPlanFactory,
        InterruptionFactory,
        PauseFactory,
    )
    from transitions.models.exit import (
        ExitRule,
        FunctionalDescriptionTemplate,
        FunctionalDescriptionTemplateSection,
    )
    from transitions.models.meetings import StatusMeetingGapNotice
    from transitions.services import exit as exit_services
    from transitions.services import lifecycle as lifecycle_services
    from transitions.services import meetings as meeting_services

    today = timezone.localdate()
    sofie = c.enrolled_person
    enrolment = sofie.enrolments.get()

    # final year and exit
    ExitRule.objects.get_or_create(municipality=c.municipality)
    template = FunctionalDescriptionTemplate.objects.create(
        name="Vejles funktionsbeskrivelse", municipality=c.municipality
    )
    FunctionalDescriptionTemplateSection.objects.create(
        template=template, order=1, heading="Arbejdsevne", guidance="Timer og opgaver."
    )
    lea = final_year_person(
        municipality=c.municipality,
        contact_person=c.uu_user,
        institution=c.institution,
        months_left=5,
        first_name="Lea",
        last_name="Mortensen",
    )
    exit_services.final_year_activate()
    exit_services.end_conversation_save(
        person=lea,
        data={
            "scheduled_on": today + timedelta(days=60),
            "place": "STU Vejle",
            "participants": "Lea, mor, kontaktlærer, UU og jobcentret",
        },
        user=c.uu_user,
    )
    exit_services.exit_plan_update(
        person=lea,
        expected_version=1,
        data={"final_internship": "Brdr. Jensen A/S, lager, 10 uger."},
        user=c.jobcenter_user,
    )
    description = exit_services.functional_description_start(person=lea, user=c.uu_user)
    exit_services.functional_description_update(
        description=description,
        expected_version=description.version,
        texts=[f"Beskrivelse af {s['heading'].lower()}." for s in description.sections],
        user=c.uu_user,
    )
    description.refresh_from_db()
    exit_services.functional_description_hand_over(
        description=description, to_contact=c.jobcenter_user, user=c.uu_user
    )
    FollowUpFactory(person=lea, enrolment=lea.enrolments.get())

    # internships
    InternshipProfileFactory(person=sofie)
    InternshipFactory(person=sofie, place=None, company_name="Kantinen på Rådhuset")

    # status meetings
    StatusMeetingSettingsFactory(municipality=c.municipality)
    meeting = StatusMeetingFactory(
        municipality=c.municipality, starts_at=at(today + timedelta(days=12)), created_by=c.uu_user
    )
    request = StatusRequestFactory(meeting=meeting, institution=c.institution)
    meeting_services.status_answers_save(
        status_request=request,
        answers=[
            {
                "person": sofie,
                "wellbeing": "mixed",
                "wellbeing_note": "Glad for køkkenet, træt om mandagen.",
                "goal_progress": "Kan nu følge en opskrift selv.",
                "absence_comment": "",
                "internship": "Praktik i kantinen fra marts.",
                "concerns": "",
            }
        ],
        user=c.institution_user,
    )
    meeting_services.meeting_items_sync(meeting=meeting, user=c.uu_user)
    MeetingActionFactory(
        meeting=meeting,
        person=sofie,
        responsible=c.forvaltning_user,
        created_by=c.uu_user,
        deadline=today + timedelta(days=20),
        description="Søg om mentor",
    )
    StatusMeetingGapNotice.objects.create(
        municipality=c.municipality,
        period_start=today,
        period_end=today + timedelta(days=90),
    )

    # pauses, interruption, housing
    PauseFactory(person=sofie, enrolment=enrolment)
    InterruptionFactory(person=sofie, enrolment=enrolment)
    HousingPlanFactory(person=sofie)

    # the enrolment's life
    lifecycle_services.enrolment_move_planned_end(
        person=sofie,
        planned_end_date=enrolment.planned_end_date + timedelta(days=30),
        reason="Længere praktik aftalt på statusmødet.",
        user=c.forvaltning_user,
    )
