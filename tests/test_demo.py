"""``manage.py seed_demo``: the demo a new user meets, checked area by area.

The demo is built once for this module (inside a transaction that is rolled back at the end;
each test runs in a savepoint of it), at the run's date: run with ``--today`` (``make
test-dates``) these tests show the demo still tells its story on that day.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from institutions.models import InternshipPlace, QualityAgreement, QualityReview
from stu_case.accounts.models import User
from students import flags as student_flags
from students.models import AbsenceReport, AbsenceReportCorrection, Flag
from tests.module_world import module_transaction
from transitions import flags as transition_flags
from transitions.models.exit import (
    FollowUp,
    FunctionalDescriptionHandover,
    InvolvementRole,
    JobcenterInvolvement,
)
from transitions.models.internships import Internship, InternshipProfile, InternshipStatus
from transitions.models.meetings import (
    ActionStatus,
    MeetingAction,
    MeetingStatus,
    StatusAnswer,
    StatusMeeting,
)
from transitions.models.pathway import HousingPlan, Interruption, Pause, PauseStatus


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo's summary output; the data stays until the last test of the module."""
    out = StringIO()
    with module_transaction(django_db_blocker), override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture(autouse=True)
def _in_a_savepoint(seeded, db):
    """What one test writes (an access-log row, a job rerun) is undone before the next."""


# ---------------------------------------------------------------- catalogue and absence
def test_demo_catalogue_and_absence(seeded, client_for):
    """A catalogue, half a year of absence, one real rising-absence flag for the demo
    ``uu``'s caseload, and a period for the demo ``institution`` to report."""
    shared = QualityAgreement.objects.get(kind="framework")
    assert shared.municipalities.count() == 3
    assert QualityReview.objects.count() == 5
    assert AbsenceReport.objects.count() > 50
    assert AbsenceReportCorrection.objects.count() == 1

    flag = Flag.objects.open().get(kind=student_flags.RISING_ABSENCE)
    uu = User.objects.get(username="uu")
    assert flag.person.contact_person == uu
    assert flag.data["reasons"]  # raised by the job from the reports, not by hand
    page = client_for(uu).get(reverse("students:detail", args=[flag.person_id]))
    assert "absence-chart-data" in page.content.decode()

    institution = User.objects.get(username="institution")
    home = client_for(institution).get(reverse("portal:home"), follow=True)
    assert home.status_code == 200
    assert home.context["next_period"] is not None
    assert home.context["next_period"].missing > 0
    catalogue = client_for(uu).get(reverse("institutions:catalogue"))
    assert len(catalogue.context["institutions"]) == 6
    assert {i.quality_status for i in catalogue.context["institutions"]} >= {
        "met",
        "partly",
        "overdue",
        "not_reviewed",
    }


# ---------------------------------------------------------------- status meetings
def test_demo_meetings(seeded, client_for):
    """The status meetings: a held meeting with actions and an upcoming one with the
    requests sent and one institution's answer."""
    assert "Statusmøder: ét afholdt" in seeded
    held = StatusMeeting.objects.get(status=MeetingStatus.CLOSED)
    upcoming = StatusMeeting.objects.get(status=MeetingStatus.PLANNED)
    assert held.items.exclude(status_note="").count() >= 3
    statuses = set(MeetingAction.objects.filter(meeting=held).values_list("status", flat=True))
    assert statuses == {ActionStatus.OPEN, ActionStatus.DONE}
    assert Flag.objects.open().filter(kind=transition_flags.ACTION_OVERDUE).exists()
    assert upcoming.requests.count() >= 2
    assert upcoming.requests.filter(answered_at__isnull=False).count() == 1
    assert StatusAnswer.objects.filter(request__meeting=upcoming).exists()

    uu = User.objects.get(username="uu")
    page = client_for(uu).get(reverse("transitions:meeting_detail", args=[upcoming.pk]))
    assert page.status_code == 200
    minutes = client_for(uu).get(reverse("transitions:meeting_minutes", args=[held.pk]))
    assert minutes["Content-Type"] == "application/pdf"
    institution = User.objects.get(username="institution")
    req = upcoming.requests.get(answered_at__isnull=False)
    answer_page = client_for(institution).get(
        reverse("transitions:meeting_portal_request", args=[req.pk])
    )
    assert answer_page.status_code == 200


# ---------------------------------------------------------------- internships
def test_demo_internships(seeded, client_for):
    """Internships: places (some shared), profiles and progressions."""
    assert "Praktik: 11 praktiksteder (7 delt med jobcentret)" in seeded
    assert InternshipPlace.objects.count() == 11
    assert InternshipProfile.objects.count() == 6
    assert Internship.objects.filter(status=InternshipStatus.COMPLETED).count() == 3
    assert Internship.objects.filter(stage=3).exists()

    uu = User.objects.get(username="uu")
    progressed = Internship.objects.filter(stage=3).first().person
    page = client_for(uu).get(reverse("transitions:person", args=[progressed.pk]))
    body = page.content.decode()
    assert "Lagerhotellet Vejle Nord" in body
    assert "Trivedes med faste rutiner" in body

    match = client_for(uu).get(reverse("transitions:internship_match", args=[progressed.pk]))
    assert "Matcher interesse" in match.content.decode()

    staff = User.objects.get(username="institution")
    places = client_for(staff).get(reverse("transitions:internship_place_list"))
    assert "Dyreklinikken Nørreskov" in places.content.decode()  # own, not shared
    overview = client_for(staff).get(reverse("transitions:internship_overview"))
    assert overview.status_code == 200


# ---------------------------------------------------------------- final year and exit
def test_demo_final_year_exit_and_statistics(seeded, client_for):
    """The final year and exit through the real jobs."""
    jobcenter = User.objects.get(username="jobcenter")
    assert (
        JobcenterInvolvement.objects.filter(contact=jobcenter, role=InvolvementRole.PLANNER).count()
        >= 2
    )
    assert Flag.objects.open().filter(kind=transition_flags.FINAL_YEAR).count() >= 2
    assert Flag.objects.open().filter(kind=transition_flags.END_CONVERSATION_MISSING).exists()
    handover = FunctionalDescriptionHandover.objects.get()
    assert handover.handed_over_to == jobcenter
    assert bytes(handover.pdf).startswith(b"%PDF")
    assert FollowUp.objects.exclude(destination="").count() >= 15

    leder = User.objects.get(username="leder")
    stats = client_for(leder).get(reverse("transitions:exit_statistics")).context["stats"]
    assert stats["ended"] >= 12
    assert stats["recorded_three"] >= 10
    assert stats["recorded_twelve"] >= 5
    # The statistics page: every part has figures, and the money part a budget to compare.
    page = client_for(leder).get(reverse("students:statistics"))
    figures = {f.key: f for s in page.context["sections"] for f in s.figures}
    assert sum(figures["pipeline"].rows[-1][1:]) > 0
    assert figures["cohorts"].rows and figures["backlog"].rows
    assert figures["money-months"].rows[-1][1] > 0
    assert figures["money-budget"].rows[0][1] > 0
    page = client_for(jobcenter).get(reverse("transitions:person", args=[handover.person_id]))
    html = page.content.decode()
    assert "Ret udslusningsplanen" in html  # the jobcenter edits in the final year
    assert "Hent PDF" in html


# ---------------------------------------------------------------- pathway
def test_demo_pathway(seeded, client_for):
    """The pathway: a running pause with an activity, an overdue return, a pause without
    activity, a requested pause, an interruption in progress and housing plans — with the
    flags raised by the real jobs."""
    approved = Pause.objects.filter(status=PauseStatus.APPROVED)
    assert approved.count() == 3
    running = [p for p in approved if p.has_activity and not p.return_overdue]
    assert running, "an approved pause with a planned activity"
    assert any(p.return_overdue for p in approved)
    assert Pause.objects.filter(status=PauseStatus.REQUESTED).count() == 1
    assert Interruption.objects.filter(status="open").count() == 1
    assert HousingPlan.objects.filter(move_needed=True).count() == 2

    open_flags = Flag.objects.open()
    assert open_flags.filter(kind=transition_flags.PAUSE_RETURN_OVERDUE).count() == 1
    assert open_flags.filter(kind=transition_flags.PAUSE_WITHOUT_ACTIVITY).count() == 1
    assert open_flags.filter(kind=transition_flags.HOUSING_MOVE_DUE).count() == 1

    # Running the jobs again changes nothing.
    before = sorted(Flag.objects.values_list("pk", "resolved_at"))
    call_command("pause_flags_check", stdout=StringIO())
    call_command("housing_flags_check", stdout=StringIO())
    assert sorted(Flag.objects.values_list("pk", "resolved_at")) == before

    uu = User.objects.get(username="uu")
    page = client_for(uu).get(reverse("transitions:person", args=[running[0].person_id]))
    assert page.status_code == 200
    assert running[0].activity_description in page.content.decode()
