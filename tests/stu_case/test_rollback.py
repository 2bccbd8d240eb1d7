"""A transaction that is rolled back leaves nothing behind outside the database either: no
e-mail is sent and no task is queued. Both go out only through ``transaction.on_commit``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction

from stu_case.notifications.models import Notification
from stu_case.notifications.services import notification_send
from students.models import AbsenceReport
from students.services import absence as absence_services
from students.services.absence import ReportRow
from tests.institutions.helpers import months_back


class Abort(Exception):
    pass


def _notify(user):
    notification_send(recipient=user, title="Nyt flag", body="Se sagen.", url="/unge/1/")


def _submit(user, institution, person):
    enrolment = person.enrolments.get(status="active")
    absence_services.absence_reports_submit(
        user=user,
        institution=institution,
        period=months_back(1),
        rows=[
            ReportRow(
                key="e",
                enrolment_id=enrolment.pk,
                planned_hours=Decimal(70),
                absent_legal=Decimal(0),
                absent_illegal=Decimal(0),
                note="",
            )
        ],
    )


def test_a_committed_notification_is_mailed(uu_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(uu_user)
    assert len(mail.outbox) == 1


def test_a_rolled_back_notification_sends_no_mail(uu_user, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        _notify(uu_user)
        raise Abort
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()


def test_a_committed_absence_report_queues_its_checks(
    institution_user, institution, enrolled_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _submit(institution_user, institution, enrolled_person)
    assert len(callbacks) == 1  # the one that queues the absence checks


def test_a_rolled_back_absence_report_queues_no_task(
    institution_user, institution, enrolled_person, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        _submit(institution_user, institution, enrolled_person)
        raise Abort
    assert callbacks == []
    assert not AbsenceReport.objects.exists()
