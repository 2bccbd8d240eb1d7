"""Handing young people to another contact person, and naming a substitute for a period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stu_case.formats import short_date
from stu_case.notifications.models import NotificationKind
from stu_case.notifications.services import notification_send
from students.models import ContactPersonChange, Substitution, YoungPerson
from students.selectors.caseload import contact_person_candidates


def contact_person_record_change(
    *, person: YoungPerson, from_user, to_user, by, day: date, note: str = ""
) -> ContactPersonChange:
    """Keep the history row and the "since" date when ``person``'s contact person changes.
    Called by the services that change it (the person's edit, the handover)."""
    person.contact_person_since = day
    person.save(update_fields=["contact_person_since", "updated_at"])
    return ContactPersonChange.objects.create(
        person=person,
        from_user=from_user,
        to_user=to_user,
        changed_on=day,
        changed_by=by,
        note=note,
    )


@transaction.atomic
def caseload_hand_over(
    *, from_user, to_user, person_ids: Iterable[int], by, note: str = "", today: date | None = None
) -> list[YoungPerson]:
    """Give ``from_user``'s young people ``person_ids`` to ``to_user`` in one step.

    ``to_user`` must be an active editor of the same municipality; only young people whose
    contact person is ``from_user`` right now move (the rows are locked, so a concurrent edit
    waits). The new contact person is notified once. All or nothing.
    """
    today = today or timezone.localdate()
    municipality = from_user.municipality
    if to_user.pk == from_user.pk:
        raise ValidationError({"to_user": _("Vælg en anden kontaktperson end den nuværende.")})
    if municipality is None or not contact_person_candidates(municipality).filter(pk=to_user.pk):
        raise ValidationError(
            {"to_user": _("Den nye kontaktperson skal være sagsbehandler i samme kommune.")}
        )
    ids = sorted(set(person_ids))
    people = list(
        YoungPerson.objects.select_for_update()
        .filter(pk__in=ids, contact_person=from_user, municipality=municipality)
        .order_by("pk")
    )
    if not people or len(people) != len(ids):
        raise ValidationError(
            _("Nogle af de valgte unge har ikke længere %(name)s som kontaktperson. Prøv igen.")
            % {"name": from_user}
        )
    for person in people:
        person.contact_person = to_user
        person.contact_person_since = today
        person.save(update_fields=["contact_person", "contact_person_since", "updated_at"])
    ContactPersonChange.objects.bulk_create(
        ContactPersonChange(
            person=p,
            from_user=from_user,
            to_user=to_user,
            changed_on=today,
            changed_by=by,
            note=note,
        )
        for p in people
    )
    notification_send(
        recipient=to_user,
        kind=NotificationKind.CASELOAD,
        title=ngettext(
            "Du er blevet kontaktperson for %(count)d ung",
            "Du er blevet kontaktperson for %(count)d unge",
            len(people),
        )
        % {"count": len(people)},
        body=_("Overdraget fra %(from)s af %(by)s den %(day)s.")
        % {"from": from_user, "by": by, "day": short_date(today)},
        url=reverse("students:list") + f"?contact_person={to_user.pk}",
    )
    return people


@transaction.atomic
def substitution_create(
    *, absent, substitute, starts_on: date, ends_on: date, note: str = "", by
) -> Substitution:
    """``substitute`` covers ``absent``'s caseload from ``starts_on`` to ``ends_on``."""
    municipality = absent.municipality
    if municipality is None or not contact_person_candidates(municipality).filter(pk=substitute.pk):
        raise ValidationError(
            {"substitute": _("Stedfortræderen skal være sagsbehandler i samme kommune.")}
        )
    sub = Substitution(
        absent=absent,
        substitute=substitute,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        created_by=by,
    )
    sub.full_clean()
    sub.save()
    notification_send(
        recipient=substitute,
        kind=NotificationKind.CASELOAD,
        title=_("Du er stedfortræder for %(name)s") % {"name": absent},
        body=_("Fra %(start)s til og med %(end)s. Sagerne og fristerne står på Mit arbejde.")
        % {"start": short_date(starts_on), "end": short_date(ends_on)},
        url=reverse("work:home"),
    )
    return sub


@transaction.atomic
def substitution_cancel(*, substitution: Substitution) -> Substitution:
    """End a substitution now (the row is kept, marked cancelled)."""
    if substitution.cancelled_at is None:
        substitution.cancelled_at = timezone.now()
        substitution.save(update_fields=["cancelled_at"])
    return substitution
