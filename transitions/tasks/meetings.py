"""Periodic jobs: status meetings. Each task calls the service of the same name and is safe to
run twice."""

from __future__ import annotations

from dataclasses import asdict

from stu_case.jobs import job
from transitions.services import meetings as services


@job
def status_requests_send() -> dict:
    """N days before a meeting: status requests to the institutions, a notice to the team."""
    return asdict(services.status_requests_send())


@job
def status_requests_remind() -> int:
    """Remind institutions (once) that have not answered after the reminder delay."""
    return services.status_requests_remind()


@job
def status_meeting_gaps_notify() -> int:
    """Tell the team when no meeting is planned within the coming period."""
    return services.status_meeting_gaps_notify()


@job
def meeting_actions_flag_overdue() -> dict:
    """Flag young people with overdue meeting actions; resolve when done."""
    return asdict(services.meeting_actions_flag_overdue())
