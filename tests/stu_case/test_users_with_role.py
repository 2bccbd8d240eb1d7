"""``User.objects.active().in_municipality(m).with_role(*roles)``: who to offer, assign or tell."""

from __future__ import annotations

import pytest

from stu_case.accounts import roles
from stu_case.accounts.models import User
from tests import factories


def test_active_staff_of_the_municipality_with_one_of_the_roles(
    municipality, other_municipality, uu_user, jobcenter_user, leder_user, outsider
):
    factories.UserFactory(municipality=municipality, roles=[roles.UU], is_active=False)
    found = User.objects.active().in_municipality(municipality).with_role(*roles.EDITOR_ROLES)
    assert set(found) == {uu_user, jobcenter_user}


def test_a_user_with_several_of_the_roles_is_listed_once(municipality, django_assert_num_queries):
    both = factories.UserFactory(municipality=municipality, roles=[roles.UU, roles.JOBCENTER])
    qs = User.objects.active().in_municipality(municipality).with_role(*roles.TEAM_ROLES)
    with django_assert_num_queries(1):
        assert list(qs) == [both]
    assert qs.count() == 1


def test_municipalities_may_be_given_as_instances_or_ids(
    municipality, other_municipality, uu_user, outsider
):
    qs = User.objects.in_municipality(municipality, other_municipality.pk).with_role(roles.UU)
    assert set(qs) == {uu_user, outsider}


def test_a_role_set_is_required(municipality):
    with pytest.raises(ValueError):
        User.objects.with_role()


def test_the_manager_still_creates_users(municipality):
    user = User.objects.create_user("ny", password="x-long-password-1")
    assert user.check_password("x-long-password-1")
