"""The fixed cast, as plain functions: ``tests/conftest.py`` makes each a fixture, and a module
that only reads the cast can build it once (``build_all``) instead of once per test.

No pytest imports: the functions take the cast members they build on.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from students.models import PersonStatus
from tests import factories


# ---------------------------------------------------------------- places
def municipality():
    return factories.MunicipalityFactory(name="Vejle Kommune", code="630")


def other_municipality():
    return factories.MunicipalityFactory(name="Kolding Kommune", code="621")


def institution():
    return factories.InstitutionFactory(name="STU Vejle", kind="stu_school")


def other_institution():
    return factories.InstitutionFactory(name="Kolding Produktionsskole", kind="production_school")


# ---------------------------------------------------------------- people who log in
def uu_user(municipality):
    return factories.UserFactory(
        username="uu", municipality=municipality, roles=["uu"], job_title="UU-vejleder"
    )


def jobcenter_user(municipality):
    return factories.UserFactory(
        username="jobcenter", municipality=municipality, roles=["jobcenter"]
    )


def forvaltning_user(municipality):
    return factories.UserFactory(
        username="forvaltning", municipality=municipality, roles=["forvaltning"]
    )


def leder_user(municipality):
    return factories.UserFactory(username="leder", municipality=municipality, roles=["leder"])


def visitation_user(municipality):
    return factories.UserFactory(
        username="visitation", municipality=municipality, roles=["visitation"]
    )


def _institution_staff(institution, username):
    return factories.InstitutionMembershipFactory(
        institution=institution,
        user=factories.UserFactory(username=username, municipality=None, roles=["institution"]),
    ).user


def institution_user(institution):
    return _institution_staff(institution, "institution")


def other_institution_user(other_institution):
    return _institution_staff(other_institution, "other_institution")


def outsider(other_municipality):
    """A UU counsellor in another municipality: sees nothing of ``municipality``."""
    return factories.UserFactory(username="outsider", municipality=other_municipality, roles=["uu"])


def admin_user():
    return factories.UserFactory(
        username="admin", municipality=None, is_staff=True, is_superuser=True
    )


# ---------------------------------------------------------------- young people
def person(municipality, uu_user):
    return factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=uu_user,
        first_name="Mikkel",
        last_name="Sørensen",
        status=PersonStatus.CLARIFICATION,
    )


def enrolled_person(municipality, uu_user, institution):
    today = timezone.localdate()
    young = factories.YoungPersonFactory(
        municipality=municipality,
        contact_person=uu_user,
        first_name="Sofie",
        last_name="Nielsen",
        status=PersonStatus.DECIDED,
        born=today.replace(year=today.year - 19, month=3, day=14),
    )
    factories.EnrolmentFactory(
        person=young, institution=institution, start_date=today - timedelta(days=100)
    )
    young.refresh_from_db()
    return young


# In dependency order; each builder's parameters name earlier members.
MEMBERS = (
    municipality,
    other_municipality,
    institution,
    other_institution,
    uu_user,
    jobcenter_user,
    forvaltning_user,
    leder_user,
    visitation_user,
    institution_user,
    other_institution_user,
    outsider,
    admin_user,
    person,
    enrolled_person,
)


def build_all() -> dict:
    """Every member of the cast, ``{name: object}``."""
    built: dict = {}
    for member in MEMBERS:
        names = member.__code__.co_varnames[: member.__code__.co_argcount]
        built[member.__name__] = member(**{name: built[name] for name in names})
    return built
