"""URL matrix entries for the catalogue (``institutions:*``) and the absence portal
(``portal:*``) — see tests/url_matrix.py.

The catalogue is for everyone who works for a municipality (incl. the visitation committee
and another municipality: institutions are shared) and administrators; institution staff see
only their own institution. The portal is for institution staff at their own institution only.
"""

from __future__ import annotations

from decimal import Decimal

from students.models import AbsenceReport
from tests.institutions.helpers import months_back
from tests.url_matrix import INSTITUTION, ROLES, Cast, Entry, everyone_but

LAST_MONTH = months_back(1)


def institution_pk(cast: Cast) -> dict:
    return {"pk": cast.institution.pk}


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


# Everyone but the other institution may open our institution's catalogue page.
NOT_PORTAL = everyone_but(INSTITUTION)

ENTRIES = [
    # ------------------------------------------------------------ the catalogue
    Entry("institutions:catalogue", allowed=ROLES),
    Entry(
        "institutions:detail",
        kwargs=institution_pk,
        allowed=everyone_but("other_institution_user"),
        denied=("other_institution_user",),
        not_found=("other_institution_user",),
    ),
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
