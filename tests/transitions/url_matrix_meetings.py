"""URL matrix entries: transitions meetings. Collected by url_matrix.py.

The municipality's team (UU, jobcenter, forvaltning, leder) takes part in its status meetings;
planning and closing is for UU, forvaltning and leder (the jobcenter gets 403). The outsider
(UU in another municipality) has its own meeting list but gets 404 on ours. Institution staff
get only the portal's status requests of their own institution.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.transitions.factories_meetings import StatusMeetingFactory, StatusRequestFactory
from tests.url_matrix import INSTITUTION, TEAM, Cast, Entry, everyone_but
from transitions.models.meetings import MeetingAction
from transitions.services import meetings as services

MANAGERS = ("uu_user", "forvaltning_user", "leder_user")
OWN_LIST = (*TEAM, "outsider")  # every municipal team member has a list of their own


def meeting(cast: Cast):
    if "meeting" not in cast.extra:
        cast.enrolled_person  # noqa: B018 - an active student on the agenda
        cast.extra["meeting"] = StatusMeetingFactory(
            municipality=cast.municipality, created_by=cast.uu_user
        )
    return cast.extra["meeting"]


def started(cast: Cast):
    m = meeting(cast)
    if not m.items.exists():
        services.meeting_items_sync(meeting=m, user=cast.uu_user)
    return m


def meeting_id(cast: Cast) -> dict:
    return {"meeting_id": meeting(cast).pk}


def step(cast: Cast) -> dict:
    return {"meeting_id": started(cast).pk, "position": 1}


def action_id(cast: Cast) -> dict:
    m = meeting(cast)
    action = MeetingAction.objects.create(
        meeting=m,
        person=cast.enrolled_person,
        description="Følg op på praktik",
        responsible=cast.uu_user,
        deadline=timezone.localdate() + timedelta(days=7),
        created_by=cast.uu_user,
    )
    return {"action_id": action.pk}


def status_request(cast: Cast):
    if "request" not in cast.extra:
        cast.extra["request"] = StatusRequestFactory(
            meeting=meeting(cast), institution=cast.institution
        )
    return cast.extra["request"]


def request_pk(cast: Cast) -> dict:
    return {"pk": status_request(cast).pk}


def answer_data(cast: Cast) -> dict:
    return {f"p{cast.enrolled_person.pk}-wellbeing": "good"}


def new_meeting_data(cast: Cast) -> dict:
    day = timezone.localdate() + timedelta(days=30)
    return {"date": day.isoformat(), "time": "09:00", "place": "Rådhuset"}


def action_data(cast: Cast) -> dict:
    return {
        "action-description": "Ring til praktikstedet",
        "action-responsible": cast.uu_user.pk,
        "action-deadline": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }


NOT_TEAM = everyone_but(*TEAM)

ENTRIES = [
    Entry(
        "transitions:meeting_list",
        allowed=OWN_LIST,
        denied=everyone_but(*OWN_LIST),
        not_found=everyone_but(*OWN_LIST),
    ),
    Entry(
        "transitions:meeting_list",
        method="post",
        data=new_meeting_data,
        allowed=(*MANAGERS, "outsider"),
        allowed_status=(302,),
        denied=everyone_but(*MANAGERS, "outsider"),
        forbidden=("jobcenter_user",),
        not_found=everyone_but(*OWN_LIST),
        label="create",
    ),
    Entry(
        "transitions:meeting_actions",
        allowed=OWN_LIST,
        denied=everyone_but(*OWN_LIST),
        not_found=everyone_but(*OWN_LIST),
    ),
    Entry(
        "transitions:meeting_action_done",
        action_id,
        method="post",
        allowed=TEAM,
        allowed_status=(302,),
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_detail",
        meeting_id,
        allowed=TEAM,
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_start",
        meeting_id,
        method="post",
        allowed=TEAM,
        allowed_status=(302,),
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_step",
        step,
        allowed=TEAM,
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_step",
        step,
        method="post",
        data=lambda cast: {"status_note": "Går godt", "decisions": ""},
        allowed=TEAM,
        allowed_status=(302,),
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_action_add",
        step,
        method="post",
        data=action_data,
        allowed=TEAM,
        allowed_status=(302,),
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_edit",
        meeting_id,
        allowed=MANAGERS,
        denied=everyone_but(*MANAGERS),
        forbidden=("jobcenter_user",),
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_edit",
        meeting_id,
        method="post",
        data=lambda cast: {
            "date": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "time": "10:00",
            "place": "Jobcentret",
        },
        allowed=MANAGERS,
        allowed_status=(302,),
        denied=everyone_but(*MANAGERS),
        forbidden=("jobcenter_user",),
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_close",
        lambda cast: {"meeting_id": started(cast).pk},
        allowed=MANAGERS,
        denied=everyone_but(*MANAGERS),
        forbidden=("jobcenter_user",),
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_close",
        lambda cast: {"meeting_id": started(cast).pk},
        method="post",
        data=lambda cast: {"summary": "Godt møde."},
        allowed=MANAGERS,
        allowed_status=(302,),
        denied=everyone_but(*MANAGERS),
        forbidden=("jobcenter_user",),
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_minutes",
        lambda cast: {"meeting_id": started(cast).pk},
        allowed=TEAM,
        denied=NOT_TEAM,
        not_found=NOT_TEAM,
    ),
    Entry(
        "transitions:meeting_portal_requests",
        lambda cast: {"institution_pk": cast.institution.pk},
        allowed=(INSTITUTION,),
        denied=everyone_but(INSTITUTION),
        not_found=everyone_but(INSTITUTION),
    ),
    Entry(
        "transitions:meeting_portal_request",
        request_pk,
        allowed=(INSTITUTION,),
        denied=everyone_but(INSTITUTION),
        not_found=everyone_but(INSTITUTION),
    ),
    Entry(
        "transitions:meeting_portal_request",
        request_pk,
        method="post",
        data=answer_data,
        allowed=(INSTITUTION,),
        allowed_status=(302,),
        denied=everyone_but(INSTITUTION),
        not_found=everyone_but(INSTITUTION),
        label="answer",
    ),
]
