"""The caseload's exact CPR look-up: found or not found, within the user's own young people.

An answer of "found" or "not found" is an oracle: thousands of scripted guesses would recover a
number from a birth date. So each look-up is logged (the serial number masked), a user gets at
most ``STU_CPR_LOOKUPS_PER_HOUR`` per hour, and the ``STU_CPR_MISSES_ALERT``-th miss in an hour
tells the municipality's leaders. The count comes from the access log itself, so it holds
across processes and restarts and cannot be reset by clearing a cache.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.accounts.models import User
from stu_case.audit.models import AccessAction, AccessLog
from stu_case.audit.services import access_log_write
from stu_case.notifications.services import notification_send
from students.models import YoungPerson
from students.models import cpr as cprlib


def _recent(user):
    since = timezone.now() - timedelta(hours=1)
    return AccessLog.objects.filter(user=user, action=AccessAction.CPR_LOOKUP, at__gte=since)


def check_lookup_limit(user) -> None:
    """Raise ``ValidationError`` once ``user`` has made the hour's CPR look-ups (creating a
    case with a CPR number that is taken elsewhere counts as one)."""
    if _recent(user).count() >= settings.STU_CPR_LOOKUPS_PER_HOUR:
        raise ValidationError(
            {
                "cpr": _(
                    "Du har lavet mange CPR-opslag den seneste time. Vent lidt, eller find den "
                    "unge på navn."
                )
            }
        )


@transaction.atomic
def cpr_lookup(*, request, user, cpr: str) -> YoungPerson | None:
    """The young person among ``user``'s own with this CPR number, or ``None``.

    Raises ``ValidationError`` (nothing looked up, nothing logged) once the hourly limit is
    reached."""
    check_lookup_limit(user)
    person = permissions.young_people_for(user).filter(cpr_hash=cprlib.keyed_hash(cpr)).first()
    access_log_write(
        request=request,
        person_ids=[person.pk if person else None],
        action=AccessAction.CPR_LOOKUP,
        purpose=gettext_lazy("CPR-opslag") if person else gettext_lazy("CPR-opslag uden resultat"),
        details=f"cpr={cprlib.mask(cpr)}",
    )
    if person is None:
        misses = _recent(user).filter(person__isnull=True).count()
        if misses == settings.STU_CPR_MISSES_ALERT:
            _alert_leaders(user, misses)
    return person


def _alert_leaders(user, misses: int) -> None:
    leaders = User.objects.active().in_municipality(user.municipality).with_role(roles.LEDER)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Mange CPR-opslag uden resultat")
        body = _(
            "%(user)s har lavet %(misses)d CPR-opslag uden resultat den seneste time. "
            "Opslagene står i adgangsloggen. Tal med medarbejderen, hvis de ikke var en del af "
            "arbejdet."
        ) % {"user": user.get_full_name() or user.get_username(), "misses": misses}
    for leader in leaders.exclude(pk=user.pk):
        notification_send(recipient=leader, title=title, body=body)
