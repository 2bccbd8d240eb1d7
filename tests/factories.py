"""factory-boy factories for the tests.

Everything that the application creates through a service (a young person with their plan
and the team's access, an enrolment with the institution's access, role and group
memberships) is created through that same service here, so test data obeys the same rules
as real data. The Danish goal texts and school names are the demo's (``stu_case.site.demo``),
which builds its data without this module: production code never imports ``tests``.

Randomness comes from ``factory.random`` (call ``factory.random.reseed_random(seed)`` for a
reproducible data set); valid CPR and CVR numbers are generated without duplicates.
"""

from __future__ import annotations

from datetime import date, timedelta

import factory
import factory.random
from django.utils import timezone
from factory.django import DjangoModelFactory
from faker import Faker
from stdnum.dk import cpr as stdnum_cpr
from stdnum.dk import cvr as stdnum_cvr

from institutions.models import Institution, InstitutionKind, InstitutionMembership
from stu_case.accounts.models import Municipality, User
from stu_case.accounts.services import user_set_roles, user_sync_memberships
from stu_case.calendar import add_years
from stu_case.site.demo.common import SCHOOLS, email_local_part
from stu_case.site.demo.students import (
    AGENCY_AREAS,
    GOAL_TEXTS,
    PROGRESS_NOTES,
    SOURCE_FOR_AGENCY,
)
from students import flags as student_flags
from students.models import (
    Agency,
    Flag,
    GoalProgressNote,
    GoalStatus,
    HousingSituation,
    Involvement,
    Letter,
    LetterRecipient,
    LetterStatus,
    MentorAssignment,
    MentorKind,
    ParentalConsent,
    PersonStatus,
    PlanGoal,
    Relation,
    Relative,
    Severity,
    YoungPerson,
)
from students.models import cpr as cprlib
from students.services import enrolments as enrolment_services
from students.services import people as people_services

DEFAULT_PASSWORD = "demo-pass-123"
FAKER_LOCALE = "da_DK"
# Shares its random source with factory-boy's Faker declarations, so reseed_random covers it.
FAKER = Faker(FAKER_LOCALE)


def rng():
    """factory-boy's random generator (seeded together with Faker by ``reseed_random``)."""
    return factory.random.randgen


# ---------------------------------------------------------------- CPR and CVR numbers
_issued_cprs: set[str] = set()
_issued_cvrs: set[str] = set()


def random_birth_date(*, min_age: int = 15, max_age: int = 24, today: date | None = None) -> date:
    """A birth date giving an age between ``min_age`` and ``max_age`` (inclusive) today."""
    today = today or timezone.localdate()
    youngest = add_years(today, -min_age)
    oldest = add_years(today, -(max_age + 1)) + timedelta(days=1)
    return oldest + timedelta(days=rng().randint(0, (youngest - oldest).days))


def cpr_for(birth_date: date) -> str:
    """A valid, not yet issued CPR number (10 digits) for ``birth_date``."""
    first_digits = cprlib.serial_first_digits(birth_date)
    prefix = birth_date.strftime("%d%m%y")
    for _attempt in range(1000):
        number = f"{prefix}{rng().choice(first_digits)}{rng().randint(0, 999):03d}"
        if number not in _issued_cprs:
            _issued_cprs.add(number)
            assert stdnum_cpr.get_birth_date(number) == birth_date
            return number
    raise RuntimeError(f"ran out of CPR serial numbers for {birth_date}")


CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def random_cvr() -> str:
    """A valid, not yet issued CVR number: weights 2,7,6,5,4,3,2,1 sum to 0 modulo 11."""
    while True:
        digits = [rng().randint(1, 9)] + [rng().randint(0, 9) for _ in range(6)]
        remainder = sum(w * d for w, d in zip(CVR_WEIGHTS, digits, strict=False)) % 11
        check = (-remainder) % 11
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(check)
        if number not in _issued_cvrs:
            _issued_cvrs.add(number)
            assert stdnum_cvr.is_valid(number)
            return number


# ---------------------------------------------------------------- Danish text
MUNICIPALITY_NAMES = (
    "Vejle",
    "Kolding",
    "Horsens",
    "Fredericia",
    "Silkeborg",
    "Herning",
    "Viborg",
    "Randers",
    "Næstved",
    "Slagelse",
    "Holbæk",
    "Roskilde",
    "Svendborg",
    "Sønderborg",
    "Hjørring",
    "Skive",
)

INSTITUTION_NAMES = {
    InstitutionKind.STU_SCHOOL: ("STU {city}", "Specialskolen {city}", "{city} STU-Center"),
    InstitutionKind.PRODUCTION_SCHOOL: ("{city} Produktionsskole",),
    InstitutionKind.FOLK_HIGH_SCHOOL: ("{city} Højskole",),
    InstitutionKind.EFTERSKOLE: ("{city} Efterskole",),
    InstitutionKind.DAY_OFFER: ("Dagtilbuddet {city}",),
    InstitutionKind.RESIDENTIAL: ("Bo- og Uddannelsesstedet {city}",),
    InstitutionKind.PRIVATE: ("Værkstedet {city} ApS", "{city} Uddannelsescenter"),
    InstitutionKind.OTHER: ("{city} Læringshus",),
}


# ---------------------------------------------------------------- accounts
class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(
        lambda n: (
            f"{MUNICIPALITY_NAMES[n % len(MUNICIPALITY_NAMES)]} Kommune"
            + (f" {n // len(MUNICIPALITY_NAMES) + 1}" if n >= len(MUNICIPALITY_NAMES) else "")
        )
    )
    # 100-599: never the cast's real codes (Vejle 630, Kolding 621).
    code = factory.Sequence(lambda n: f"{100 + n % 500:03d}")


class UserFactory(DjangoModelFactory):
    """A user with ``roles=[...]`` (role group names) and the password ``demo-pass-123``.

    Roles go through ``user_set_roles`` so the team and institution groups follow.
    Municipal staff get a municipality; pass ``municipality=None`` for institution staff.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale=FAKER_LOCALE)
    last_name = factory.Faker("last_name", locale=FAKER_LOCALE)
    email = factory.LazyAttribute(lambda o: f"{o.username}@kommune.example")
    municipality = factory.SubFactory(MunicipalityFactory)
    job_title = ""
    password = DEFAULT_PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", None)
        user = model_class(*args, **kwargs)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        return user

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            user_set_roles(user=self, role_names=list(extracted))


# ---------------------------------------------------------------- institutions
class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    kind = factory.Iterator(
        [
            InstitutionKind.STU_SCHOOL,
            InstitutionKind.PRODUCTION_SCHOOL,
            InstitutionKind.PRIVATE,
            InstitutionKind.EFTERSKOLE,
            InstitutionKind.FOLK_HIGH_SCHOOL,
            InstitutionKind.RESIDENTIAL,
            InstitutionKind.DAY_OFFER,
        ]
    )
    city = factory.Faker("city", locale=FAKER_LOCALE)
    name = factory.LazyAttribute(
        lambda o: rng().choice(INSTITUTION_NAMES[o.kind]).format(city=o.city)
    )
    cvr = factory.LazyFunction(random_cvr)
    address = factory.Faker("street_address", locale=FAKER_LOCALE)
    postal_code = factory.Faker("postcode", locale=FAKER_LOCALE)
    phone = factory.Faker("phone_number", locale=FAKER_LOCALE)
    email = factory.LazyAttribute(lambda o: f"kontakt@{o.cvr}.example")


class InstitutionMembershipFactory(DjangoModelFactory):
    """Membership of an institution; the user's staff-group membership is synced afterwards."""

    class Meta:
        model = InstitutionMembership

    user = factory.SubFactory(UserFactory, municipality=None, roles=["institution"])
    institution = factory.SubFactory(InstitutionFactory)
    role_title = "STU-lærer"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        membership = super()._create(model_class, *args, **kwargs)
        user_sync_memberships(user=membership.user)
        return membership


# ---------------------------------------------------------------- students
class YoungPersonFactory(DjangoModelFactory):
    """A young person created through ``young_person_create`` (plan + team access).

    Pass ``born=date(...)`` for a given birth date, or ``cpr=...`` for a given number.
    """

    class Meta:
        model = YoungPerson

    class Params:
        born = factory.LazyFunction(random_birth_date)

    municipality = factory.SubFactory(MunicipalityFactory)
    cpr = factory.LazyAttribute(lambda o: cpr_for(o.born))
    first_name = factory.Faker("first_name", locale=FAKER_LOCALE)
    last_name = factory.Faker("last_name", locale=FAKER_LOCALE)
    email = factory.LazyAttribute(
        lambda o: f"{email_local_part(o.first_name, o.last_name)}@mail.example"
    )
    phone = factory.Faker("phone_number", locale=FAKER_LOCALE)
    address = factory.LazyAttribute(
        lambda o: f"{FAKER.street_address()}, {FAKER.postcode()} {FAKER.city()}"
    )
    status = PersonStatus.CANDIDATE
    contact_person = None
    created_by = None
    school = factory.LazyFunction(lambda: rng().choice(SCHOOLS))
    housing_situation = factory.LazyFunction(
        lambda: rng().choice(
            [
                HousingSituation.PARENTS,
                HousingSituation.PARENTS,
                HousingSituation.PARENTS,
                HousingSituation.SUPPORTED,
                HousingSituation.BOTILBUD,
                HousingSituation.FOSTER,
                HousingSituation.OWN,
            ]
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        created_by = kwargs.pop("created_by", None) or kwargs.get("contact_person")
        return people_services.young_person_create(created_by=created_by, **kwargs)


class RelativeFactory(DjangoModelFactory):
    class Meta:
        model = Relative

    person = factory.SubFactory(YoungPersonFactory)
    relation = Relation.MOTHER
    name = factory.LazyFunction(lambda: f"{FAKER.first_name()} {FAKER.last_name()}")
    phone = factory.Faker("phone_number", locale=FAKER_LOCALE)
    email = factory.LazyAttribute(lambda o: f"{email_local_part(o.name)}@mail.example")
    involvement = Involvement.RESOURCE
    has_custody = False


def _default_goal_author(o):
    person = o.plan.person
    return person.contact_person or UserFactory(municipality=person.municipality, roles=["uu"])


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = PlanGoal

    class Params:
        text = factory.LazyAttribute(lambda o: rng().choice(GOAL_TEXTS[o.area]))

    plan = factory.LazyFunction(lambda: YoungPersonFactory().plan)
    owning_agency = Agency.UU
    area = factory.LazyAttribute(lambda o: rng().choice(AGENCY_AREAS[Agency(o.owning_agency)]))
    source_plan = factory.LazyAttribute(lambda o: SOURCE_FOR_AGENCY[Agency(o.owning_agency)])
    description = factory.LazyAttribute(lambda o: o.text[0])
    success_criterion = factory.LazyAttribute(lambda o: o.text[1])
    target_date = factory.LazyFunction(
        lambda: timezone.localdate() + timedelta(days=rng().randint(60, 700))
    )
    status = GoalStatus.IN_PROGRESS
    created_by = factory.LazyAttribute(_default_goal_author)


class GoalProgressNoteFactory(DjangoModelFactory):
    class Meta:
        model = GoalProgressNote

    goal = factory.SubFactory(PlanGoalFactory)
    noted_on = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=rng().randint(1, 120))
    )
    text = factory.LazyFunction(lambda: rng().choice(PROGRESS_NOTES))
    author = factory.LazyAttribute(lambda o: o.goal.created_by)


class EnrolmentFactory(DjangoModelFactory):
    """An STU-forløb started through ``enrolment_start`` (the institution's staff gain access)."""

    class Meta:
        model = "students.Enrolment"

    person = factory.SubFactory(YoungPersonFactory, status=PersonStatus.DECIDED)
    institution = factory.SubFactory(InstitutionFactory)
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=rng().randint(30, 700))
    )
    clarification_weeks = 12
    hours_per_year = 840

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return enrolment_services.enrolment_start(**kwargs)


class FlagFactory(DjangoModelFactory):
    class Meta:
        model = Flag

    person = factory.SubFactory(YoungPersonFactory)
    kind = student_flags.OTHER
    severity = Severity.WARNING
    details = "Opmærksomhedspunkt fra statusmødet."


class ParentalConsentFactory(DjangoModelFactory):
    """The adult young person's own decision about involving the parents."""

    class Meta:
        model = ParentalConsent

    person = factory.SubFactory(
        YoungPersonFactory, born=factory.LazyFunction(lambda: random_birth_date(min_age=19))
    )
    involve_parents = False
    scope = "Forældrene deltager ikke i planmøder og modtager ikke kopi af afgørelser."
    given_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.LazyAttribute(
        lambda o: (
            o.person.contact_person or UserFactory(municipality=o.person.municipality, roles=["uu"])
        )
    )


class MentorAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    person = factory.SubFactory(YoungPersonFactory)
    kind = MentorKind.MENTOR
    name = factory.LazyFunction(lambda: f"{FAKER.first_name()} {FAKER.last_name()}")
    organisation = "Socialforvaltningen, Ungeteamet"
    phone = factory.Faker("phone_number", locale=FAKER_LOCALE)
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=rng().randint(30, 400))
    )


class LetterFactory(DjangoModelFactory):
    """A letter as ``letter_create`` stores it, without rendering (a tiny PDF file). Use the
    service where the content matters."""

    class Meta:
        model = Letter
        skip_postgeneration_save = True

    person = factory.SubFactory(YoungPersonFactory)
    kind = "plan"
    subject = factory.Sequence(lambda n: f"test:{n}")
    title = "Din uddannelsesplan"
    status = LetterStatus.SENT
    pdf = factory.django.FileField(filename="brev.pdf", data=b"%PDF-1.7 test")
    easy_read_pdf = factory.django.FileField(filename="let.pdf", data=b"%PDF-1.7 let")
    created_by = factory.LazyAttribute(
        lambda o: o.person.contact_person or UserFactory(municipality=o.person.municipality)
    )
    recipients = factory.RelatedFactory(
        "tests.factories.LetterRecipientFactory", factory_related_name="letter"
    )


class LetterRecipientFactory(DjangoModelFactory):
    class Meta:
        model = LetterRecipient

    letter = factory.SubFactory(LetterFactory, recipients=None)
    name = factory.LazyAttribute(lambda o: o.letter.person.full_name)
    role = "den unge"
