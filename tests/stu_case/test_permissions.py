"""Who sees which young people, and what they may do with them (stu_case.permissions)."""

from __future__ import annotations

import pytest
from django.http import Http404

from stu_case import permissions
from stu_case.permissions import Action
from students.models import Flag
from tests import factories


class TestScoping:
    def test_outsider_sees_none_of_the_municipalitys_young_people(
        self, person, enrolled_person, outsider
    ):
        assert permissions.young_people_for(outsider).count() == 0
        with pytest.raises(Http404):
            permissions.get_or_404(permissions.young_people_for(outsider), person.pk)

    def test_outsider_sees_their_own_municipalitys_young_people(
        self, person, outsider, other_municipality
    ):
        own = factories.YoungPersonFactory(municipality=other_municipality)
        assert list(permissions.young_people_for(outsider)) == [own]

    @pytest.mark.parametrize("who", ["uu_user", "jobcenter_user", "forvaltning_user", "leder_user"])
    def test_municipal_team_sees_all_its_young_people(self, request, who, person, enrolled_person):
        user = request.getfixturevalue(who)
        assert set(permissions.young_people_for(user)) == {person, enrolled_person}
        assert permissions.get_or_404(permissions.young_people_for(user), person.pk) == person

    def test_institution_staff_see_only_their_enrolled_students(
        self, person, enrolled_person, institution_user
    ):
        assert list(permissions.young_people_for(institution_user)) == [enrolled_person]
        with pytest.raises(Http404):
            permissions.get_or_404(permissions.young_people_for(institution_user), person.pk)

    def test_other_institution_staff_get_404(self, enrolled_person, other_institution_user):
        assert permissions.young_people_for(other_institution_user).count() == 0
        with pytest.raises(Http404):
            permissions.get_or_404(
                permissions.young_people_for(other_institution_user), enrolled_person.pk
            )

    def test_institution_staff_lose_access_when_removed_from_the_institution(
        self, enrolled_person, institution_user
    ):
        from stu_case.accounts.services import user_sync_memberships

        institution_user.institution_memberships.all().delete()
        user_sync_memberships(user=institution_user)
        assert permissions.young_people_for(institution_user).count() == 0

    def test_a_deactivated_institutions_staff_lose_access_to_its_students(
        self, enrolled_person, institution, institution_user, client_for
    ):
        """An institution the municipality stops working with (deactivated in the admin) keeps
        its enrolments on record, but its staff no longer see the students."""
        from django.urls import reverse

        detail = reverse("students:detail", args=[enrolled_person.pk])
        assert client_for(institution_user).get(detail).status_code == 200
        institution.is_active = False
        institution.save(update_fields=["is_active"])
        permissions.forget_cached_perms(institution_user)
        assert permissions.young_people_for(institution_user).count() == 0
        assert not permissions.can(institution_user, Action.VIEW_PERSON, enrolled_person)
        assert client_for(institution_user).get(detail).status_code == 404

    def test_a_stray_grant_does_not_open_a_person_without_enrolment(
        self, person, institution, institution_user
    ):
        permissions.grant_institution(institution, person)
        assert person not in permissions.young_people_for(institution_user)

    def test_anonymous_and_inactive_users_see_nothing(self, person, uu_user):
        from django.contrib.auth.models import AnonymousUser

        assert permissions.young_people_for(AnonymousUser()).count() == 0
        uu_user.is_active = False
        assert permissions.young_people_for(uu_user).count() == 0

    def test_garbage_pk_is_a_404(self, uu_user):
        with pytest.raises(Http404):
            permissions.get_or_404(permissions.young_people_for(uu_user), "not-a-number")

    def test_given_queryset_is_still_scoped(self, person, outsider):
        from students.models import YoungPerson

        with pytest.raises(Http404):
            permissions.get_or_404(
                permissions.young_people_for(outsider),
                person.pk,
                queryset=YoungPerson.objects.select_related("plan"),
            )

    def test_related_rows_are_scoped_by_their_person(self, person, outsider, uu_user):
        factories.FlagFactory(person=person)
        assert Flag.objects.filter(permissions.q_person_visible(uu_user)).count() == 1
        assert Flag.objects.filter(permissions.q_person_visible(outsider)).count() == 0

    def test_scoped_count_is_one_query(
        self, person, enrolled_person, uu_user, django_assert_num_queries
    ):
        permissions.roles_of(uu_user)  # roles are cached on the user for the request
        with django_assert_num_queries(1):
            assert permissions.young_people_for(uu_user).count() == 2

    def test_scoped_count_for_institution_staff_is_one_query(
        self, enrolled_person, institution_user, django_assert_num_queries
    ):
        permissions.roles_of(institution_user)
        with django_assert_num_queries(1):
            assert permissions.young_people_for(institution_user).count() == 1


class TestCapabilities:
    def test_leder_can_view_but_not_edit(self, person, leder_user):
        assert permissions.can(leder_user, Action.VIEW_PERSON, person)
        assert not permissions.can(leder_user, Action.EDIT_PLAN, person)
        assert not permissions.can(leder_user, Action.EDIT_PERSON, person)

    @pytest.mark.parametrize("who", ["uu_user", "jobcenter_user", "forvaltning_user"])
    def test_editors_can_edit_the_plan(self, request, who, person):
        user = request.getfixturevalue(who)
        assert permissions.can(user, Action.EDIT_PLAN, person)

    def test_uu_can_see_sensitive_data(self, person, uu_user):
        assert permissions.can(uu_user, Action.VIEW_SENSITIVE, person)
        assert permissions.can(uu_user, Action.REVEAL_CPR, person)

    def test_institution_staff_cannot_see_sensitive_data_or_edit(
        self, enrolled_person, institution_user
    ):
        assert permissions.can(institution_user, Action.VIEW_PERSON, enrolled_person)
        for action in (
            Action.VIEW_SENSITIVE,
            Action.REVEAL_CPR,
            Action.VIEW_RELATIVES,
            Action.EDIT_PLAN,
        ):
            assert not permissions.can(institution_user, action, enrolled_person), action

    def test_only_forvaltning_and_uu_edit_social_notes(
        self, person, uu_user, forvaltning_user, jobcenter_user
    ):
        assert permissions.can(forvaltning_user, Action.EDIT_SOCIAL_NOTES, person)
        assert permissions.can(uu_user, Action.EDIT_SOCIAL_NOTES, person)
        assert not permissions.can(jobcenter_user, Action.EDIT_SOCIAL_NOTES, person)

    def test_outsider_can_do_nothing(self, person, outsider):
        for action in (
            Action.VIEW_PERSON,
            Action.VIEW_SENSITIVE,
            Action.EDIT_PLAN,
            Action.EDIT_PERSON,
        ):
            assert not permissions.can(outsider, action, person), action

    def test_unknown_action_is_a_programming_error(self, person, uu_user):
        with pytest.raises(AttributeError):
            Action.FLY  # noqa: B018 - a misspelt action fails where it is written
        with pytest.raises(TypeError):
            permissions.can(uu_user, "fly", person)
        with pytest.raises(TypeError):  # a hint the rule does not take
            permissions.can(uu_user, Action.EDIT_PLAN, person, final_year=True)

    def test_who_may_create_young_people(
        self, uu_user, forvaltning_user, leder_user, institution_user, outsider
    ):
        assert permissions.can(uu_user, Action.CREATE_PERSON)
        assert permissions.can(forvaltning_user, Action.CREATE_PERSON)
        assert not permissions.can(leder_user, Action.CREATE_PERSON)
        assert not permissions.can(institution_user, Action.CREATE_PERSON)

    def test_who_may_look_up_by_cpr(self, uu_user, leder_user, visitation_user, institution_user):
        for user in (uu_user, leder_user, visitation_user):
            assert permissions.can(user, Action.LOOKUP_CPR), user
        assert not permissions.can(institution_user, Action.LOOKUP_CPR)

    def test_role_change_takes_effect_after_forgetting_the_cache(self, person, leder_user):
        from stu_case.accounts.services import user_set_roles

        assert not permissions.can(leder_user, Action.EDIT_PLAN, person)
        user_set_roles(user=leder_user, role_names=["uu"])
        assert permissions.can(leder_user, Action.EDIT_PLAN, person)


class TestRoleSync:
    def test_visitation_role_alone_is_not_in_the_team(self, person, visitation_user):
        # The committee is not part of the municipal team (TEAM_ROLES): it sees cases through
        # the committee agenda, not the whole caseload.
        assert permissions.young_people_for(visitation_user).count() == 0

    def test_removing_all_roles_removes_team_access(self, person, uu_user):
        from stu_case.accounts.services import user_set_roles

        user_set_roles(user=uu_user, role_names=[])
        assert permissions.young_people_for(uu_user).count() == 0

    def test_unknown_role_is_refused(self, uu_user):
        from stu_case.accounts.services import user_set_roles

        with pytest.raises(ValueError):
            user_set_roles(user=uu_user, role_names=["boss"])
