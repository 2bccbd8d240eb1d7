"""Writes to the young person, relatives, parental consent and mentors.

Every service is keyword-only, atomic, validates with ``full_clean`` and is the only place
object permissions are granted or revoked (through ``stu_case.permissions``).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stu_case import permissions
from stu_case.audit.models import AccessAction
from stu_case.audit.services import access_log_write
from stu_case.calendar import add_years
from students.models import (
    EducationPlan,
    ParentalConsent,
    PersonStatus,
    Relative,
    YoungPerson,
)
from students.models import cpr as cprlib
from students.services import cpr_lookup, transfer
from students.services.caseload import contact_person_record_change

PERSON_EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "contact_person",
    "school",
    "housing_situation",
)


# ---------------------------------------------------------------- young person
def young_person_create(
    *,
    municipality,
    cpr: str,
    first_name: str,
    last_name: str,
    created_by,
    contact_person=None,
    status: str = PersonStatus.CANDIDATE,
    request=None,
    **extra,
) -> YoungPerson:
    """Create a young person with their (empty) plan and give the municipal team access.

    A CPR number that already has a case in another municipality gets an answer that does not
    say so (the other municipality's case is not ours to reveal): the attempt is logged against
    that case, counts as a CPR look-up, and the holding municipality is told so it can move the
    case here (``transfer``)."""
    compact = cprlib.validate(cpr)
    existing = (
        YoungPerson.objects.filter(cpr_hash=cprlib.keyed_hash(compact))
        .select_related("municipality", "contact_person")
        .first()
    )
    if existing is not None and existing.municipality_id == municipality.pk:
        raise ValidationError(
            {"cpr": _("Der findes allerede en ung med dette CPR-nummer i kommunen.")},
            code="duplicate_cpr",
        )
    if existing is not None:
        _creation_refused(request=request, user=created_by, existing=existing, to=municipality)
        raise ValidationError(
            {
                "cpr": _(
                    "Der kan ikke oprettes en ny sag med dette CPR-nummer. Har den unge en sag i "
                    "en anden kommune, har den kommune fået besked og kan flytte sagen til jer."
                )
            },
            code="cpr_taken",
        )
    return _young_person_insert(
        municipality=municipality,
        cpr=compact,
        first_name=first_name,
        last_name=last_name,
        created_by=created_by,
        contact_person=contact_person,
        status=status,
        **extra,
    )


@transaction.atomic
def _creation_refused(*, request, user, existing, to) -> None:
    if user is not None and request is not None:
        cpr_lookup.check_lookup_limit(user)
        access_log_write(
            request=request,
            person_ids=[existing.pk],
            action=AccessAction.CPR_LOOKUP,
            purpose=gettext_lazy("Oprettelse afvist: CPR-nummeret har en sag i en anden kommune"),
            details=f"cpr={cprlib.mask(existing.cpr)}",
        )
    transfer.transfer_wanted(existing=existing, requesting=to)


@transaction.atomic
def _young_person_insert(
    *, municipality, cpr, first_name, last_name, created_by, contact_person, status, **extra
) -> YoungPerson:
    person = YoungPerson(
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
        contact_person=contact_person,
        contact_person_since=timezone.localdate() if contact_person else None,
        status=status,
        **extra,
    )
    person.set_cpr(cpr)
    person.full_clean()
    person.save()
    EducationPlan.objects.create(
        person=person,
        next_revision_due=add_years(timezone.localdate(), 1),
        updated_by=created_by,
    )
    permissions.grant_municipal_team(person)
    return person


@transaction.atomic
def young_person_update(*, person: YoungPerson, data: dict, by=None) -> YoungPerson:
    """The contact details a caseworker edits. The status is not among them: it follows the
    case (clarification, the committee's decision, enrolment, pause, exit) through
    ``young_person_set_status`` and the enrolment services."""
    changed = []
    old_contact = person.contact_person
    for field in PERSON_EDITABLE_FIELDS:
        if field in data and getattr(person, field) != data[field]:
            setattr(person, field, data[field])
            changed.append(field)
    if changed:
        person.full_clean()
        person.save(update_fields=[*changed, "updated_at"])
    if "contact_person" in changed and person.contact_person is not None and by is not None:
        contact_person_record_change(
            person=person,
            from_user=old_contact,
            to_user=person.contact_person,
            by=by,
            day=timezone.localdate(),
        )
    return person


def young_person_set_status(*, person: YoungPerson, status: str) -> YoungPerson:
    """Move the case to ``status``; called by the services of the step that moves it (the
    clarification, the recommendation, the committee's decision), never from a form."""
    if person.status != status:
        person.status = PersonStatus(status)
        person.full_clean()
        person.save(update_fields=["status", "updated_at"])
    return person


@transaction.atomic
def young_person_set_social_notes(*, person: YoungPerson, social_notes: str) -> YoungPerson:
    person.social_notes = social_notes
    person.save(update_fields=["social_notes", "updated_at"])
    return person


# ---------------------------------------------------------------- relatives and consent
@transaction.atomic
def relative_save(*, person: YoungPerson, data: dict, relative_id: int | None = None) -> Relative:
    """Add a relative to ``person``, or change their relative ``relative_id``.

    Raises ``Relative.DoesNotExist`` when that relative is no longer there (removed by someone
    else meanwhile): an edit never brings a removed relative back. The row is locked while it
    is changed, so a removal at the same moment waits for the edit or comes before it.
    """
    if relative_id is None:
        relative = Relative(person=person)
    else:
        relative = Relative.objects.select_for_update().get(pk=relative_id, person=person)
    for f, v in data.items():
        setattr(relative, f, v)
    relative.full_clean()
    relative.save()
    return relative


@transaction.atomic
def relative_delete(*, person: YoungPerson, relative_id: int) -> bool:
    """Remove ``person``'s relative ``relative_id``; False when it was already gone."""
    deleted, _by_model = Relative.objects.filter(pk=relative_id, person=person).delete()
    return bool(deleted)


@transaction.atomic
def consent_record(
    *, person: YoungPerson, involve_parents: bool, scope: str, given_on: date, user
) -> ParentalConsent:
    """Record the young person's own decision; any earlier active decision is withdrawn."""
    if not person.is_adult:
        raise ValidationError(
            _("Samtykke om forældreinddragelse registreres først, når den unge er fyldt 18 år.")
        )
    ParentalConsent.objects.filter(person=person, withdrawn_on__isnull=True).update(
        withdrawn_on=given_on
    )
    consent = ParentalConsent(
        person=person,
        involve_parents=involve_parents,
        scope=scope,
        given_on=given_on,
        recorded_by=user,
    )
    consent.full_clean()
    consent.save()
    return consent


# ---------------------------------------------------------------- mentors
@transaction.atomic
def mentor_assign(*, person: YoungPerson, data: dict):
    from students.models import MentorAssignment

    assignment = MentorAssignment(person=person, **data)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def mentor_end(*, assignment, end_date: date):
    """End a mentor/støttekontaktperson assignment on ``end_date``."""
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    return assignment


# ---------------------------------------------------------------- transitions: exit
# (completion and follow-up status changes called by transitions.services.exit)
def person_mark_followed_up(*, person: YoungPerson) -> YoungPerson:
    """After STU: the follow-up is done (from completed or interrupted; others are kept)."""
    if person.status in (
        PersonStatus.COMPLETED,
        PersonStatus.DROPPED_OUT,
        PersonStatus.LEFT_FOR_EDUCATION,
    ):
        person.status = PersonStatus.FOLLOWED_UP
        person.save(update_fields=["status", "updated_at"])
    return person
