"""services: internships.

Writes to a young person's internships and internship profile. Keyword-only, atomic,
``full_clean`` before save. Capacity at a place is checked under a row lock on the place, so
two people booking the last seat at the same time cannot both succeed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from institutions.models import InternshipPlace
from stu_case.formats import short_date
from stu_case.notifications.services import notification_send
from transitions.models.internships import (
    OPEN_INTERNSHIP_STATUSES,
    Internship,
    InternshipProfile,
    InternshipStatus,
)

INTERNSHIP_FIELDS = (
    "place",
    "company_name",
    "purpose",
    "stage",
    "start_date",
    "end_date",
    "hours_per_week",
    "goals",
    "status",
)
PROFILE_FIELDS = ("trades", "accommodations", "interests", "notes")


def place_occupancy(*, place_id: int, today: date | None = None, exclude_pk=None) -> int:
    """Planned or ongoing internships at the place that have not ended."""
    today = today or timezone.localdate()
    qs = Internship.objects.filter(
        place_id=place_id, status__in=OPEN_INTERNSHIP_STATUSES, end_date__gte=today
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def _check_place(internship: Internship, *, previous=None) -> None:
    """A newly chosen place (or a cancelled internship planned again) must be active and have
    a free seat. ``previous``: the stored (place_id, status) before an update."""
    if not internship.place_id or not internship.is_open:
        return
    if (
        previous is not None
        and previous[0] == internship.place_id
        and previous[1] in OPEN_INTERNSHIP_STATUSES
    ):
        return  # it already holds its seat
    place = InternshipPlace.objects.select_for_update().get(pk=internship.place_id)
    if not place.is_active:
        raise ValidationError({"place": _("Praktikstedet er ikke længere aktivt.")})
    taken = place_occupancy(place_id=place.pk, exclude_pk=internship.pk)
    if taken >= place.capacity:
        raise ValidationError(
            {
                "place": _(
                    "%(name)s har ikke flere ledige pladser (%(capacity)s af %(capacity)s er "
                    "optaget). Vælg et andet praktiksted."
                )
                % {"name": place.company_name, "capacity": place.capacity}
            }
        )


def _notify_contact_person(*, internship: Internship, user, created: bool) -> None:
    """Tell the young person's contact person when someone else (typically the institution)
    plans or evaluates an internship, so the municipality's plan stays in step."""
    person = internship.person
    contact = person.contact_person
    if contact is None or not contact.is_active or contact.pk == getattr(user, "pk", None):
        return
    with translation.override(settings.LANGUAGE_CODE):
        params = {
            "name": person.full_name,
            "place": internship.workplace_name,
            "start": short_date(internship.start_date),
        }
        if created:
            title = _("Ny praktik for %(name)s: %(place)s fra %(start)s") % params
        else:
            title = _("Praktikken hos %(place)s er evalueret for %(name)s") % params
        body = internship.next_step if not created and internship.next_step else internship.goals
    notification_send(
        recipient=contact,
        title=title,
        body=body,
        url=reverse("transitions:internship_person", args=[person.pk]),
    )


@transaction.atomic
def internship_create(*, person, data: dict, user) -> Internship:
    internship = Internship(person=person, created_by=user)
    for field in INTERNSHIP_FIELDS:
        if field in data:
            setattr(internship, field, data[field])
    internship.company_name = (internship.company_name or "").strip()
    internship.full_clean()
    _check_place(internship)
    internship.save()
    _notify_contact_person(internship=internship, user=user, created=True)
    return internship


@transaction.atomic
def internship_update(*, internship: Internship, data: dict, user) -> Internship:
    previous = Internship.objects.filter(pk=internship.pk).values_list("place_id", "status").first()
    changed = []
    for field in INTERNSHIP_FIELDS:
        if field in data:
            setattr(internship, field, data[field])
            changed.append("place_id" if field == "place" else field)
    internship.company_name = (internship.company_name or "").strip()
    internship.full_clean()
    _check_place(internship, previous=previous)
    internship.save(update_fields=[*changed, "updated_at"])
    return internship


@transaction.atomic
def internship_evaluate(
    *,
    internship: Internship,
    evaluation: str,
    learned: str,
    next_step: str,
    completed: bool,
    user,
    today: date | None = None,
) -> Internship:
    """Record how the internship went, what was learned and the next step. ``completed``
    marks a planned or ongoing internship as completed (a cancelled one stays cancelled)."""
    today = today or timezone.localdate()
    if internship.start_date > today and internship.status == InternshipStatus.PLANNED:
        raise ValidationError(
            _("Praktikken er ikke begyndt endnu. Den kan evalueres fra startdatoen.")
        )
    internship.evaluation = evaluation.strip()
    internship.learned = learned.strip()
    internship.next_step = next_step.strip()
    internship.evaluated_on = today
    internship.evaluated_by = user
    if completed and internship.is_open:
        internship.status = InternshipStatus.COMPLETED
    internship.full_clean()
    internship.save(
        update_fields=[
            "evaluation",
            "learned",
            "next_step",
            "evaluated_on",
            "evaluated_by",
            "status",
            "updated_at",
        ]
    )
    _notify_contact_person(internship=internship, user=user, created=False)
    return internship


@transaction.atomic
def internship_profile_save(*, person, data: dict, user) -> InternshipProfile:
    profile, _created = InternshipProfile.objects.select_for_update().get_or_create(person=person)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(profile, field, data[field])
    profile.updated_by = user
    profile.full_clean()
    profile.save()
    return profile


# ---------------------------------------------------------------- the daily job
def internships_daily(*, today: date | None = None) -> dict[str, int]:
    """Start planned internships whose start date has come, and remind once about internships
    that have ended without an evaluation. Safe to run twice or concurrently."""
    today = today or timezone.localdate()
    return {
        "started": internships_start_due(today=today),
        "reminded": internships_remind_evaluation(today=today),
    }


def internships_start_due(*, today: date | None = None) -> int:
    """Planned internships running today become ongoing (a bulk update, tracked by pghistory's
    triggers). Idempotent: a second run finds nothing planned to start."""
    today = today or timezone.localdate()
    return Internship.objects.filter(
        status=InternshipStatus.PLANNED, start_date__lte=today, end_date__gte=today
    ).update(status=InternshipStatus.ONGOING, updated_at=timezone.now())


def internships_remind_evaluation(*, today: date | None = None) -> int:
    """Remind the contact person (and whoever planned it) once when a planned or ongoing
    internship has ended without an evaluation. Claimed with ``SELECT … FOR UPDATE SKIP
    LOCKED`` and stamped ``evaluation_reminder_sent_at`` in the same transaction."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        due = list(
            Internship.objects.filter(
                status__in=OPEN_INTERNSHIP_STATUSES,
                end_date__lt=today,
                evaluation="",
                evaluation_reminder_sent_at__isnull=True,
            )
            .select_related("person", "person__contact_person", "place", "created_by")
            .select_for_update(skip_locked=True, of=("self",))
        )
        if not due:
            return 0
        Internship.objects.filter(pk__in=[i.pk for i in due]).update(
            evaluation_reminder_sent_at=timezone.now()
        )
        for internship in due:
            person = internship.person
            recipients = {
                u.pk: u
                for u in (person.contact_person, internship.created_by)
                if u is not None and u.is_active
            }
            for user in recipients.values():
                notification_send(
                    recipient=user,
                    title=_("Praktikken hos %(place)s mangler evaluering (%(name)s)")
                    % {"place": internship.workplace_name, "name": person.full_name},
                    body=_(
                        "Praktikken sluttede %(end)s. Skriv hvordan det gik, hvad den unge "
                        "lærte, og hvad næste skridt er."
                    )
                    % {"end": short_date(internship.end_date)},
                    url=reverse("transitions:internship_evaluate", args=[person.pk, internship.pk]),
                )
    return len(due)
