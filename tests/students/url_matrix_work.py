"""URL matrix entries for my work (``work:*``) and the manager's handover
(``students:handover``); collected by ``tests/students/url_matrix.py``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.services import caseload as caseload_services
from tests.url_matrix import EDITORS, TEAM, Cast, Entry, everyone_but

# Everyone working for a municipality (another one too: it is their own page).
MUNICIPAL = (*TEAM, "visitation_user", "outsider")
# Editors can be contact persons and name a substitute.
SUBSTITUTING = (*EDITORS, "outsider")


def uu_substitution(cast: Cast) -> dict:
    """A substitution ``uu_user`` gave (only they may cancel it)."""
    today = timezone.localdate()
    sub = caseload_services.substitution_create(
        absent=cast.uu_user,
        substitute=cast.forvaltning_user,
        starts_on=today,
        ends_on=today + timedelta(days=14),
        by=cast.uu_user,
    )
    return {"pk": sub.pk}


def handover_data(cast: Cast) -> dict:
    """Hand ``enrolled_person`` (contact: uu_user) to forvaltning_user."""
    return {"people": [cast.enrolled_person.pk], "to_user": cast.forvaltning_user.pk}


ENTRIES = [
    Entry(
        "work:home",
        allowed=MUNICIPAL,
        denied=everyone_but(*MUNICIPAL),
        forbidden=everyone_but(*MUNICIPAL),
    ),
    Entry(
        "work:calendar",
        allowed=MUNICIPAL,
        denied=everyone_but(*MUNICIPAL),
        forbidden=everyone_but(*MUNICIPAL),
    ),
    Entry(
        "work:calendar",
        method="post",
        allowed=MUNICIPAL,
        denied=everyone_but(*MUNICIPAL),
        forbidden=everyone_but(*MUNICIPAL),
    ),
    # A made-up token: nobody, logged in or not, learns anything.
    Entry(
        "work:calendar_feed",
        kwargs=lambda cast: {"token": "ikke-en-rigtig-noegle"},
        denied=everyone_but(),
        not_found=everyone_but(),
        anonymous=(404,),
    ),
    Entry(
        "work:substitutes",
        allowed=SUBSTITUTING,
        denied=everyone_but(*SUBSTITUTING),
        forbidden=everyone_but(*SUBSTITUTING),
    ),
    Entry(
        "work:substitutes",
        method="post",
        data=lambda cast: {},  # an empty form: the page again with its errors
        allowed=SUBSTITUTING,
        denied=everyone_but(*SUBSTITUTING),
        forbidden=everyone_but(*SUBSTITUTING),
    ),
    # Only the one who named the substitute cancels it; other editors do not learn it exists.
    Entry(
        "work:substitute_cancel",
        kwargs=uu_substitution,
        method="post",
        allowed=("uu_user",),
        allowed_status=(302,),
        denied=everyone_but("uu_user"),
        not_found=("jobcenter_user", "forvaltning_user", "outsider"),
        forbidden=everyone_but("uu_user", "jobcenter_user", "forvaltning_user", "outsider"),
    ),
    # The manager hands a caseload over; nobody else.
    Entry(
        "students:handover",
        allowed=("leder_user",),
        denied=everyone_but("leder_user"),
        forbidden=everyone_but("leder_user"),
    ),
    Entry(
        "students:handover",
        method="post",
        kwargs=lambda cast: {},
        data=handover_data,
        allowed=("leder_user",),
        denied=everyone_but("leder_user"),
        forbidden=everyone_but("leder_user"),
        label="no contact person chosen",
    ),
]
