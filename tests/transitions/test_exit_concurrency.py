"""Final-year activation run concurrently (two beat workers, or the job and the command at
once): still one flag, one involvement, one checklist and one notification per person."""

from __future__ import annotations

import pytest

from stu_case.notifications.models import Notification
from students.models import Flag
from tests.concurrency import run_together
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
    results = run_together(services.final_year_activate, times=2)
    assert sum(results) == 3
    for person in people:
        assert Flag.objects.filter(person=person, kind=transition_flags.FINAL_YEAR).count() == 1
        assert JobcenterInvolvement.objects.filter(person=person).count() == 1
        assert ExitTask.objects.filter(person=person).count() == 6
    assert Notification.objects.filter(recipient=jobcenter_user).count() == 3
    assert Notification.objects.filter(recipient=uu_user).count() == 3
