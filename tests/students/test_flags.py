"""Flags: the kinds the apps declare, the one flag service, and ``Flag.objects.open()``."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from students import flags as student_flags
from students.models import Flag, FlagKind, Severity
from students.services import flags as flag_services
from tests import factories
from tests.concurrency import run_together
from transitions import flags as transition_flags

# The kinds (and labels) the flag table held when the kinds were still one list in students:
# rows already stored keep their labels.
KINDS_BEFORE = {
    "rising_absence": "Stigende fravær",
    "missing_absence_report": "Manglende fraværsindberetning",
    "plan_revision_due": "Planen skal revideres",
    "final_year": "Sidste år af STU begynder",
    "pause_without_activity": "Pause uden planlagt aktivitet",
    "pause_return_overdue": "Pausens slutdato er overskredet",
    "housing_move_due": "Boligskift ikke planlagt i tide",
    "end_conversation_missing": "Afslutningssamtale ikke planlagt",
    "action_overdue": "Opgave fra statusmøde er overskredet",
    "other": "Andet",
}


def _declared_in(module) -> set[str]:
    return {str(v) for v in vars(module).values() if isinstance(v, FlagKind)}


# ---------------------------------------------------------------- kinds
def test_every_stored_kind_is_declared_with_its_label():
    declared = {str(k): str(k.label) for k in FlagKind.declared()}
    assert {code: declared.get(code) for code in KINDS_BEFORE} == KINDS_BEFORE


def test_each_app_declares_the_kinds_it_raises():
    assert _declared_in(student_flags) == {
        "rising_absence",
        "missing_absence_report",
        "plan_revision_due",
        "other",
        "hearing_overdue",
        "letter_send_failed",
    }
    assert _declared_in(transition_flags) == {
        "final_year",
        "pause_without_activity",
        "pause_return_overdue",
        "housing_move_due",
        "end_conversation_missing",
        "action_overdue",
        "enrolment_plan_update_due",
        "stu_limit_six_months",
        "stu_limit_three_months",
    }
    assert transition_flags.PAUSE_RETURN_OVERDUE.severity == Severity.CRITICAL
    assert transition_flags.FINAL_YEAR.severity == Severity.INFO


def test_a_kind_is_declared_once():
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        FlagKind("rising_absence", "Stigende fravær igen")


def test_a_kind_is_its_code_and_stays_itself_when_copied():
    import copy
    import pickle

    kind = student_flags.RISING_ABSENCE
    assert kind == "rising_absence"
    assert copy.deepcopy(kind) is kind
    assert pickle.loads(pickle.dumps(kind)) is kind  # noqa: S301 - our own bytes


@pytest.fixture
def new_kind():
    """A kind a new feature declares (as transitions would in ``transitions/flags.py``)."""
    kind = FlagKind("test_new_kind", "Ny slags flag", severity=Severity.CRITICAL)
    yield kind
    FlagKind._registered.pop(str(kind))


@pytest.mark.django_db
def test_a_new_kind_needs_no_migration(new_kind, person):
    assert Flag._meta.get_field("kind").choices is None
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits when not clean

    flag, created = flag_services.flag_raise(person=person, kind=new_kind, details="Nyt.")
    assert created and flag.severity == Severity.CRITICAL
    assert Flag.objects.get(pk=flag.pk).get_kind_display() == "Ny slags flag"


@pytest.mark.django_db
def test_an_undeclared_kind_cannot_be_raised(person):
    with pytest.raises(ImproperlyConfigured, match="no_such_kind"):
        flag_services.flag_raise(person=person, kind="no_such_kind")
    with pytest.raises(ImproperlyConfigured):
        flag_services.flags_sync(kind="no_such_kind", due={})
    assert not Flag.objects.exists()


def test_a_stored_kind_no_app_declares_shows_its_code():
    assert Flag(kind="retired_kind").get_kind_display() == "retired_kind"
    assert Flag(kind="final_year").get_kind_display() == "Sidste år af STU begynder"


@pytest.mark.django_db
def test_the_admin_filters_by_the_declared_kinds(client_for, admin_user, person):
    factories.FlagFactory(person=person, kind=transition_flags.FINAL_YEAR)
    page = client_for(admin_user).get("/admin/students/flag/", {"kind": "final_year"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sidste år af STU begynder" in html
    assert "Pause uden planlagt aktivitet" in html  # every declared kind is a filter choice
    assert page.context["cl"].result_count == 1


# ---------------------------------------------------------------- open()
@pytest.mark.django_db
def test_open_is_the_flags_nobody_has_resolved(person, uu_user):
    first = factories.FlagFactory(person=person, kind=student_flags.OTHER)
    flag_services.flag_resolve(flag=first, user=uu_user, resolution="Klaret.")
    second = factories.FlagFactory(person=person, kind=student_flags.OTHER)
    assert list(Flag.objects.open()) == [second]
    assert list(person.flags.open()) == [second]


# ---------------------------------------------------------------- flags_sync
@pytest.fixture
def three(municipality, uu_user):
    return [
        factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        for _ in range(3)
    ]


def _due(*people, details="Se på det."):
    return {p.pk: flag_services.FlagDue(details=details) for p in people}


def _open(kind=student_flags.RISING_ABSENCE):
    return set(Flag.objects.open().filter(kind=kind).values_list("person_id", flat=True))


@pytest.mark.django_db
def test_sync_raises_what_is_due_and_resolves_the_rest_once(three):
    a, b, c = three
    told = []
    kind = student_flags.RISING_ABSENCE
    first = flag_services.flags_sync(kind=kind, due=_due(a, b), notify=told.extend)
    assert sorted(f.person_id for f in first.raised) == sorted([a.pk, b.pk])
    assert _open() == {a.pk, b.pk}
    assert first.raised[0].severity == Severity.WARNING  # the kind's default
    assert first.raised[0].person.contact_person is not None  # loaded for the notification

    again = flag_services.flags_sync(kind=kind, due=_due(a, b), notify=told.extend)
    assert (again.raised, again.resolved) == ([], 0)
    assert len(told) == 2  # notified once per raised flag

    later = flag_services.flags_sync(
        kind=kind, due=_due(b, c), reason="Fraværet er faldet.", resolved_by="a_job"
    )
    assert [f.person_id for f in later.raised] == [c.pk]
    assert later.resolved == 1
    assert _open() == {b.pk, c.pk}
    gone = Flag.objects.get(person=a, kind=kind)
    assert gone.resolution == "Fraværet er faldet."
    assert (gone.resolved_by, gone.resolved_by_job) == (None, "a_job")


@pytest.mark.django_db
def test_sync_keeps_an_open_flag_as_it_is(three):
    a = three[0]
    kind = student_flags.RISING_ABSENCE
    flag_services.flags_sync(kind=kind, due=_due(a, details="Første."))
    flag_services.flags_sync(kind=kind, due=_due(a, details="Anden."))
    assert Flag.objects.open().get(person=a).details == "Første."


@pytest.mark.django_db
def test_sync_resolves_only_in_its_scope_and_kind(three, uu_user):
    a, b, c = three
    kind = student_flags.RISING_ABSENCE
    flag_services.flags_sync(kind=kind, due=_due(a, b, c))
    factories.FlagFactory(person=a, kind=student_flags.OTHER)

    assert flag_services.flags_sync(kind=kind, due={}, scope=flag_services.NOBODY).resolved == 0
    by_user = flag_services.flags_sync(
        kind=kind, due={}, scope=flag_services.people([a.pk]), reason="Ok.", resolved_by=uu_user
    )
    assert by_user.resolved == 1
    assert _open() == {b.pk, c.pk}
    assert _open(student_flags.OTHER) == {a.pk}
    resolved = Flag.objects.get(person=a, kind=kind)
    assert (resolved.resolved_by, resolved.resolved_by_job) == (uu_user, "")


@pytest.mark.django_db
def test_sync_scope_without_open_enrolment(enrolled_person, person):
    kind = transition_flags.FINAL_YEAR
    flag_services.flags_sync(kind=kind, due=_due(enrolled_person, person))
    sync = flag_services.flags_sync(
        kind=kind, due={}, scope=flag_services.without_open_enrolment(), reason="Slut."
    )
    assert sync.resolved == 1
    assert _open(kind) == {enrolled_person.pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_syncs_raise_and_notify_once(municipality, uu_user):
    people = [
        factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        for _ in range(5)
    ]
    told = []
    run_together(
        lambda: flag_services.flags_sync(
            kind=student_flags.RISING_ABSENCE, due=_due(*people), notify=told.extend
        ),
        times=2,
    )
    assert Flag.objects.count() == 5
    assert sorted(f.person_id for f in told) == sorted(p.pk for p in people)
