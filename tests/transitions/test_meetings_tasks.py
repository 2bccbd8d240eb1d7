"""The status meetings' periodic jobs: each rule, and that running twice changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from stu_case.notifications.models import Notification
from students.models import Flag
from tests import factories
from tests.transitions.factories_meetings import (
    MeetingActionFactory,
    StatusMeetingFactory,
    StatusMeetingSettingsFactory,
    StatusRequestFactory,
    at,
    enrol,
)
from transitions import flags as transition_flags
from transitions import tasks
from transitions.models.meetings import (
    MeetingStatus,
    StatusMeeting,
    StatusMeetingGapNotice,
    StatusRequest,
)
from transitions.services import meetings as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(uu_user, jobcenter_user, forvaltning_user, leder_user):
    return [uu_user, jobcenter_user, forvaltning_user, leder_user]


# ---------------------------------------------------------------- status requests
def test_requests_go_out_lead_days_before_to_institutions_with_students(
    municipality, institution, other_institution, institution_user, other_institution_user, team
):
    enrol(municipality=municipality, institution=institution)
    today = timezone.localdate()
    meeting = StatusMeetingFactory(
        municipality=municipality, starts_at=at(today + timedelta(days=20)), created_by=team[0]
    )

    result = services.status_requests_send()

    reqs = list(StatusRequest.objects.filter(meeting=meeting))
    assert [r.institution for r in reqs] == [institution]  # not the one without our students
    assert reqs[0].deadline == today + timedelta(days=15)  # 5 days before the meeting
    assert result.requests_created == 1
    assert Notification.objects.filter(recipient=institution_user).count() == 1
    assert not Notification.objects.filter(recipient=other_institution_user).exists()
    for member in team:
        assert (
            Notification.objects.filter(recipient=member, title__startswith="Statusmøde").count()
            == 1
        )
    meeting.refresh_from_db()
    assert meeting.requests_sent_at is not None


def test_requests_twice_one_request_one_notice_each(
    municipality, institution, institution_user, team
):
    enrol(municipality=municipality, institution=institution)
    StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=10)),
        created_by=team[0],
    )
    tasks.meetings.status_requests_send.delay()
    tasks.meetings.status_requests_send.delay()
    assert StatusRequest.objects.count() == 1
    assert Notification.objects.filter(recipient=institution_user).count() == 1
    assert Notification.objects.filter(recipient=team[0]).count() == 1


def test_requests_not_before_lead_time_and_respect_settings(
    municipality, institution, institution_user, uu_user
):
    enrol(municipality=municipality, institution=institution)
    StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=30)),
        created_by=uu_user,
    )
    services.status_requests_send()
    assert not StatusRequest.objects.exists()
    StatusMeetingSettingsFactory(municipality=municipality, request_lead_days=35)
    services.status_requests_send()
    assert StatusRequest.objects.count() == 1


def test_requests_only_for_planned_future_meetings(municipality, institution, uu_user):
    enrol(municipality=municipality, institution=institution)
    today = timezone.localdate()
    StatusMeetingFactory(
        municipality=municipality, starts_at=at(today - timedelta(days=1)), created_by=uu_user
    )
    StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(today + timedelta(days=3)),
        created_by=uu_user,
        status=MeetingStatus.CLOSED,
    )
    services.status_requests_send()
    assert not StatusRequest.objects.exists()


def test_new_institution_gets_request_on_next_run(
    municipality, institution, other_institution, other_institution_user, uu_user
):
    enrol(municipality=municipality, institution=institution)
    meeting = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=10)),
        created_by=uu_user,
    )
    services.status_requests_send()
    enrol(municipality=municipality, institution=other_institution)
    services.status_requests_send()
    assert meeting.requests.count() == 2
    assert Notification.objects.filter(recipient=other_institution_user).count() == 1
    # The team was told once, when the requests first went out.
    assert Notification.objects.filter(recipient=uu_user).count() == 1


# ---------------------------------------------------------------- reminders
def test_reminder_once_after_delay_and_not_when_answered(
    municipality, institution, other_institution, institution_user, other_institution_user, uu_user
):
    meeting = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=10)),
        created_by=uu_user,
    )
    now = timezone.now()
    unanswered = StatusRequestFactory(
        meeting=meeting, institution=institution, sent_at=now - timedelta(days=8)
    )
    StatusRequestFactory(
        meeting=meeting,
        institution=other_institution,
        sent_at=now - timedelta(days=8),
        answered_at=now - timedelta(days=1),
    )
    assert services.status_requests_remind() == 1
    assert tasks.meetings.status_requests_remind.delay().get() == 0
    unanswered.refresh_from_db()
    assert unanswered.reminded_at is not None
    assert Notification.objects.filter(recipient=institution_user).count() == 1
    assert not Notification.objects.filter(recipient=other_institution_user).exists()


def test_no_reminder_before_delay(municipality, institution, institution_user, uu_user):
    meeting = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=10)),
        created_by=uu_user,
    )
    StatusRequestFactory(
        meeting=meeting, institution=institution, sent_at=timezone.now() - timedelta(days=6)
    )
    assert services.status_requests_remind() == 0
    assert not Notification.objects.exists()


# ---------------------------------------------------------------- no meeting planned
def test_gap_notice_to_uu_and_leaders_once_per_period(
    municipality, institution, uu_user, leder_user, jobcenter_user
):
    enrol(municipality=municipality, institution=institution)
    assert services.status_meeting_gaps_notify() == 1
    assert tasks.meetings.status_meeting_gaps_notify.delay().get() == 0
    assert StatusMeetingGapNotice.objects.count() == 1
    for user in (uu_user, leder_user):
        assert (
            Notification.objects.filter(
                recipient=user, title="Der er ikke planlagt et statusmøde"
            ).count()
            == 1
        )
    assert not Notification.objects.filter(recipient=jobcenter_user).exists()
    # No person flag: it is not about one young person.
    assert not Flag.objects.exists()


def test_no_gap_notice_when_a_meeting_is_planned(municipality, institution, uu_user):
    enrol(municipality=municipality, institution=institution)
    StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=60)),
        created_by=uu_user,
    )
    assert services.status_meeting_gaps_notify() == 0
    assert not Notification.objects.exists()


@pytest.mark.time_machine("2027-01-31 10:00 +01:00")
def test_no_gap_notice_for_a_meeting_later_in_the_third_month(municipality, institution, uu_user):
    # "Within the next three months" from 31 January runs to 30 April (the month's last day),
    # not only to 1 April.
    enrol(municipality=municipality, institution=institution)
    StatusMeetingFactory(
        municipality=municipality, starts_at=at(date(2027, 4, 15)), created_by=uu_user
    )
    assert services.status_meeting_gaps_notify() == 0
    assert not StatusMeetingGapNotice.objects.exists()


@pytest.mark.time_machine("2027-01-31 10:00 +01:00")
def test_gap_notice_for_a_meeting_beyond_the_next_month(municipality, institution, uu_user):
    enrol(municipality=municipality, institution=institution)
    StatusMeetingSettingsFactory(municipality=municipality, frequency_months=1)
    StatusMeetingFactory(
        municipality=municipality, starts_at=at(date(2027, 2, 28)), created_by=uu_user
    )
    assert services.status_meeting_gaps_notify() == 0  # 28 February: within a month
    StatusMeeting.objects.update(starts_at=at(date(2027, 3, 1)))
    assert services.status_meeting_gaps_notify() == 1  # 1 March: beyond it


def test_gap_notice_again_in_the_next_period(municipality, institution, uu_user):
    enrol(municipality=municipality, institution=institution)
    assert services.status_meeting_gaps_notify(today=date(2026, 2, 10)) == 1
    assert services.status_meeting_gaps_notify(today=date(2026, 3, 28)) == 0
    assert services.status_meeting_gaps_notify(today=date(2026, 4, 2)) == 1
    assert services.gap_period(date(2026, 5, 17), 3) == (date(2026, 4, 1), date(2026, 6, 30))
    assert services.gap_period(date(2026, 12, 1), 6) == (date(2026, 7, 1), date(2026, 12, 31))


def test_gap_notice_frequency_from_settings(municipality, institution, uu_user):
    enrol(municipality=municipality, institution=institution)
    StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() + timedelta(days=100)),
        created_by=uu_user,
    )
    StatusMeetingSettingsFactory(municipality=municipality, frequency_months=2)
    assert services.status_meeting_gaps_notify() == 1  # 100 days is beyond two months


# ---------------------------------------------------------------- overdue actions
def test_overdue_action_raises_one_flag_and_one_reminder(municipality, enrolled_person, uu_user):
    meeting = StatusMeetingFactory(
        municipality=municipality,
        starts_at=at(timezone.localdate() - timedelta(days=30)),
        created_by=uu_user,
        status=MeetingStatus.CLOSED,
    )
    action = MeetingActionFactory(
        meeting=meeting,
        person=enrolled_person,
        responsible=uu_user,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    MeetingActionFactory(
        meeting=meeting,
        person=enrolled_person,
        responsible=uu_user,
        deadline=timezone.localdate() + timedelta(days=5),
        description="Ikke overskredet",
    )
    first = services.meeting_actions_flag_overdue()
    second = tasks.meetings.meeting_actions_flag_overdue.delay().get()
    assert first.raised == 1 and first.notified == 1
    assert second == {"raised": 0, "resolved": 0, "notified": 0}
    flags = Flag.objects.filter(person=enrolled_person, kind=transition_flags.ACTION_OVERDUE)
    assert flags.count() == 1
    assert "Ring til praktikstedet" in flags.get().details
    assert "Ikke overskredet" not in flags.get().details
    assert Notification.objects.filter(recipient=uu_user).count() == 1

    services.meeting_action_complete(action=action, user=uu_user, note="Ringet")
    flag = flags.get()
    assert flag.resolved_at is not None


def test_flag_resolved_by_job_when_action_done_elsewhere(municipality, enrolled_person, uu_user):
    meeting = StatusMeetingFactory(municipality=municipality, created_by=uu_user)
    action = MeetingActionFactory(
        meeting=meeting,
        person=enrolled_person,
        responsible=uu_user,
        deadline=timezone.localdate() - timedelta(days=3),
    )
    services.meeting_actions_flag_overdue()
    # Done without the service (e.g. the deadline was moved in the admin): the job notices.
    type(action).objects.filter(pk=action.pk).update(deadline=timezone.localdate())
    result = services.meeting_actions_flag_overdue()
    assert result.resolved == 1
    assert (
        not Flag.objects.open()
        .filter(person=enrolled_person, kind=transition_flags.ACTION_OVERDUE)
        .exists()
    )


def test_not_overdue_no_flag(municipality, enrolled_person, uu_user):
    MeetingActionFactory(
        meeting=StatusMeetingFactory(municipality=municipality, created_by=uu_user),
        person=enrolled_person,
        deadline=timezone.localdate(),
    )
    assert services.meeting_actions_flag_overdue().raised == 0
    assert not Flag.objects.exists()


# ---------------------------------------------------------------- commands and schedule
def test_management_commands_run(municipality, institution, uu_user, capsys):
    enrol(municipality=municipality, institution=institution)
    for name in (
        "status_requests_send",
        "status_requests_remind",
        "status_meeting_gaps_notify",
        "meeting_actions_flag_overdue",
    ):
        call_command(name)
    out = capsys.readouterr().out
    assert "statusanmodning" in out
    assert "1 kommune(r) har fået besked" in out


def test_beat_schedule_has_the_jobs():
    from stu_case.schedule import BEAT_SCHEDULE

    tasks_scheduled = {v["task"] for v in BEAT_SCHEDULE.values()}
    for name in (
        "status_requests_send",
        "status_requests_remind",
        "status_meeting_gaps_notify",
        "meeting_actions_flag_overdue",
    ):
        assert name in tasks_scheduled


def test_settings_validation(municipality):
    from django.core.exceptions import ValidationError

    conf = StatusMeetingSettingsFactory.build(
        municipality=municipality, request_lead_days=5, answer_deadline_days=7
    )
    with pytest.raises(ValidationError) as exc:
        conf.full_clean()
    assert "answer_deadline_days" in exc.value.message_dict


def test_unused_other_municipality_not_notified(other_municipality, outsider):
    # No students in the other municipality: it is not asked to plan meetings.
    factories.InstitutionFactory()
    assert services.status_meeting_gaps_notify() == 0
