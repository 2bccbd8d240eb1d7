"""Final-year activation run concurrently (two beat workers, or the job and the command at
once): still one flag, one involvement, one checklist and one notification per person."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from stu_case.notifications.models import Notification
from students.models import Flag
from tests.transitions.factories_exit import final_year_person
from transitions import flags as transition_flags
from transitions.models.exit import ExitTask, JobcenterInvolvement
from transitions.services import exit as services


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_activation_activates_once(municipality, uu_user, jobcenter_user, institution):
    people = [
        final_year_person(
            municipality=municipality, contact_person=uu_user, institution=institution
        )
        for _ in range(3)
    ]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(services.final_year_activate())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors, errors
    assert sum(results) == 3
    for person in people:
        assert Flag.objects.filter(person=person, kind=transition_flags.FINAL_YEAR).count() == 1
        assert JobcenterInvolvement.objects.filter(person=person).count() == 1
        assert ExitTask.objects.filter(person=person).count() == 6
    assert Notification.objects.filter(recipient=jobcenter_user).count() == 3
    assert Notification.objects.filter(recipient=uu_user).count() == 3
