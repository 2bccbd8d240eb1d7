"""The automatic agenda: every active student exactly once, most urgent first, and a constant
number of queries whatever the number of students."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from stu_case import permissions
from students import flags as student_flags
from students.models import (
    AbsenceReport,
    EducationPlan,
    PersonStatus,
    Severity,
    YoungPerson,
    YoungPersonGroupObjectPermission,
)
from students.services import enrolments as enrolment_services
from tests import factories
from tests.transitions.factories_meetings import (
    StatusMeetingFactory,
    StatusRequestFactory,
    bulk_active_students,
    enrol,
)
from transitions import flags as transition_flags
from transitions.models.meetings import MeetingItem, StatusAnswer, Wellbeing
from transitions.selectors import meetings as selectors
from transitions.services import meetings as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(municipality, uu_user):
    return StatusMeetingFactory(municipality=municipality, created_by=uu_user)


def test_every_active_student_exactly_once(
    municipality, other_municipality, institution, other_institution, uu_user, meeting
):
    a = enrol(municipality=municipality, institution=institution)
    b = enrol(municipality=municipality, institution=other_institution)
    paused = enrol(municipality=municipality, institution=institution)
    enrolment = paused.enrolments.get()
    enrolment.status = "paused"
    enrolment.save()
    paused.status = PersonStatus.PAUSED
    paused.save()
    # Not on the agenda: before STU, finished, another municipality.
    factories.YoungPersonFactory(municipality=municipality, status=PersonStatus.CLARIFICATION)
    done = enrol(municipality=municipality, institution=institution)
    enrolment_services.enrolment_end(
        enrolment=done.enrolments.get(),
        status="completed",
        end_date=timezone.localdate(),
        reason="Gennemført",
    )
    enrol(municipality=other_municipality, institution=institution)
    # Flags and several answers must not duplicate anyone.
    factories.FlagFactory(person=a, kind=student_flags.OTHER)
    factories.FlagFactory(person=a, kind=student_flags.RISING_ABSENCE)

    rows = selectors.build_agenda(user=uu_user, meeting=meeting)
    ids = [r.person.pk for r in rows]
    assert sorted(ids) == sorted([a.pk, b.pk, paused.pk])
    assert len(ids) == len(set(ids))

    # Frozen into items when the walk-through starts: again exactly once, run twice.
    assert services.meeting_items_sync(meeting=meeting, user=uu_user) == 3
    assert services.meeting_items_sync(meeting=meeting, user=uu_user) == 0
    assert sorted(
        MeetingItem.objects.filter(meeting=meeting).values_list("person_id", flat=True)
    ) == sorted(ids)
    # A student enrolled later is added at the end, once.
    late = enrol(municipality=municipality, institution=institution)
    assert services.meeting_items_sync(meeting=meeting, user=uu_user) == 1
    assert meeting.items.get(person=late).position == 4
    rows = selectors.build_agenda(user=uu_user, meeting=meeting)
    assert [r.person.pk for r in rows][-1] == late.pk
    assert len(rows) == 4


def test_most_urgent_first_with_visible_reason(
    municipality, institution, other_institution, uu_user, meeting
):
    calm = enrol(municipality=municipality, institution=institution, last_name="Aagaard")
    critical = enrol(municipality=municipality, institution=institution, last_name="Østergaard")
    final_year = enrol(municipality=municipality, institution=institution, last_name="Berg")
    concerned = enrol(municipality=municipality, institution=other_institution, last_name="Dahl")
    overdue_plan = enrol(municipality=municipality, institution=institution, last_name="Holm")
    factories.FlagFactory(
        person=critical, kind=student_flags.RISING_ABSENCE, severity=Severity.CRITICAL
    )
    e = final_year.enrolments.get()
    type(e).objects.filter(pk=e.pk).update(
        planned_end_date=timezone.localdate() + timedelta(days=200)
    )
    EducationPlan.objects.filter(person=overdue_plan).update(
        next_revision_due=timezone.localdate() - timedelta(days=3)
    )
    req = StatusRequestFactory(meeting=meeting, institution=other_institution)
    StatusAnswer.objects.create(
        request=req,
        person=concerned,
        wellbeing=Wellbeing.POOR,
        concerns="Er ofte ked af det.",
        answered_by=uu_user,
    )

    rows = selectors.build_agenda(user=uu_user, meeting=meeting)
    order = [r.person.pk for r in rows]
    assert order[0] == critical.pk
    assert order[-1] == calm.pk
    assert order.index(concerned.pk) < order.index(final_year.pk)
    assert order.index(overdue_plan.pk) < order.index(final_year.pk)
    by_id = {r.person.pk: r for r in rows}
    assert by_id[critical.pk].urgency_reason.startswith("1 kritisk flag")
    assert "institutionen er bekymret" in by_id[concerned.pk].urgency_reason
    assert "Mistrives" not in by_id[concerned.pk].urgency_reason  # label, not reason
    assert by_id[final_year.pk].final_year
    assert by_id[final_year.pk].urgency_reason == "Sidste år af STU"
    assert by_id[overdue_plan.pk].revision_overdue
    assert by_id[calm.pk].urgency_reason == "Ingen særlige opmærksomheder"


def test_absence_trend_from_reports(municipality, institution, institution_user, uu_user, meeting):
    person = enrol(municipality=municipality, institution=institution)
    enrolment = person.enrolments.get()
    for month, illegal in ((1, 2), (2, 2), (3, 2), (4, 30)):
        AbsenceReport.objects.create(
            enrolment=enrolment,
            period_start=date(2026, month, 1),
            period_end=date(2026, month, 28),
            planned_hours=Decimal(70),
            absent_legal=Decimal(0),
            absent_illegal=Decimal(illegal),
            submitted_by=institution_user,
        )
    (row,) = selectors.build_agenda(user=uu_user, meeting=meeting)
    assert row.absence.direction == "rising"
    assert row.absence.rule_fired
    assert row.urgency_reason == "Stigende/højt fravær"


def test_agenda_page_shows_each_student_and_reason(
    client_for, municipality, institution, uu_user, meeting
):
    a = enrol(municipality=municipality, institution=institution)
    factories.FlagFactory(person=a, kind=transition_flags.FINAL_YEAR, severity=Severity.CRITICAL)
    response = client_for(uu_user).get(reverse("transitions:meeting_detail", args=[meeting.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(a.full_name) == 1
    assert "1 kritisk flag" in body
    assert "Sidste år af STU begynder" in body


def test_agenda_hooks_are_used(monkeypatch, municipality, institution, uu_user, meeting):
    person = enrol(municipality=municipality, institution=institution)
    from transitions.selectors import exit as exit_sel
    from transitions.selectors import internships as intern_sel
    from transitions.selectors import pathway as pathway_sel

    monkeypatch.setattr(
        pathway_sel, "pause_status_for", lambda *, person_ids: {person.pk: "Pause til 01.03"}
    )
    monkeypatch.setattr(
        exit_sel, "exit_status_for", lambda *, person_ids: {person.pk: "Afslutningssamtale 12.05"}
    )
    monkeypatch.setattr(
        intern_sel, "internship_status_for", lambda *, person_ids: {person.pk: "Praktik i Netto"}
    )
    (row,) = selectors.build_agenda(user=uu_user, meeting=meeting)
    assert (row.pause_status, row.exit_status, row.internship_status) == (
        "Pause til 01.03",
        "Afslutningssamtale 12.05",
        "Praktik i Netto",
    )


def _agenda_queries(client, meeting, django_assert_max_num_queries, limit):
    url = reverse("transitions:meeting_detail", args=[meeting.pk])
    with django_assert_max_num_queries(limit) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


# The agenda's own reads plus the other areas' status hooks (pause 2, exit 4, internship 1);
# what matters is that 5 and 500 students cost the same.
QUERY_LIMIT = 36


def test_agenda_for_500_students_bounded_queries(
    client_for, municipality, institution, uu_user, meeting, django_assert_max_num_queries
):
    client = client_for(uu_user)
    bulk_active_students(municipality=municipality, institution=institution, count=5)
    small, _ = _agenda_queries(client, meeting, django_assert_max_num_queries, QUERY_LIMIT)

    ids = bulk_active_students(
        municipality=municipality, institution=institution, count=495, start=5
    )
    for person in YoungPerson.objects.filter(pk__in=ids[:50]):
        factories.FlagFactory(person=person, kind=student_flags.OTHER)
    big, response = _agenda_queries(client, meeting, django_assert_max_num_queries, QUERY_LIMIT)
    assert big == small, (small, big)
    print(f"agenda page queries: {small} with 5 students, {big} with 500")
    body = response.content.decode()
    assert body.count("Bulk</a>") == 50, "the agenda shows 50 students a page"
    assert "500 aktive STU-elever" in body
    assert "Side 1 af 10" in body

    # The walk-through's items for 500 students, and a step page, are bounded too.
    services.meeting_items_sync(meeting=meeting, user=uu_user)
    assert meeting.items.count() == 500
    with django_assert_max_num_queries(QUERY_LIMIT):
        step = client.get(reverse("transitions:meeting_step", args=[meeting.pk, 250]))
    assert "250 af 500" in step.content.decode()
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert (
            client.get(reverse("transitions:meeting_detail", args=[meeting.pk])).status_code == 200
        )


def _count(client, url, django_assert_max_num_queries, limit=QUERY_LIMIT) -> int:
    with django_assert_max_num_queries(limit) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_lists_do_not_grow_with_students(
    client_for,
    municipality,
    institution,
    uu_user,
    institution_user,
    meeting,
    django_assert_max_num_queries,
):
    """The open-actions list, the meeting list and the portal's answer page: constant queries."""
    from transitions.models.meetings import MeetingAction, StatusRequest

    team = client_for(uu_user)
    portal = client_for(institution_user)
    req = StatusRequest.objects.create(
        meeting=meeting, institution=institution, deadline=meeting.local_date
    )
    urls = {
        "actions": (team, reverse("transitions:meeting_actions")),
        "list": (team, reverse("transitions:meeting_list")),
        "portal": (portal, reverse("transitions:meeting_portal_request", args=[req.pk])),
        "portal_list": (
            portal,
            reverse("transitions:meeting_portal_requests", args=[institution.pk]),
        ),
    }

    def add(n, start):
        ids = bulk_active_students(
            municipality=municipality, institution=institution, count=n, start=start
        )
        view = Permission.objects.get(codename=permissions.VIEW, content_type__app_label="students")
        YoungPersonGroupObjectPermission.objects.bulk_create(
            [
                YoungPersonGroupObjectPermission(
                    permission=view, group=institution.staff_group, content_object_id=pid
                )
                for pid in ids
            ]
        )
        MeetingAction.objects.bulk_create(
            [
                MeetingAction(
                    meeting=meeting,
                    person_id=pid,
                    description="Opfølgning",
                    responsible=uu_user,
                    deadline=timezone.localdate() + timedelta(days=5),
                    created_by=uu_user,
                )
                for pid in ids
            ]
        )
        StatusMeetingFactory(municipality=municipality, created_by=uu_user)

    add(3, 0)
    small = {k: _count(c, u, django_assert_max_num_queries) for k, (c, u) in urls.items()}
    add(60, 3)
    big = {k: _count(c, u, django_assert_max_num_queries) for k, (c, u) in urls.items()}
    assert big == small, (small, big)
    body = portal.get(urls["portal"][1]).content.decode()
    assert body.count('Bulk <span class="muted">(') == 63


def test_the_agenda_is_paged_and_logs_the_students_shown(
    client_for, municipality, institution, uu_user, meeting
):
    """Page 2 continues where page 1 stopped (numbered on), every student is on exactly one
    page, and the access log names the students a page showed, not the whole municipality."""
    from stu_case.audit.models import AccessLog

    bulk_active_students(municipality=municipality, institution=institution, count=120)
    client = client_for(uu_user)
    url = reverse("transitions:meeting_detail", args=[meeting.pk])
    seen = []
    for number in (1, 2, 3):
        before = AccessLog.objects.count()
        body = client.get(url, {"side": number}).content.decode()
        assert f"Side {number} af 3" in body
        names = re.findall(r">(Elev\d{4}) Bulk</a>", body)
        assert len(names) == (50 if number < 3 else 20)
        logged = AccessLog.objects.order_by("-pk")[: AccessLog.objects.count() - before]
        assert len(logged) == len(names)
        assert all(f"side {number}" in row.details for row in logged)
        seen += names
    assert len(seen) == len(set(seen)) == 120
    page2 = client.get(url, {"side": 2}).content.decode()
    assert "<td>51</td>" in page2, "page 2 numbers on from page 1"
    assert "120 aktive STU-elever" in page2
