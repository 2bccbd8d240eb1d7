"""Institutions: the catalogue, and the institution portal's scope (staff see only their own
institutions and their currently enrolled students)."""

from __future__ import annotations

from django.db.models import QuerySet

from .actions import Action, rule
from .core import (
    is_active_user,
    is_institution_staff,
    is_institution_staff_only,
    model,
    works_for_municipality,
)
from .people import young_people_for


def institutions_for(user) -> QuerySet:
    """The (active) institutions a user works at (institution staff)."""
    Institution = model("institutions", "Institution")
    if not getattr(user, "is_authenticated", False):
        return Institution.objects.none()
    return Institution.objects.filter(memberships__user=user, is_active=True).distinct()


def portal_institutions_for(user) -> QuerySet:
    """The institutions whose portal pages a user may open: institution staff only."""
    if not is_institution_staff(user):
        return model("institutions", "Institution").objects.none()
    return institutions_for(user)


# ---------------------------------------------------------------- catalogue
@rule(Action.VIEW_CATALOGUE)
def _view_catalogue(user, _obj=None) -> bool:
    """The catalogue: administrators and everyone working for a municipality (the committee
    too) see all of it; institution staff see only their own institution(s) in it."""
    if not is_active_user(user):
        return False
    return user.is_superuser or works_for_municipality(user) or is_institution_staff(user)


def catalogue_institutions_for(user) -> QuerySet:
    """The institutions a user may look up in the catalogue (deactivated ones included)."""
    Institution = model("institutions", "Institution")
    if not _view_catalogue(user):
        return Institution.objects.none()
    if user.is_superuser or works_for_municipality(user):
        return Institution.objects.all()
    return Institution.objects.filter(memberships__user=user)


# ---------------------------------------------------------------- institution portal
def enrolments_for_institution_user(user) -> QuerySet:
    """Open enrolments at the (active) institutions ``user`` works at. One SQL query.

    This is what the absence portal shows and accepts reports for: a student is in it only
    while the enrolment at the user's institution is open; an ended enrolment gives no access.
    Municipal staff get nothing here (they read absence through the person page).
    """
    Enrolment = model("students", "Enrolment")
    if not is_active_user(user) or not is_institution_staff(user):
        return Enrolment.objects.none()
    return Enrolment.objects.open().filter(
        institution__is_active=True,
        institution__memberships__user=user,
    )


def absence_reports_for(user) -> QuerySet:
    """Absence reports ``user`` may read.

    Municipal team: the reports of every young person they can see. Institution staff: only
    the reports of their institution's open enrolments (not those from an earlier institution).
    """
    AbsenceReport = model("students", "AbsenceReport")
    if not is_active_user(user):
        return AbsenceReport.objects.none()
    if is_institution_staff_only(user):
        return AbsenceReport.objects.filter(
            enrolment__in=enrolments_for_institution_user(user).values("pk")
        )
    return AbsenceReport.objects.filter(enrolment__person__in=young_people_for(user).values("pk"))
