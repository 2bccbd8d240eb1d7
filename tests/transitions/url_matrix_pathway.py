"""URL matrix entries: transitions pathway. Collected by url_matrix.py.

Pages are about ``enrolled_person`` (enrolled ~100 days ago, so not in the final year): UU and
forvaltning may edit; the jobcenter (read-only before the final year) and the manager get 403;
everyone outside the municipal team gets 404. One entry uses a person in the final year, where
the jobcenter may edit too.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests import factories
from tests.transitions.factories_pathway import approved_pause, pause_data
from tests.url_matrix import ROLES, Cast, Entry, everyone_but
from transitions.services import interruption as interruption_services
from transitions.services import pathway as services

EDIT = ("uu_user", "forvaltning_user")
READ_ONLY = ("jobcenter_user", "leder_user")
TEAM = (*EDIT, *READ_ONLY)
NOT_TEAM = tuple(r for r in ROLES if r not in TEAM)


def _entry(name, kwargs, *, allowed=EDIT, forbidden=READ_ONLY, **kw) -> Entry:
    return Entry(
        name,
        kwargs,
        allowed=allowed,
        denied=everyone_but(*allowed),
        forbidden=forbidden,
        not_found=NOT_TEAM,
        **kw,
    )


def pk(cast: Cast) -> dict:
    return {"pk": cast.enrolled_person.pk}


def requested_pause(cast: Cast) -> dict:
    if "requested" not in cast.extra:
        p = cast.enrolled_person
        cast.extra["requested"] = services.pause_create(
            person=p, data=pause_data(p), user=cast.uu_user
        )
    return {"pk": cast.enrolled_person.pk, "pause_id": cast.extra["requested"].pk}


def fresh_requested_pause(cast: Cast) -> dict:
    """A new requested pause for every request (for POSTs that decide it)."""
    p = cast.enrolled_person
    for pause in p.pauses.filter(status="requested"):
        pause.status = "rejected"
        pause.save(update_fields=["status"])
    pause = services.pause_create(person=p, data=pause_data(p), user=cast.uu_user)
    return {"pk": p.pk, "pause_id": pause.pk}


def running_pause(cast: Cast) -> dict:
    if "approved" not in cast.extra:
        cast.extra["approved"] = approved_pause(cast.enrolled_person, cast.uu_user)
    return {"pk": cast.enrolled_person.pk, "pause_id": cast.extra["approved"].pk}


def step(n: int):
    def kwargs(cast: Cast) -> dict:
        return {"pk": cast.enrolled_person.pk, "step": n}

    return kwargs


def open_interruption(cast: Cast) -> dict:
    p = cast.enrolled_person
    if not p.interruptions.filter(status="open").exists():
        interruption_services.interruption_adjust_plan(
            person=p, plan_adjusted_on=timezone.localdate(), note="Nedsat tid", user=cast.uu_user
        )
    return {"pk": p.pk}


def mentor(cast: Cast) -> dict:
    if "mentor" not in cast.extra:
        cast.extra["mentor"] = factories.MentorAssignmentFactory(
            person=cast.enrolled_person, end_date=None
        )
    return {"pk": cast.enrolled_person.pk, "mentor_id": cast.extra["mentor"].pk}


def final_year_pk(cast: Cast) -> dict:
    """A person whose enrolment is in its final 12 months: the jobcenter plans actively."""
    if "final" not in cast.extra:
        young = factories.YoungPersonFactory(
            municipality=cast.municipality, contact_person=cast.uu_user
        )
        factories.EnrolmentFactory(
            person=young,
            institution=cast.institution,
            start_date=timezone.localdate() - timedelta(days=800),
        )
        cast.extra["final"] = young
    return {"pk": cast.extra["final"].pk}


def housing_post(cast: Cast) -> dict:
    return {"current_situation": "parents", "move_needed": "no"}


def approve_post(cast: Cast) -> dict:
    return {"decision": "approve", "note": "Godkendt på statusmødet."}


ENTRIES = [
    _entry("transitions:pause_create", pk),
    _entry(
        "transitions:pause_create",
        final_year_pk,
        allowed=(*EDIT, "jobcenter_user"),
        forbidden=("leder_user",),
        label="final_year",
    ),
    _entry("transitions:pause_edit", requested_pause),
    _entry("transitions:pause_decide", requested_pause),
    _entry(
        "transitions:pause_decide",
        fresh_requested_pause,
        method="post",
        data=approve_post,
        allowed_status=(302,),
    ),
    _entry("transitions:pause_resume", running_pause),
    _entry("transitions:interruption_step", step(1)),
    _entry("transitions:interruption_step", step(3), label="decision"),
    _entry("transitions:interruption_withdraw", open_interruption),
    _entry("transitions:interruption_warning_letter", open_interruption),
    _entry("transitions:housing_edit", pk),
    _entry("transitions:housing_edit", pk, method="post", data=housing_post, allowed_status=(302,)),
    _entry("transitions:mentor_end", mentor),
]
