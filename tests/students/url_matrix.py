"""URL matrix entries for ``students:*`` (see tests/url_matrix.py).

Person pages use ``enrolled_person`` (enrolled at ``institution``), so institution staff can
see the person and the matrix shows what they may and may not do with them.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.models import FlagKind, PersonStatus
from students.services import plans as plan_services
from tests import factories
from tests.url_matrix import EDITORS, INSTITUTION, OUTSIDERS, TEAM, Cast, Entry, everyone_but

# Who may view a person page that institution staff may see (the plan, its print, revisions).
VIEWERS = (*TEAM, INSTITUTION)
CREATORS = ("uu_user", "forvaltning_user", "outsider")
# Cast members who cannot see ``enrolled_person`` at all.
CANNOT_SEE = (*OUTSIDERS, "visitation_user", "admin_user")
# Who may see the sensitive parts (history, relatives, CPR): the municipal team only.
SENSITIVE = TEAM


def person(cast: Cast):
    return cast.enrolled_person


def pk(cast: Cast) -> dict:
    return {"pk": person(cast).pk}


def adult_person(cast: Cast):
    """An adult young person enrolled at ``institution`` (consent is only for adults)."""
    if "adult" not in cast.extra:
        young = factories.YoungPersonFactory(
            municipality=cast.municipality,
            contact_person=cast.uu_user,
            born=factories.random_birth_date(min_age=19, max_age=22),
            status=PersonStatus.DECIDED,
        )
        factories.EnrolmentFactory(
            person=young,
            institution=cast.institution,
            start_date=timezone.localdate() - timedelta(days=30),
        )
        cast.extra["adult"] = young
    return cast.extra["adult"]


def with_revision(cast: Cast) -> dict:
    p = person(cast)
    rev = plan_services.plan_update(
        plan=p.plan,
        expected_version=p.plan.version,
        data={"activities": "Værkstedsundervisning tre dage om ugen."},
        revision=plan_services.RevisionInfo(reason="Årlig revision"),
        user=cast.uu_user,
    )
    return {"pk": p.pk, "number": rev.number}


def with_goal(cast: Cast) -> dict:
    p = person(cast)
    goal = factories.PlanGoalFactory(plan=p.plan)
    return {"pk": p.pk, "goal_id": goal.pk}


def with_relative(cast: Cast) -> dict:
    """A fresh relative per request (relative_delete deletes it)."""
    p = person(cast)
    return {"pk": p.pk, "relative_id": factories.RelativeFactory(person=p).pk}


def with_open_flag(cast: Cast) -> dict:
    p = person(cast)
    return {"pk": p.pk, "flag_id": factories.FlagFactory(person=p, kind=FlagKind.OTHER).pk}


def person_entry(
    name: str,
    allowed: tuple[str, ...],
    kwargs=pk,
    **options,
) -> Entry:
    """A page about ``enrolled_person``.

    Cast members who cannot see the person (another municipality, another institution, roles
    outside the team, the admin outside the admin site) get 404; those who see the person but
    may not do this get 403.
    """
    denied = everyone_but(*allowed)
    return Entry(
        name=name,
        kwargs=kwargs,
        allowed=allowed,
        denied=denied,
        not_found=tuple(r for r in denied if r in CANNOT_SEE),
        forbidden=tuple(r for r in denied if r not in CANNOT_SEE),
        **options,
    )


ENTRIES = [
    # The caseload: everyone logged in gets the page, scoped to what they may see.
    Entry("students:list", allowed=everyone_but()),
    # UU and forvaltning create young people in their own municipality (the outsider is a UU
    # counsellor in another municipality).
    Entry(
        "students:create",
        allowed=CREATORS,
        denied=everyone_but(*CREATORS),
        forbidden=everyone_but(*CREATORS),
    ),
    person_entry("students:detail", VIEWERS),
    # A person not enrolled anywhere: institution staff must not learn they exist.
    Entry(
        "students:detail",
        kwargs=lambda cast: {"pk": cast.person.pk},
        allowed=TEAM,
        denied=everyone_but(*TEAM),
        not_found=everyone_but(*TEAM),
        label="not enrolled",
    ),
    person_entry("students:edit", EDITORS),
    person_entry("students:history", SENSITIVE),
    person_entry("students:reveal_cpr", SENSITIVE, method="post"),
    person_entry("students:plan_edit", EDITORS),
    person_entry("students:plan_print", VIEWERS),
    person_entry("students:plan_revision", VIEWERS, kwargs=with_revision),
    person_entry("students:goal_create", EDITORS),
    person_entry("students:goal_edit", EDITORS, kwargs=with_goal),
    person_entry("students:goal_note", EDITORS, kwargs=with_goal),
    person_entry("students:relative_create", EDITORS),
    person_entry("students:relative_edit", EDITORS, kwargs=with_relative),
    person_entry(
        "students:relative_delete",
        EDITORS,
        kwargs=with_relative,
        method="post",
        allowed_status=(302,),
    ),
    person_entry("students:consent", EDITORS, kwargs=lambda cast: {"pk": adult_person(cast).pk}),
    person_entry("students:mentor_create", EDITORS),
    person_entry("students:flag_acknowledge", EDITORS, kwargs=with_open_flag),
]
