"""A young person moves to another municipality (fraflytning / tilflytning).

The case moves with the person, as one record: the plan, the history and the enrolment stay.
The old municipality's team loses access on the move and the new one gains it; the old contact
person and the new municipality's leaders (who choose a new contact person) are told. This is
the only way a person's municipality changes: the admin shows case data read-only, and the
person form has no municipality field.

A caseworker in the new municipality who tries to create the person meets no answer that
reveals the other municipality's case (``young_person_create``); the holding municipality is
told instead, and moves the case here.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stu_case import permissions
from stu_case.accounts import roles
from stu_case.accounts.models import Municipality, User
from stu_case.formats import short_date
from stu_case.notifications.services import notification_send
from students.models import YoungPerson

# A move is registered when it happens, or shortly after: not months back, not ahead.
MAX_DAYS_BACK = 90


@transaction.atomic
def young_person_transfer(
    *, person: YoungPerson, to_municipality: Municipality, moved_on: date, reason: str, user
) -> YoungPerson:
    """Move ``person``'s case to ``to_municipality``. Raises ``ValidationError`` (and changes
    nothing) on a bad move."""
    person = (
        YoungPerson.objects.select_for_update().select_related("municipality").get(pk=person.pk)
    )
    today = timezone.localdate()
    errors = {}
    if to_municipality.pk == person.municipality_id:
        errors["to_municipality"] = _("Den unge hører allerede til denne kommune.")
    if moved_on > today:
        errors["moved_on"] = _("Registrér flytningen, når den er sket: datoen ligger i fremtiden.")
    elif moved_on < today - timedelta(days=MAX_DAYS_BACK):
        errors["moved_on"] = _("Flyttedatoen kan højst ligge %(days)d dage tilbage.") % {
            "days": MAX_DAYS_BACK
        }
    if not reason.strip():
        errors["reason"] = _("Skriv kort, hvorfor sagen flyttes (fx ny adresse i kommunen).")
    if errors:
        raise ValidationError(errors)

    old_municipality, old_contact = person.municipality, person.contact_person
    person.municipality = to_municipality
    person.contact_person = None  # a caseworker of the new municipality takes over
    person.save(update_fields=["municipality", "contact_person"])
    permissions.revoke_municipal_team(old_municipality, person)
    permissions.grant_municipal_team(person)
    _tell_both_sides(person, old_municipality, old_contact, moved_on, reason.strip(), user)
    return person


def _tell_both_sides(person, old_municipality, old_contact, moved_on, reason, user) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        facts = {
            "name": person.full_name,
            "old": old_municipality.name,
            "new": person.municipality.name,
            "date": short_date(moved_on),
        }
        leaders_title = _("%(name)s er flyttet til jeres kommune") % facts
        leaders_body = _(
            "%(old)s har flyttet sagen til %(new)s (flyttedato %(date)s). Vælg en ny "
            "kontaktperson for den unge."
        ) % facts + (" " + _("Begrundelse: %(reason)s") % {"reason": reason})
        old_title = _("Sagen om %(name)s er flyttet til %(new)s") % facts
    new_leaders = User.objects.active().in_municipality(person.municipality).with_role(roles.LEDER)
    for leader in new_leaders:
        notification_send(
            recipient=leader,
            title=leaders_title,
            body=leaders_body,
            url=reverse("students:detail", args=[person.pk]),
        )
    if old_contact is not None and old_contact.pk != user.pk:
        notification_send(recipient=old_contact, title=old_title, body=leaders_body)


def transfer_wanted(*, existing: YoungPerson, requesting: Municipality) -> None:
    """Someone in ``requesting`` tried to create a case that ``existing`` already is: tell the
    holding municipality (its contact person and leaders), who may move the case."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(municipality)s vil oprette en sag på en af jeres unge") % {
            "municipality": requesting.name
        }
        body = _(
            "%(municipality)s har forsøgt at oprette en sag på %(name)s. Er den unge flyttet, "
            "så flyt sagen under »Flyt til anden kommune« på den unges side."
        ) % {"municipality": requesting.name, "name": existing.full_name}
    holders = set(
        User.objects.active().in_municipality(existing.municipality).with_role(roles.LEDER)
    )
    if existing.contact_person is not None and existing.contact_person.is_active:
        holders.add(existing.contact_person)
    for holder in holders:
        notification_send(
            recipient=holder,
            title=title,
            body=body,
            url=reverse("students:detail", args=[existing.pk]),
        )
