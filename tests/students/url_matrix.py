"""URL matrix entries for ``students:*`` and the institution portal's ``portal:*`` (see
tests/url_matrix.py).

Person pages use ``enrolled_person`` (enrolled at ``institution``), so institution staff can
see the person and the matrix shows what they may and may not do with them. The portal is for
institution staff at their own institution only.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from students import flags as student_flags
from students.models import AbsenceReport, LetterStatus, PersonStatus
from students.services import plans as plan_services
from tests import factories
from tests.institutions.helpers import months_back
from tests.students.url_matrix_work import ENTRIES as WORK_ENTRIES
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
    return {"pk": p.pk, "flag_id": factories.FlagFactory(person=p, kind=student_flags.OTHER).pk}


def with_letter(cast: Cast, **fields) -> dict:
    """A letter to the person, stored as the service stores one (a tiny PDF is enough here)."""
    p = person(cast)
    letter = factories.LetterFactory(person=p, created_by=cast.uu_user, **fields)
    return {"pk": p.pk, "letter_id": letter.pk}


def with_hearing(cast: Cast) -> dict:
    return with_letter(
        cast, answer_deadline=timezone.localdate() + timedelta(days=14), kind="hearing"
    )


def with_failed_letter(cast: Cast) -> dict:
    return with_letter(cast, status=LetterStatus.FAILED, failure_reason="SF1601 svarede ikke")


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


# ---------------------------------------------------------------- the absence portal
LAST_MONTH = months_back(1)


def portal(cast: Cast) -> dict:
    return {"institution_pk": cast.institution.pk}


def portal_period(cast: Cast) -> dict:
    cast.enrolled_person  # noqa: B018 - a student at the institution, for the form
    return {"institution_pk": cast.institution.pk, "period_key": LAST_MONTH.key}


def with_report(cast: Cast) -> dict:
    enrolment = cast.enrolled_person.enrolments.get(status="active")
    report, _created = AbsenceReport.objects.get_or_create(
        enrolment=enrolment,
        period_start=LAST_MONTH.start,
        defaults={
            "period_end": LAST_MONTH.end,
            "planned_hours": Decimal(70),
            "absent_legal": Decimal(3),
            "submitted_by": cast.institution_user,
        },
    )
    return {"institution_pk": cast.institution.pk, "report_pk": report.pk}


def empty_formset(cast: Cast) -> dict:
    return {"r-TOTAL_FORMS": "0", "r-INITIAL_FORMS": "0"}


def one_row(cast: Cast) -> dict:
    enrolment = cast.enrolled_person.enrolments.get(status="active")
    return {
        "r-TOTAL_FORMS": "1",
        "r-INITIAL_FORMS": "0",
        "r-0-enrolment": str(enrolment.pk),
        "r-0-include": "on",
        "r-0-planned_hours": "70",
        "r-0-absent_legal": "0",
        "r-0-absent_illegal": "0",
    }


NOT_PORTAL = everyone_but(INSTITUTION)

# The statistics page: the municipal team; the outsider (a UU counsellor in another
# municipality) sees only their own municipality's figures, institution staff only their own
# institution's absence and outcome figures.
STATISTICS_VIEWERS = (*TEAM, "outsider", INSTITUTION, "other_institution_user")

ENTRIES = [
    # The caseload: everyone logged in gets the page, scoped to what they may see.
    Entry("students:list", allowed=everyone_but()),
    Entry(
        "students:statistics",
        allowed=STATISTICS_VIEWERS,
        denied=everyone_but(*STATISTICS_VIEWERS),
        forbidden=everyone_but(*STATISTICS_VIEWERS),
    ),
    # UU and forvaltning create young people in their own municipality (the outsider is a UU
    # counsellor in another municipality).
    Entry(
        "students:create",
        allowed=CREATORS,
        denied=everyone_but(*CREATORS),
        forbidden=everyone_but(*CREATORS),
    ),
    # The exact CPR look-up (a POST): everyone working for a municipality, the outsider (a UU
    # counsellor elsewhere) included, finds only among their own; never institution staff.
    Entry(
        "students:cpr_lookup",
        method="post",
        data=lambda cast: {"cpr": cast.enrolled_person.cpr},
        allowed=(*TEAM, "visitation_user", "outsider"),
        allowed_status=(200, 302),
        denied=(INSTITUTION, "other_institution_user", "admin_user"),
        forbidden=(INSTITUTION, "other_institution_user", "admin_user"),
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
    person_entry("students:transfer", ("uu_user", "forvaltning_user")),
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
    # Letters: the municipal team reads them (sensitive), the editors send them.
    person_entry("students:letter", SENSITIVE, kwargs=with_letter),
    person_entry("students:letter_pdf", SENSITIVE, kwargs=with_letter),
    person_entry("students:letter_easy_pdf", SENSITIVE, kwargs=with_letter),
    person_entry("students:hearing_answer", EDITORS, kwargs=with_hearing),
    person_entry(
        "students:letter_resend",
        EDITORS,
        kwargs=with_failed_letter,
        method="post",
        allowed_status=(302,),
    ),
    person_entry(
        "students:letter_paper",
        EDITORS,
        kwargs=with_failed_letter,
        method="post",
        allowed_status=(302,),
    ),
    person_entry("students:plan_letter_send", EDITORS, method="post", allowed_status=(302,)),
    # ------------------------------------------------------------ the absence portal
    Entry(
        "portal:home",
        allowed=(INSTITUTION, "other_institution_user"),
        allowed_status=(302,),
        denied=everyone_but(INSTITUTION, "other_institution_user"),
        forbidden=everyone_but(INSTITUTION, "other_institution_user"),
    ),
    Entry(
        "portal:institution",
        kwargs=portal,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
    Entry(
        "portal:period",
        kwargs=portal_period,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
    Entry(
        "portal:period",
        kwargs=portal_period,
        method="post",
        data=empty_formset,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
        label="empty",
    ),
    Entry(
        "portal:period",
        kwargs=portal_period,
        method="post",
        data=one_row,
        allowed=(INSTITUTION,),
        allowed_status=(302,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
        label="one student",
    ),
    Entry(
        "portal:upload",
        kwargs=portal_period,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
    Entry(
        "portal:upload",
        kwargs=portal_period,
        method="post",
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
        label="no file",
    ),
    Entry(
        "portal:template",
        kwargs=portal_period,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
    Entry(
        "portal:correct",
        kwargs=with_report,
        allowed=(INSTITUTION,),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
    Entry(
        "portal:correct",
        kwargs=with_report,
        method="post",
        data=lambda cast: {
            "planned_hours": "70",
            "absent_legal": "4",
            "absent_illegal": "0",
            "reason": "Sygemelding kom sent",
        },
        allowed=(INSTITUTION,),
        allowed_status=(302, 200),
        denied=NOT_PORTAL,
        not_found=NOT_PORTAL,
    ),
]

# My work and the handover (their own module).
ENTRIES += WORK_ENTRIES

# The journal and documents areas (their builders live beside their entries).
from tests.students import url_matrix_journal  # noqa: E402

ENTRIES += url_matrix_journal.ENTRIES
