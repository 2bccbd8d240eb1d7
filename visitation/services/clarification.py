"""Visitation writes: clarification before STU (school coordination, visits, intro courses,
wishes).

Also the two small helpers every visitation area's services use: ``_save`` (set, ``full_clean``,
save) and ``_set_person_status`` (through ``students.services``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max

from students.models import PersonStatus, YoungPerson
from students.services import people as people_services
from visitation.models.clarification import InstitutionVisit, IntroCourse, SchoolCoordination, Wish


def _set_person_status(person: YoungPerson, status: str) -> None:
    people_services.young_person_set_status(person=person, status=status)


def _advance_to_clarification(person: YoungPerson) -> None:
    """The first visit, course or wish moves an expected candidate into clarification."""
    if person.status == PersonStatus.CANDIDATE:
        _set_person_status(person, PersonStatus.CLARIFICATION)


def _save(obj, data: dict):
    for field, value in data.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def school_coordination_save(*, person: YoungPerson, data: dict, user) -> SchoolCoordination:
    """Register (or update) an expected candidate with the primary school."""
    coordination = SchoolCoordination.objects.filter(person=person).first()
    if coordination is None:
        coordination = SchoolCoordination(person=person, registered_by=user)
    return _save(coordination, data)


@transaction.atomic
def visit_save(
    *, person: YoungPerson, data: dict, user, visit: InstitutionVisit | None = None
) -> InstitutionVisit:
    visit = visit or InstitutionVisit(person=person, recorded_by=user)
    _save(visit, data)
    _advance_to_clarification(person)
    return visit


@transaction.atomic
def intro_course_save(
    *, person: YoungPerson, data: dict, user, course: IntroCourse | None = None
) -> IntroCourse:
    course = course or IntroCourse(person=person, recorded_by=user)
    _save(course, data)
    _advance_to_clarification(person)
    return course


@transaction.atomic
def wish_add(*, person: YoungPerson, institution, reason: str, user) -> Wish:
    """Add a wish at the bottom of the young person's ranked list."""
    last = Wish.objects.filter(person=person).aggregate(m=Max("rank"))["m"] or 0
    wish = Wish(person=person, institution=institution, rank=last + 1, reason=reason)
    wish.recorded_by = user
    wish.full_clean()
    wish.save()
    _advance_to_clarification(person)
    return wish


@transaction.atomic
def wish_move(*, wish: Wish, up: bool) -> Wish:
    """Swap a wish with its neighbour above (``up``) or below."""
    wishes = Wish.objects.select_for_update().filter(person_id=wish.person_id)
    neighbour = (
        wishes.filter(rank__lt=wish.rank).order_by("-rank").first()
        if up
        else wishes.filter(rank__gt=wish.rank).order_by("rank").first()
    )
    if neighbour is None:
        return wish
    mine, theirs = wish.rank, neighbour.rank
    # Two steps through a free rank (0) keep the unique (person, rank) constraint satisfied.
    Wish.objects.filter(pk=wish.pk).update(rank=0)
    Wish.objects.filter(pk=neighbour.pk).update(rank=mine)
    Wish.objects.filter(pk=wish.pk).update(rank=theirs)
    wish.refresh_from_db()
    return wish


@transaction.atomic
def wish_remove(*, wish: Wish) -> None:
    person_id, rank = wish.person_id, wish.rank
    wish.delete()
    for later in Wish.objects.filter(person_id=person_id, rank__gt=rank).order_by("rank"):
        Wish.objects.filter(pk=later.pk).update(rank=F("rank") - 1)


def visited_institution_ids(*, person: YoungPerson) -> set[int]:
    """Different institutions the young person has seen: visits and introduction courses."""
    visits = InstitutionVisit.objects.filter(person=person).values_list("institution_id", flat=True)
    courses = IntroCourse.objects.filter(person=person).values_list("institution_id", flat=True)
    return set(visits) | set(courses)
