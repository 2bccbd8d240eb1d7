"""Pages of the final year and exit for the accessibility test and the screenshots,
with the data they need (``from .transitions_exit_pages import exit_demo, exit_pages``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import SitePage


@pytest.fixture
def exit_demo(municipality, institution, uu_user, jobcenter_user, leder_user, forvaltning_user):
    from stu_case.calendar import add_months
    from tests.transitions.factories_exit import completed_person, final_year_person
    from transitions.models.exit import Destination, FollowUp
    from transitions.services import exit as services

    today = timezone.localdate()
    lea = final_year_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        months_left=5,
        first_name="Lea",
        last_name="Mortensen",
    )
    jonas = final_year_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        months_left=1,
        first_name="Jonas",
        last_name="Holm",
    )
    services.final_year_activate()
    services.end_conversations_check()
    end = lea.enrolments.get().planned_end_date
    services.end_conversation_save(
        person=lea,
        data={
            "scheduled_on": add_months(end, -2),
            "place": "STU Vejle",
            "participants": "Lea, mor, kontaktlærer, UU og jobcentret",
        },
        user=uu_user,
    )
    services.exit_plan_update(
        person=lea,
        expected_version=1,
        data={
            "expected_destination": Destination.FLEXJOB,
            "final_internship": "Brdr. Jensen A/S, lager, 10 uger.",
            "housing_after": "Egen lejlighed med bostøtte.",
        },
        user=jobcenter_user,
    )
    description = services.functional_description_start(person=lea, user=uu_user)
    services.functional_description_update(
        description=description,
        expected_version=description.version,
        texts=[f"Beskrivelse af {s['heading'].lower()}." for s in description.sections],
        user=uu_user,
    )
    description.refresh_from_db()
    services.functional_description_hand_over(
        description=description, to_contact=jobcenter_user, user=uu_user
    )
    services.functional_description_start(person=jonas, user=uu_user)

    graduates = []
    for i, (expected, three, twelve) in enumerate(
        [
            (Destination.FLEXJOB, Destination.FLEXJOB, Destination.FLEXJOB),
            (Destination.FLEXJOB, Destination.RESOURCE_COURSE, Destination.FLEXJOB),
            (Destination.EARLY_RETIREMENT, Destination.EARLY_RETIREMENT, ""),
            (Destination.PROTECTED_EMPLOYMENT, Destination.ACTIVITY_OFFER, ""),
        ]
    ):
        person = completed_person(
            municipality=municipality,
            contact_person=uu_user,
            institution=institution,
            ended_on=today - timedelta(days=400 if i < 2 else 150),
            expected=expected,
        )
        graduates.append(person)
        services.follow_ups_create()
        for months, dest in ((3, three), (12, twelve)):
            if dest:
                FollowUp.objects.filter(person=person, months=months).update(
                    destination=dest, recorded_on=today
                )
    open_follow_up = FollowUp.objects.filter(destination="").order_by("due_on").first()
    return {
        "lea": lea,
        "jonas": jonas,
        "follow_up": open_follow_up,
        "uu": uu_user,
        "jobcenter": jobcenter_user,
        "leder": leder_user,
    }


def _post_form(fill: dict):
    def act(page):
        for selector, value in fill.items():
            page.fill(selector, value)
        with page.expect_navigation():
            page.click("main form[method=post] button[type=submit]")

    return act


@pytest.fixture
def exit_pages(exit_demo) -> list[SitePage]:
    from stu_case.calendar import add_months

    d = exit_demo
    lea, jonas = d["lea"], d["jonas"]
    end = jonas.enrolments.get().planned_end_date
    too_late = (add_months(end, -1) + timedelta(days=3)).isoformat()

    def u(name, *args):
        return reverse(f"transitions:{name}", args=args)

    return [
        SitePage("exit_person_uu", d["uu"], u("person", lea.pk)),
        SitePage("exit_person_jobcenter", d["jobcenter"], u("person", jonas.pk)),
        SitePage("exit_plan", d["jobcenter"], u("exit_plan", lea.pk)),
        SitePage(
            "exit_plan_error",
            d["uu"],
            u("exit_plan", jonas.pk),
            _post_form({"#id_handover_meeting_on": timezone.localdate().isoformat()}),
        ),
        SitePage(
            "exit_end_conversation_error",
            d["uu"],
            u("exit_end_conversation", jonas.pk),
            _post_form({"#id_scheduled_on": too_late, "#id_place": "UU-huset"}),
        ),
        SitePage("exit_fd_edit", d["uu"], u("exit_fd_edit", jonas.pk)),
        SitePage(
            "exit_fd_handover_error",
            d["uu"],
            u("exit_fd_handover", jonas.pk),
            _post_form({}),
        ),
        SitePage("exit_involvement", d["uu"], u("exit_involvement", jonas.pk)),
        SitePage(
            "exit_task_create_error", d["uu"], u("exit_task_create", jonas.pk), _post_form({})
        ),
        SitePage(
            "exit_follow_up_error",
            d["uu"],
            u("exit_follow_up", d["follow_up"].person_id, d["follow_up"].pk),
            _post_form({"#id_recorded_on": timezone.localdate().isoformat()}),
        ),
        SitePage("exit_statistics", d["leder"], u("exit_statistics")),
    ]
