"""A date and a clock time typed into a form become one moment in Copenhagen, also on the days
the clocks change (a meeting at 02:30 on the spring day does not exist)."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stu_case.forms import local_moment
from transitions.forms.meetings import StatusMeetingForm
from visitation.forms.committee import MeetingForm

SPRING = date(2027, 3, 28)  # 02:00 → 03:00
AUTUMN = date(2027, 10, 31)  # 03:00 → 02:00


def test_an_ordinary_winter_and_summer_time():
    assert local_moment(date(2027, 1, 5), time(9, 0)).utcoffset().total_seconds() == 3600
    assert local_moment(date(2027, 6, 5), time(9, 0)).utcoffset().total_seconds() == 7200


def test_the_skipped_hour_of_the_spring_change_is_refused():
    with pytest.raises(ValidationError) as error:
        local_moment(SPRING, time(2, 30))
    assert "uret stilles en time frem" in str(error.value)
    assert timezone.localtime(local_moment(SPRING, time(3, 0))).hour == 3


def test_the_repeated_hour_of_the_autumn_change_is_its_first_occurrence():
    moment = local_moment(AUTUMN, time(2, 30))
    assert moment.utcoffset().total_seconds() == 7200  # still summer time
    assert timezone.localtime(moment).time() == time(2, 30)


@pytest.mark.time_machine("2027-03-01 10:00 +01:00")
@pytest.mark.parametrize("form_class", [StatusMeetingForm, MeetingForm])
def test_meeting_forms_say_so_in_danish_and_keep_the_input(form_class):
    form = form_class(data={"date": SPRING.isoformat(), "time": "02:30", "place": "Rådhuset"})
    assert not form.is_valid()
    assert "findes ikke den dag" in " ".join(form.errors["time"])
    assert form["time"].value() == "02:30"  # nothing the user typed is lost

    fine = form_class(data={"date": SPRING.isoformat(), "time": "10:00"})
    assert fine.is_valid(), fine.errors
    assert timezone.localtime(fine.cleaned_data["starts_at"]).hour == 10
