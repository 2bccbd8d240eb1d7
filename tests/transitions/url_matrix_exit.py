"""URL matrix entries: transitions exit. Collected by url_matrix.py.

Person pages use ``enrolled_person`` (enrolled 100 days ago: the jobcenter only follows, so it
may read but not edit) and a young person in the final year (the jobcenter edits too). Who is
outside the municipal team gets 404, also institution staff of the person's institution.
"""

from __future__ import annotations

from tests.transitions.factories_exit import FollowUpFactory, final_year_person
from tests.url_matrix import TEAM, Cast, Entry, everyone_but
from transitions.models.exit import (
    ExitTask,
    ExitTaskKind,
    FunctionalDescriptionHandover,
)
from transitions.services import exit as services

EDIT_BEFORE_FINAL_YEAR = ("uu_user", "forvaltning_user")
EDIT_IN_FINAL_YEAR = ("uu_user", "forvaltning_user", "jobcenter_user")


def _final(cast: Cast):
    if "final" not in cast.extra:
        cast.extra["final"] = final_year_person(
            municipality=cast.municipality,
            contact_person=cast.uu_user,
            institution=cast.institution,
        )
    return cast.extra["final"]


def pk(cast: Cast) -> dict:
    return {"pk": cast.enrolled_person.pk}


def final_pk(cast: Cast) -> dict:
    return {"pk": _final(cast).pk}


def _task(person):
    return ExitTask.objects.create(
        person=person,
        kind=ExitTaskKind.OTHER,
        title="Besøg på jobcentret",
        agency="uu",
        due_date=person.enrolments.get().planned_end_date,
    )


def with_task(cast: Cast) -> dict:
    p = cast.enrolled_person
    return {"pk": p.pk, "task_id": _task(p).pk}


def final_with_task(cast: Cast) -> dict:
    p = _final(cast)
    return {"pk": p.pk, "task_id": _task(p).pk}


def with_description(cast: Cast) -> dict:
    p = cast.enrolled_person
    services.functional_description_start(person=p, user=cast.uu_user)
    return {"pk": p.pk}


def with_handover(cast: Cast) -> dict:
    p = cast.enrolled_person
    description = services.functional_description_start(person=p, user=cast.uu_user)
    handover = FunctionalDescriptionHandover.objects.create(
        description=description,
        person=p,
        version=description.version,
        handed_over_by=cast.uu_user,
        handed_over_to=cast.jobcenter_user,
        pdf=b"%PDF-1.4 test",
    )
    return {"pk": p.pk, "handover_id": handover.pk}


def with_follow_up(cast: Cast) -> dict:
    p = cast.enrolled_person
    follow_up = FollowUpFactory(person=p, enrolment=p.enrolments.get(), destination="")
    return {"pk": p.pk, "follow_up_id": follow_up.pk}


def person_entry(name: str, allowed, kwargs=pk, **options) -> Entry:
    """Outside the team: 404; in the team but not allowed: 403."""
    denied = everyone_but(*allowed)
    return Entry(
        name=name,
        kwargs=kwargs,
        allowed=allowed,
        denied=denied,
        not_found=tuple(r for r in denied if r not in TEAM),
        forbidden=tuple(r for r in denied if r in TEAM),
        **options,
    )


STATISTICS_VIEWERS = (*TEAM, "outsider")  # the outsider sees their own municipality's figures

ENTRIES = [
    person_entry("transitions:exit_involvement", EDIT_BEFORE_FINAL_YEAR),
    person_entry(
        "transitions:exit_involvement", EDIT_IN_FINAL_YEAR, kwargs=final_pk, label="final year"
    ),
    person_entry("transitions:exit_task_create", EDIT_BEFORE_FINAL_YEAR),
    person_entry("transitions:exit_task_edit", EDIT_BEFORE_FINAL_YEAR, kwargs=with_task),
    person_entry(
        "transitions:exit_task_edit",
        EDIT_IN_FINAL_YEAR,
        kwargs=final_with_task,
        label="final year",
    ),
    person_entry(
        "transitions:exit_task_done",
        EDIT_BEFORE_FINAL_YEAR,
        kwargs=with_task,
        method="post",
        data=lambda cast: {"done": "1"},
        allowed_status=(302,),
    ),
    person_entry(
        "transitions:exit_task_done",
        EDIT_IN_FINAL_YEAR,
        kwargs=final_with_task,
        method="post",
        data=lambda cast: {"done": "1"},
        allowed_status=(302,),
        label="final year",
    ),
    person_entry("transitions:exit_end_conversation", EDIT_BEFORE_FINAL_YEAR),
    person_entry(
        "transitions:exit_end_conversation",
        EDIT_IN_FINAL_YEAR,
        kwargs=final_pk,
        label="final year",
    ),
    person_entry("transitions:exit_plan", EDIT_BEFORE_FINAL_YEAR),
    person_entry("transitions:exit_plan", EDIT_IN_FINAL_YEAR, kwargs=final_pk, label="final year"),
    person_entry("transitions:exit_fd_edit", EDIT_BEFORE_FINAL_YEAR),
    person_entry(
        "transitions:exit_fd_edit", EDIT_IN_FINAL_YEAR, kwargs=final_pk, label="final year"
    ),
    person_entry("transitions:exit_fd_handover", EDIT_BEFORE_FINAL_YEAR, kwargs=with_description),
    person_entry("transitions:exit_fd_pdf", TEAM, kwargs=with_handover),
    person_entry("transitions:exit_follow_up", EDIT_BEFORE_FINAL_YEAR, kwargs=with_follow_up),
    # The year's STU budget: the team's managers (the outsider is a UU counsellor).
    Entry(
        "transitions:budget_edit",
        kwargs=lambda cast: {"year": 2027},
        allowed=("leder_user",),
        denied=everyone_but("leder_user"),
        forbidden=everyone_but("leder_user"),
    ),
    Entry(
        "transitions:exit_statistics",
        allowed=STATISTICS_VIEWERS,
        denied=everyone_but(*STATISTICS_VIEWERS),
        forbidden=everyone_but(*STATISTICS_VIEWERS),
    ),
]
