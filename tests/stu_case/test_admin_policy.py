"""The one admin policy (``stu_case.admin``), checked for every model in the admin's registry.

Case data (every registered model with a path to the young person, and every model registered
with ``CaseDataAdmin``) is read-only for a superuser, and opening it writes one access-log row.
Lookup data is editable. A new model cannot slip through: the lists come from the registry.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.test import RequestFactory
from django.urls import reverse

from stu_case.admin import CaseDataAdmin, person_path
from stu_case.audit.models import AccessAction, AccessLog
from tests import admin_rows
from tests import cast as cast_members
from tests.module_world import module_transaction

# Third-party admins keep their own policy: they must at least write nothing.
THIRD_PARTY_APPS = {"axes", "pghistory"}


def _params(models):
    for model in models:
        opts = model._meta
        yield pytest.param(model, id=f"{opts.app_label}.{opts.model_name}")


REGISTRY = admin.site._registry
CASE_DATA = [
    m
    for m, a in REGISTRY.items()
    if m._meta.app_label not in THIRD_PARTY_APPS
    and (person_path(m) is not None or isinstance(a, CaseDataAdmin))
]
LOOKUP_DATA = [
    m for m in REGISTRY if m._meta.app_label not in THIRD_PARTY_APPS and m not in CASE_DATA
]
THIRD_PARTY = [m for m in REGISTRY if m._meta.app_label in THIRD_PARTY_APPS]


# ---------------------------------------------------------------- one world for the module
@pytest.fixture(scope="module")
def _module_rows(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        cast = cast_members.build_all()
        admin_rows.build_rows(cast)
        yield cast["admin_user"].pk


@pytest.fixture
def superuser(_module_rows, db):
    from stu_case.accounts.models import User

    return User.objects.get(pk=_module_rows)


@pytest.fixture
def staff(superuser, client_for):
    return client_for(superuser)


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _expected_person_id(model, row):
    path = person_path(model)
    if path is None:
        return None
    return model._default_manager.filter(pk=row.pk).values_list(path, flat=True).get()


# ---------------------------------------------------------------- the lists
def test_the_registry_splits_into_case_and_lookup_data():
    # Sanity of the derivation: the young person is case data, an institution is not.
    labels = {m._meta.label for m in CASE_DATA}
    assert "students.YoungPerson" in labels
    assert "transitions.Interruption" in labels
    assert "institutions.Institution" not in labels
    assert {m._meta.label for m in LOOKUP_DATA} >= {
        "accounts.Municipality",
        "accounts.User",
        "auth.Group",
        "institutions.Institution",
        "transitions.FunctionalDescriptionTemplate",
        "visitation.AppealGuidance",
        "students.AbsenceRule",
    }


@pytest.mark.parametrize("model", list(_params(CASE_DATA)))
def test_case_data_uses_the_one_policy(model):
    model_admin = REGISTRY[model]
    assert isinstance(model_admin, CaseDataAdmin), (
        f"{model._meta.label} is about a young person: register it with stu_case.admin."
        "CaseDataAdmin (read-only, audited)"
    )


@pytest.mark.parametrize("model", list(_params(CASE_DATA)))
def test_case_data_is_read_only_for_a_superuser(model, superuser, staff):
    model_admin = REGISTRY[model]
    row = admin_rows.row_of(model)
    request = _request(superuser)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)
    add = staff.get(_url(model, "add"))
    if model_admin.has_add_permission(request):
        # Only an add form that creates through the service.
        assert type(model_admin).create_through_service is not (
            CaseDataAdmin.create_through_service
        )
        assert add.status_code == 200
    else:
        assert add.status_code == 403
    assert staff.get(_url(model, "delete", row.pk)).status_code == 403
    before = AccessLog.objects.count()
    assert staff.post(_url(model, "change", row.pk), {}).status_code == 403
    assert AccessLog.objects.count() == before  # a refused write reads nothing


@pytest.mark.parametrize("model", list(_params(CASE_DATA)))
def test_opening_case_data_shows_it_read_only_and_logs_one_read(model, superuser, staff):
    row = admin_rows.row_of(model)
    before = set(AccessLog.objects.values_list("pk", flat=True))
    response = staff.get(_url(model, "change", row.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_save"' not in html
    assert 'class="readonly"' in html
    new = AccessLog.objects.exclude(pk__in=before)
    assert new.count() == 1, f"{model._meta.label}: {new.count()} access-log rows"
    log = new.get()
    assert (log.user_id, log.action) == (superuser.pk, AccessAction.VIEW)
    assert log.person_id == _expected_person_id(model, row)
    assert str(row.pk) in log.details


@pytest.mark.parametrize("model", list(_params(LOOKUP_DATA)))
def test_lookup_data_is_editable(model, superuser, staff):
    model_admin = REGISTRY[model]
    row = admin_rows.row_of(model)
    request = _request(superuser)
    assert model_admin.has_add_permission(request), f"{model._meta.label}: no add"
    assert model_admin.has_change_permission(request, row), f"{model._meta.label}: no change"
    before = AccessLog.objects.count()
    response = staff.get(_url(model, "change", row.pk))
    assert response.status_code == 200
    assert 'name="_save"' in response.content.decode()
    assert AccessLog.objects.count() == before  # lookup data is not person data


@pytest.mark.parametrize("model", list(_params(THIRD_PARTY)))
def test_third_party_admins_write_nothing(model, superuser):
    """Login attempts (axes; an administrator deletes one to unlock a user) and the change
    history (pghistory) keep their own admins: nothing can be added or edited there."""
    model_admin = REGISTRY[model]
    request = _request(superuser)
    assert not model_admin.has_add_permission(request)
    if model_admin.has_change_permission(request):
        row = admin_rows.row_of(model)
        editable = set(flatten_fieldsets(model_admin.get_fieldsets(request, row))) - set(
            model_admin.get_readonly_fields(request, row)
        )
        assert not editable, f"{model._meta.label}: editable {sorted(editable)}"


# ---------------------------------------------------------------- what the user notices
def test_the_interruption_links_to_the_page_where_it_is_changed(staff):
    from transitions.models.pathway import Interruption

    row = admin_rows.row_of(Interruption)
    html = staff.get(_url(Interruption, "change", row.pk)).content.decode()
    assert reverse("transitions:person", args=[row.person_id]) in html
    assert "Ret på sagens side" in html


def test_a_search_in_case_data_logs_the_young_people_it_finds(superuser, staff):
    from transitions.models.pathway import Pause

    row = admin_rows.row_of(Pause)
    before = set(AccessLog.objects.values_list("pk", flat=True))
    response = staff.get(_url(Pause, "changelist"), {"q": row.person.first_name})
    assert response.status_code == 200
    log = AccessLog.objects.exclude(pk__in=before).get()
    assert (log.action, log.person_id, log.user_id) == (
        AccessAction.SEARCH,
        row.person_id,
        superuser.pk,
    )


def test_exporting_the_access_log_is_logged(superuser, staff):
    rows = list(AccessLog.objects.filter(person__isnull=False).values_list("pk", "person_id"))
    response = staff.post(
        _url(AccessLog, "changelist"),
        {"action": "export_csv", "_selected_action": [pk for pk, _ in rows]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT, user=superuser)
    assert set(exported.values_list("person_id", flat=True)) == {pid for _, pid in rows}


def test_a_young_person_added_in_the_admin_is_created_by_the_service(staff, superuser):
    from stu_case.accounts.models import Municipality
    from students.models import YoungPerson
    from tests.factories import cpr_for, random_birth_date

    municipality = Municipality.objects.first()
    response = staff.post(
        _url(YoungPerson, "add"),
        {
            "municipality": municipality.pk,
            "first_name": "Alma",
            "last_name": "Friis",
            "status": "candidate",
            "housing_situation": "parents",
            "cpr_input": cpr_for(random_birth_date(min_age=16, max_age=17)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    alma = YoungPerson.objects.get(first_name="Alma", last_name="Friis")
    assert alma.plan is not None  # young_person_create made the one plan
    # Changing her afterwards is refused: that is done on her page.
    assert staff.post(_url(YoungPerson, "change", alma.pk), {}).status_code == 403


def test_an_enrolment_added_in_the_admin_starts_through_the_service(staff, superuser):
    from django.utils import timezone

    from institutions.models import Institution
    from students.models import Enrolment, PersonStatus, YoungPerson

    person = YoungPerson.objects.exclude(enrolments__isnull=False).order_by("pk").first()
    institution = Institution.objects.order_by("pk").first()
    response = staff.post(
        _url(Enrolment, "add"),
        {
            "person": person.pk,
            "institution": institution.pk,
            "start_date": timezone.localdate().isoformat(),
            "hours_per_year": "840",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.planned_end_date is not None  # computed by enrolment_start
    person.refresh_from_db()
    assert person.status == PersonStatus.ENROLLED


def test_opening_the_change_history_logs_one_read(superuser, staff):
    from pghistory.models import Events

    from stu_case.audit.admin import ChangeHistoryAdmin

    assert isinstance(REGISTRY[Events], ChangeHistoryAdmin)
    event = Events.objects.filter(pgh_obj_model="students.YoungPerson").order_by("pk").first()
    before = set(AccessLog.objects.values_list("pk", flat=True))
    response = staff.get(_url(Events, "change", event.pk))
    assert response.status_code == 200
    log = AccessLog.objects.exclude(pk__in=before).get()
    assert (log.action, log.person_id, log.user_id) == (
        AccessAction.VIEW,
        int(event.pgh_obj_id),
        superuser.pk,
    )


# ---------------------------------------------------------------- actions need a permission
def _own_actions():
    """Every action our admins declare (Django's delete_selected is governed by delete)."""
    for model, model_admin in REGISTRY.items():
        if model._meta.app_label in THIRD_PARTY_APPS:
            continue
        for name in model_admin.actions or ():
            func = getattr(type(model_admin), name) if isinstance(name, str) else name
            yield pytest.param(model_admin, name, func, id=f"{model._meta.label}.{name}")


@pytest.mark.parametrize(("model_admin", "name", "func"), list(_own_actions()))
def test_every_admin_action_declares_the_permission_it_needs(model_admin, name, func):
    """Without ``permissions`` an action is offered to anyone who may only view the list."""
    needed = getattr(func, "allowed_permissions", ())
    assert needed, f"{name}: declare @admin.action(permissions=[...])"
    for perm in needed:
        assert callable(getattr(model_admin, f"has_{perm}_permission", None)), perm


def test_a_viewer_of_enrolments_cannot_end_them(superuser, client_for, db):
    """A staff user who may only view enrolments sees no action that ends one, and a forged
    action post ends nothing."""
    from django.contrib.auth.models import Permission

    from stu_case.accounts.models import User
    from students.models import Enrolment

    viewer = User.objects.create_user(username="admin-viewer", password="x", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_enrolment", content_type__app_label="students")
    )
    enrolment = Enrolment.objects.open().first()
    url = reverse("admin:students_enrolment_changelist")
    client = client_for(viewer)
    page = client.get(url)
    assert page.status_code == 200
    assert "end_completed" not in page.content.decode()
    client.post(url, {"action": "end_completed", "_selected_action": [enrolment.pk]})
    enrolment.refresh_from_db()
    assert enrolment.is_open
    # The superuser still has it.
    assert "end_completed" in client_for(superuser).get(url).content.decode()
