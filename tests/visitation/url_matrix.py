"""URL matrix entries for ``visitation:*`` (see tests/url_matrix.py).

Case pages use ``person`` (in clarification; not enrolled, so no institution sees them). The
visitation committee's own member (``visitation_user``) sees a case only while it is on the
committee's agenda (the "on agenda" entries); the municipal team always does.
"""

from __future__ import annotations

from django.utils import timezone

from tests.url_matrix import TEAM, Cast, Entry
from tests.visitation import builders
from visitation.services import clarification as clarification_services
from visitation.services import decisions as decision_services

# Who can never see the municipality's case: other municipality, institutions, the admin.
STRANGERS = ("institution_user", "outsider", "other_institution_user", "admin_user")
CLARIFIERS = ("uu_user", "forvaltning_user")
MEMBERS = ("forvaltning_user", "jobcenter_user", "visitation_user")  # voting members
MUNICIPAL = (*TEAM, "visitation_user", "outsider")
NON_MUNICIPAL = ("institution_user", "other_institution_user", "admin_user")
APPEALERS = ("uu_user", "jobcenter_user", "forvaltning_user", "visitation_user")


def pk(cast: Cast) -> dict:
    return {"pk": cast.person.pk}


def on_agenda(cast: Cast):
    if "scheduled" not in cast.extra:
        cast.extra["scheduled"] = builders.scheduled_case(cast)
    return cast.extra["scheduled"]


def on_agenda_pk(cast: Cast) -> dict:
    on_agenda(cast)
    return pk(cast)


def decided(cast: Cast):
    if "decision" not in cast.extra:
        _meeting, item = on_agenda(cast)
        cast.extra["decision"] = decision_services.decision_record(
            agenda_item=item,
            data=builders.refused_data(),
            voters=[cast.forvaltning_user],
            user=cast.visitation_user,
        )
    return cast.extra["decision"]


def decision_id(cast: Cast) -> dict:
    return {"decision_id": decided(cast).pk}


def appeal_id(cast: Cast) -> dict:
    appeal = decision_services.appeal_register(
        decision=decided(cast),
        data={"received_on": timezone.localdate(), "grounds": "Uenig i afslaget."},
        user=cast.uu_user,
    )
    return {"appeal_id": appeal.pk}


def meeting_id(cast: Cast) -> dict:
    return {"meeting_id": on_agenda(cast)[0].pk}


def item_ids(cast: Cast) -> dict:
    meeting, item = on_agenda(cast)
    return {"meeting_id": meeting.pk, "item_id": item.pk}


def visit_ids(cast: Cast) -> dict:
    (visit,) = builders.visits(
        person=cast.person, institutions=[cast.institution], user=cast.uu_user
    )
    return {"pk": cast.person.pk, "visit_id": visit.pk}


def course_ids(cast: Cast) -> dict:
    today = timezone.localdate()
    course = clarification_services.intro_course_save(
        person=cast.person,
        data={"institution": cast.institution, "start_date": today, "end_date": today},
        user=cast.uu_user,
    )
    return {"pk": cast.person.pk, "course_id": course.pk}


def wish_ids(cast: Cast) -> dict:
    for inst in (cast.institution, cast.other_institution):
        clarification_services.wish_add(
            person=cast.person, institution=inst, reason="", user=cast.uu_user
        )
    return {"pk": cast.person.pk, "wish_id": cast.person.wishes.get(rank=2).pk}


def draft_ids(cast: Cast) -> dict:
    rec = builders.recommendation(
        person=cast.person,
        user=cast.uu_user,
        offered=[cast.institution, cast.other_institution],
        submit=False,
    )
    return {"pk": cast.person.pk, "rec_id": rec.pk}


def submitted_ids(cast: Cast) -> dict:
    rec = builders.recommendation(
        person=cast.person, user=cast.uu_user, offered=[cast.institution, cast.other_institution]
    )
    return {"pk": cast.person.pk, "rec_id": rec.pk}


def case_entry(name, allowed, kwargs=pk, **extra) -> Entry:
    """A person's case page: strangers get 404, the team members without the right 403."""
    denied = tuple(r for r in (*TEAM, "visitation_user", *STRANGERS) if r not in allowed)
    forbidden = tuple(r for r in denied if r in TEAM)
    return Entry(
        name=name,
        kwargs=kwargs,
        allowed=allowed,
        denied=denied,
        not_found=tuple(r for r in denied if r not in TEAM),
        forbidden=forbidden,
        **extra,
    )


ENTRIES = [
    Entry(
        name="visitation:candidates",
        allowed=MUNICIPAL,
        denied=NON_MUNICIPAL,
        forbidden=NON_MUNICIPAL,
    ),
    case_entry("visitation:person", TEAM),
    case_entry(
        "visitation:person", (*TEAM, "visitation_user"), kwargs=on_agenda_pk, label="on agenda"
    ),
    case_entry("visitation:coordination", CLARIFIERS),
    case_entry("visitation:visit_create", CLARIFIERS),
    case_entry("visitation:visit_edit", CLARIFIERS, kwargs=visit_ids),
    case_entry("visitation:intro_create", CLARIFIERS),
    case_entry("visitation:intro_edit", CLARIFIERS, kwargs=course_ids),
    case_entry("visitation:wish_create", CLARIFIERS),
    case_entry(
        "visitation:wish_move",
        CLARIFIERS,
        kwargs=wish_ids,
        method="post",
        data=lambda cast: {"direction": "up"},
        allowed_status=(302,),
    ),
    case_entry(
        "visitation:wish_remove", CLARIFIERS, kwargs=wish_ids, method="post", allowed_status=(302,)
    ),
    case_entry("visitation:recommendation_create", ("uu_user",)),
    case_entry("visitation:recommendation_edit", ("uu_user",), kwargs=draft_ids),
    case_entry(
        "visitation:recommendation_submit",
        ("uu_user",),
        kwargs=draft_ids,
        method="post",
        allowed_status=(302,),
    ),
    case_entry(
        "visitation:recommendation_withdraw",
        ("uu_user",),
        kwargs=submitted_ids,
        method="post",
        allowed_status=(302,),
    ),
    case_entry("visitation:sign_off", ("forvaltning_user", "jobcenter_user"), kwargs=submitted_ids),
    case_entry("visitation:hearing_send", ("uu_user",), kwargs=submitted_ids),
    Entry(
        name="visitation:meetings",
        allowed=MUNICIPAL,
        denied=NON_MUNICIPAL,
        forbidden=NON_MUNICIPAL,
    ),
    case_entry("visitation:meeting", (*TEAM, "visitation_user"), kwargs=meeting_id),
    case_entry("visitation:minutes", MEMBERS, kwargs=meeting_id),
    case_entry(
        "visitation:agenda_remove", MEMBERS, kwargs=item_ids, method="post", allowed_status=(302,)
    ),
    case_entry("visitation:decision_create", MEMBERS, kwargs=item_ids),
    case_entry(
        "visitation:decision_notified",
        APPEALERS,
        kwargs=decision_id,
        method="post",
        data=lambda cast: {"notified_on": timezone.localdate().isoformat()},
        allowed_status=(302,),
    ),
    case_entry("visitation:letter", (*TEAM, "visitation_user"), kwargs=decision_id),
    case_entry("visitation:appeal_create", APPEALERS, kwargs=decision_id),
    case_entry("visitation:appeal_edit", APPEALERS, kwargs=appeal_id),
]
