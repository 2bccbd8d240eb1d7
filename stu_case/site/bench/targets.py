"""The pages ``make bench`` drives, as paths in the bench database, and who opens each."""

from __future__ import annotations

from django.utils import timezone

from institutions.models import Institution
from institutions.reporting import period_containing
from stu_case.accounts.models import User
from stu_case.calendar import month_start_after
from students.models import YoungPerson
from transitions.models.meetings import MeetingStatus, StatusMeeting
from transitions.services import meetings as meeting_services

from .scale import BIG_INSTITUTION


def bench_targets() -> list[dict]:
    """``[{"name", "user", "path"}]`` in the order the bench runs them. The meeting's agenda is
    frozen into items first (as "start the meeting" does), so meeting mode has a first student."""
    today = timezone.localdate()
    uu = User.objects.get(username="uu")
    meeting = (
        StatusMeeting.objects.filter(municipality=uu.municipality)
        .exclude(status=MeetingStatus.CLOSED)
        .order_by("starts_at")
        .first()
    )
    meeting_services.meeting_items_sync(meeting=meeting, user=uu)
    person = YoungPerson.objects.filter(enrolments__institution__name=BIG_INSTITUTION).first()
    institution = Institution.objects.get(name=BIG_INSTITUTION)
    last_month = period_containing(month_start_after(today, -1))
    return [
        {"name": "caseload list", "user": "uu", "path": "/unge/"},
        {"name": "person page", "user": "uu", "path": f"/unge/{person.pk}/"},
        {
            "name": "status-meeting agenda",
            "user": "uu",
            "path": f"/overgange/statusmoeder/{meeting.pk}/",
        },
        {
            "name": "meeting mode (one student)",
            "user": "uu",
            "path": f"/overgange/statusmoeder/{meeting.pk}/gennemgang/1/",
        },
        {
            "name": f"absence form ({BIG_INSTITUTION})",
            "user": "institution",
            "path": f"/portal/{institution.pk}/fravaer/{last_month.key}/",
        },
        {"name": "Efter STU statistics", "user": "uu", "path": "/overgange/udslusning/statistik/"},
        {"name": "admin: young people", "user": "admin", "path": "/admin/students/youngperson/"},
    ]
