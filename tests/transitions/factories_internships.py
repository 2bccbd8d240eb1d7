"""factory-boy factories for internships. Shared by tests and the demo data."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from institutions.models import Accommodation, InternshipPlace, Trade
from tests.factories import InstitutionFactory, YoungPersonFactory, random_cvr
from transitions.models.internships import (
    Internship,
    InternshipProfile,
    InternshipPurpose,
    InternshipStage,
    InternshipStatus,
)


class InternshipPlaceFactory(DjangoModelFactory):
    class Meta:
        model = InternshipPlace

    institution = factory.SubFactory(InstitutionFactory)
    company_name = factory.Sequence(lambda n: f"Virksomhed {n} ApS")
    cvr = factory.LazyFunction(random_cvr)
    address = "Havnegade 1"
    postal_code = "7100"
    city = "Vejle"
    contact_name = "Lise Holm"
    contact_phone = "75 00 00 00"
    contact_email = "lise@example.dk"
    trades = factory.LazyFunction(lambda: [Trade.KITCHEN])
    accommodations = factory.LazyFunction(lambda: [Accommodation.SHORT_DAYS])
    capacity = 2
    is_active = True
    shared_with_jobcenter = False


class InternshipProfileFactory(DjangoModelFactory):
    class Meta:
        model = InternshipProfile

    person = factory.SubFactory(YoungPersonFactory)
    trades = factory.LazyFunction(lambda: [Trade.KITCHEN])
    accommodations = factory.LazyFunction(lambda: [Accommodation.SHORT_DAYS])
    interests = "Vil gerne lave mad."


class InternshipFactory(DjangoModelFactory):
    class Meta:
        model = Internship

    person = factory.SubFactory(YoungPersonFactory)
    place = factory.SubFactory(InternshipPlaceFactory)
    purpose = InternshipPurpose.FORMATION
    stage = InternshipStage.INTEREST
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=28))
    goals = "Møde til tiden og følge en arbejdsdag."
    status = InternshipStatus.ONGOING
