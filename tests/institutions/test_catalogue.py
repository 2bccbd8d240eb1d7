"""The catalogue: institutions, filters, quality status, agreements, the overdue-review job."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from institutions import selectors, services
from institutions.models import (
    AgreementKind,
    Institution,
    QualityArea,
    QualityReview,
    QualityStatus,
    ReviewResult,
)
from stu_case.notifications.models import Notification
from tests.institutions.helpers import QualityStandardFactory, TargetGroupFactory, agreement

TODAY = timezone.localdate()


def review(
    institution, municipality, *, result=ReviewResult.MET, days_ago=30, due_in=300, items=()
):
    return services.quality_review_record(
        institution=institution,
        municipality=municipality,
        review_date=TODAY - timedelta(days=days_ago),
        result=result,
        next_review_due=TODAY + timedelta(days=due_in),
        notes="Besøg på værkstederne.",
        items=items,
    )


class TestInstitution:
    def test_cvr_is_validated(self, db):
        inst = Institution(name="X", cvr="12345678", kind="stu_school")
        with pytest.raises(ValidationError) as exc:
            inst.full_clean()
        assert "CVR" in str(exc.value.message_dict["cvr"])

    def test_deactivated_not_deleted(self, institution, uu_user):
        services.institution_deactivate(institution=institution)
        institution.refresh_from_db()
        assert not institution.is_active
        assert institution not in selectors.catalogue(user=uu_user)
        # Still reachable (e.g. from an old enrolment), marked as deactivated.
        assert selectors.institution_detail(user=uu_user, pk=institution.pk) == institution

    def test_admin_cannot_delete(self, client_for, admin_user, institution):
        url = reverse("admin:institutions_institution_delete", args=[institution.pk])
        assert client_for(admin_user).get(url).status_code == 403


class TestCatalogueFilters:
    @pytest.fixture
    def setup(self, municipality, institution, other_institution):
        autism = TargetGroupFactory(name="Autismespektrum")
        intellectual = TargetGroupFactory(name="Udviklingshæmning")
        institution.target_groups.set([autism])
        other_institution.target_groups.set([intellectual])
        Institution.objects.filter(pk=institution.pk).update(price_per_year=Decimal(400000))
        Institution.objects.filter(pk=other_institution.pk).update(price_per_year=Decimal(300000))
        return autism, intellectual

    def names(self, user, **filters):
        return [i.name for i in selectors.catalogue(user=user, filters=filters)]

    def test_target_group(self, setup, uu_user):
        autism, _ = setup
        assert self.names(uu_user, target_group=autism.pk) == ["STU Vejle"]

    def test_max_price_uses_the_agreed_price(
        self, setup, uu_user, municipality, institution, other_municipality
    ):
        assert self.names(uu_user, max_price=Decimal(350000)) == ["Kolding Produktionsskole"]
        agreement(institution=institution, municipalities=[municipality], price=Decimal(320000))
        assert self.names(uu_user, max_price=Decimal(350000)) == [
            "Kolding Produktionsskole",
            "STU Vejle",
        ]
        # Another municipality's agreement does not lower our price.
        agreement(institution=institution, municipalities=[other_municipality], price=Decimal(1))
        row = selectors.catalogue(user=uu_user).get(pk=institution.pk)
        assert row.effective_price == Decimal(320000) and row.has_agreement

    def test_expired_agreement_does_not_count(self, setup, uu_user, municipality, institution):
        agreement(
            institution=institution,
            municipalities=[municipality],
            price=Decimal(1),
            valid_from=TODAY - timedelta(days=400),
            valid_to=TODAY - timedelta(days=1),
        )
        assert selectors.catalogue(user=uu_user).get(pk=institution.pk).effective_price == 400000

    def test_quality_status(
        self, setup, uu_user, municipality, other_municipality, institution, other_institution
    ):
        rows = {i.pk: i.quality_status for i in selectors.catalogue(user=uu_user)}
        assert rows == {institution.pk: "not_reviewed", other_institution.pk: "not_reviewed"}
        review(institution, municipality, result=ReviewResult.PARTLY)
        review(other_institution, municipality, days_ago=400, due_in=-5)
        # Another municipality's review of our institution does not count for us.
        review(institution, other_municipality, result=ReviewResult.NOT_MET)
        rows = {i.pk: i.quality_status for i in selectors.catalogue(user=uu_user)}
        assert rows == {institution.pk: "partly", other_institution.pk: "overdue"}
        assert self.names(uu_user, quality_status=QualityStatus.OVERDUE) == [
            "Kolding Produktionsskole"
        ]

    def test_latest_review_wins(self, setup, uu_user, municipality, institution):
        review(institution, municipality, result=ReviewResult.NOT_MET, days_ago=200)
        review(institution, municipality, result=ReviewResult.MET, days_ago=10)
        assert selectors.catalogue(user=uu_user).get(pk=institution.pk).quality_status == "met"

    def test_page_filters_and_htmx_swap(self, setup, client_for, visitation_user):
        autism, _ = setup
        client = client_for(visitation_user)
        response = client.get(
            reverse("institutions:catalogue"), {"target_group": autism.pk, "max_price": "450.000"}
        )
        assert response.status_code == 200
        assert [i.name for i in response.context["institutions"]] == ["STU Vejle"]
        assert "400.000 kr." in response.content.decode()
        partial = client.get(
            reverse("institutions:catalogue"), {"q": "Kolding"}, HTTP_HX_REQUEST="true"
        )
        assert 'id="catalogue"' in partial.content.decode()
        assert "Kolding Produktionsskole" in partial.content.decode()

    def test_bad_price_is_explained(self, setup, client_for, uu_user):
        response = client_for(uu_user).get(
            reverse("institutions:catalogue"), {"max_price": "mange"}
        )
        assert "Skriv et beløb i hele kroner" in response.content.decode()
        assert len(response.context["institutions"]) == 2  # no filter applied


class TestVisibility:
    def test_institution_staff_see_only_their_own(
        self, client_for, institution_user, institution, other_institution
    ):
        response = client_for(institution_user).get(reverse("institutions:catalogue"))
        assert [i.pk for i in response.context["institutions"]] == [institution.pk]
        url = reverse("institutions:detail", args=[other_institution.pk])
        assert client_for(institution_user).get(url).status_code == 404

    def test_agreements_and_reviews_are_the_municipalitys(
        self,
        client_for,
        uu_user,
        outsider,
        institution_user,
        municipality,
        other_municipality,
        institution,
    ):
        agreement(institution=institution, municipalities=[municipality], title="Vejle-aftalen")
        agreement(
            institution=institution, municipalities=[other_municipality], title="Kolding-aftalen"
        )
        review(institution, municipality, result=ReviewResult.PARTLY)
        url = reverse("institutions:detail", args=[institution.pk])
        mine = client_for(uu_user).get(url).content.decode()
        assert "Vejle-aftalen" in mine and "Kolding-aftalen" not in mine
        theirs = client_for(outsider).get(url).content.decode()
        assert "Kolding-aftalen" in theirs and "Vejle-aftalen" not in theirs
        assert "Delvist opfyldt" not in theirs
        own = client_for(institution_user).get(url).content.decode()
        assert "Vejle-aftalen" in own and "Kolding-aftalen" in own

    def test_detail_shows_standards_with_results(
        self, client_for, uu_user, municipality, institution
    ):
        std = QualityStandardFactory(
            municipality=municipality, area=QualityArea.INTERNSHIPS, title="Praktikkonsulent"
        )
        QualityStandardFactory(
            municipality=municipality, area=QualityArea.ECONOMY, title="Åbent regnskab"
        )
        review(
            institution, municipality, items=[(std, ReviewResult.NOT_MET, "Ingen praktikkonsulent")]
        )
        body = (
            client_for(uu_user)
            .get(reverse("institutions:detail", args=[institution.pk]))
            .content.decode()
        )
        assert "Praktikkonsulent" in body and "Ingen praktikkonsulent" in body
        assert "Åbent regnskab" in body and "Ikke vurderet" in body
        assert "Praktik" in body and "Økonomi" in body

    def test_shared_tender_shows_every_municipality(
        self, client_for, uu_user, municipality, other_municipality, institution
    ):
        agreement(
            institution=institution,
            municipalities=[municipality, other_municipality],
            kind=AgreementKind.FRAMEWORK,
            tender_reference="2024/S 123-456789",
            title="Fælles udbud Trekantområdet",
        )
        body = (
            client_for(uu_user)
            .get(reverse("institutions:detail", args=[institution.pk]))
            .content.decode()
        )
        assert "Fælles udbud Trekantområdet" in body and "2024/S 123-456789" in body
        assert "Kolding Kommune" in body


class TestReviewRules:
    def test_next_review_must_follow_the_review(self, institution, municipality):
        with pytest.raises(ValidationError):
            services.quality_review_record(
                institution=institution,
                municipality=municipality,
                review_date=TODAY,
                result=ReviewResult.MET,
                next_review_due=TODAY,
            )

    def test_item_standard_must_be_the_same_municipality(
        self, institution, municipality, other_municipality
    ):
        std = QualityStandardFactory(municipality=other_municipality)
        with pytest.raises(ValidationError):
            review(institution, municipality, items=[(std, ReviewResult.MET, "")])


class TestOverdueJob:
    def test_reminds_the_managers_once(self, institution, municipality, leder_user, uu_user):
        review(institution, municipality, days_ago=400, due_in=-3)
        assert services.quality_reviews_remind_overdue() == 1
        note = Notification.objects.get(recipient=leder_user)
        assert institution.name in note.title
        assert note.url == reverse("institutions:detail", args=[institution.pk])
        assert not Notification.objects.filter(recipient=uu_user).exists()
        assert services.quality_reviews_remind_overdue() == 0
        assert Notification.objects.count() == 1

    def test_only_the_latest_review_counts(self, institution, municipality, leder_user):
        review(institution, municipality, days_ago=400, due_in=-30)
        review(institution, municipality, days_ago=5, due_in=300)
        assert services.quality_reviews_remind_overdue() == 0

    def test_a_new_review_falling_due_reminds_again(self, institution, municipality, leder_user):
        review(institution, municipality, days_ago=400, due_in=-30)
        services.quality_reviews_remind_overdue()
        r = review(institution, municipality, days_ago=2, due_in=-1)
        assert services.quality_reviews_remind_overdue() == 1
        assert QualityReview.objects.get(pk=r.pk).overdue_notified_at

    def test_falls_back_to_forvaltning_without_managers(
        self, institution, municipality, forvaltning_user
    ):
        review(institution, municipality, days_ago=400, due_in=-3)
        services.quality_reviews_remind_overdue()
        assert Notification.objects.filter(recipient=forvaltning_user).count() == 1

    def test_deactivated_institutions_are_skipped(self, institution, municipality, leder_user):
        review(institution, municipality, days_ago=400, due_in=-3)
        services.institution_deactivate(institution=institution)
        assert services.quality_reviews_remind_overdue() == 0

    def test_command(self, institution, municipality, leder_user):
        from io import StringIO

        from django.core.management import call_command

        review(institution, municipality, days_ago=400, due_in=-3)
        out = StringIO()
        call_command("quality_reviews_remind_overdue", stdout=out)
        assert "1 overskredne" in out.getvalue()

    def test_overdue_status_shown_on_the_page(self, client_for, uu_user, institution, municipality):
        review(institution, municipality, days_ago=400, due_in=-3)
        body = (
            client_for(uu_user)
            .get(reverse("institutions:detail", args=[institution.pk]))
            .content.decode()
        )
        assert "Opfølgning overskredet" in body
