"""The daily internships job: planned → ongoing on the start date, one reminder when an
ended internship lacks an evaluation; safe to run twice; wired into beat and a command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stu_case.notifications.models import Notification
from tests.transitions.factories_internships import InternshipFactory, InternshipPlaceFactory
from transitions.models.internships import InternshipStatus
from transitions.services import internships as services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def place(institution):
    return InternshipPlaceFactory(institution=institution, capacity=10)


def test_planned_internships_start_on_their_start_date(enrolled_person, place):
    due = InternshipFactory(
        person=enrolled_person, place=place, status=InternshipStatus.PLANNED, start_date=TODAY()
    )
    later = InternshipFactory(
        person=enrolled_person,
        place=place,
        status=InternshipStatus.PLANNED,
        start_date=TODAY() + timedelta(days=1),
    )
    assert services.internships_start_due() == 1
    assert services.internships_start_due() == 0  # safe to run twice
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == InternshipStatus.ONGOING
    assert later.status == InternshipStatus.PLANNED


def test_one_reminder_for_an_ended_internship_without_evaluation(
    enrolled_person, place, uu_user, institution_user
):
    ended = InternshipFactory(
        person=enrolled_person,
        place=place,
        start_date=TODAY() - timedelta(days=40),
        end_date=TODAY() - timedelta(days=1),
        created_by=institution_user,
    )
    InternshipFactory(  # still running
        person=enrolled_person, place=place, end_date=TODAY() + timedelta(days=3)
    )
    InternshipFactory(  # ended and evaluated
        person=enrolled_person,
        place=place,
        start_date=TODAY() - timedelta(days=90),
        end_date=TODAY() - timedelta(days=60),
        status=InternshipStatus.COMPLETED,
        evaluation="Gik fint.",
    )
    InternshipFactory(  # cancelled
        person=enrolled_person,
        place=place,
        start_date=TODAY() - timedelta(days=90),
        end_date=TODAY() - timedelta(days=60),
        status=InternshipStatus.CANCELLED,
    )
    assert services.internships_remind_evaluation() == 1
    assert services.internships_remind_evaluation() == 0  # safe to run twice
    notes = Notification.objects.order_by("recipient__username")
    assert [n.recipient for n in notes] == [institution_user, uu_user]
    end = ended.end_date.strftime("%d.%m.%Y")
    assert (
        notes[0].title == f"Praktikken hos {place.company_name} mangler evaluering (Sofie Nielsen)"
    )
    assert f"Praktikken sluttede {end}." in notes[0].body
    assert notes[0].url == reverse(
        "transitions:internship_evaluate", args=[enrolled_person.pk, ended.pk]
    )
    ended.refresh_from_db()
    assert ended.evaluation_reminder_sent_at is not None


def test_the_command_and_the_beat_entry(enrolled_person, place):
    from stu_case.celery import app
    from stu_case.schedule import BEAT_SCHEDULE

    InternshipFactory(
        person=enrolled_person, place=place, status=InternshipStatus.PLANNED, start_date=TODAY()
    )
    out = StringIO()
    call_command("internships_daily", stdout=out)
    assert "1 praktikker sat i gang, 0 påmindelser om evaluering sendt." in out.getvalue()
    entry = BEAT_SCHEDULE["internships_daily"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert app.tasks[entry["task"]].delay().get() == {"started": 0, "reminded": 0}
