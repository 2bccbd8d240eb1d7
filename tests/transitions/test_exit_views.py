"""Final year and exit pages: permissions per role, validation, PDF handover, statistics."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from stu_case.audit.models import AccessAction, AccessLog
from stu_case.calendar import add_months
from stu_case.notifications.models import Notification
from tests import factories
from tests.transitions.factories_exit import completed_person, final_year_person
from transitions.models.exit import (
    Destination,
    EndConversation,
    ExitPlan,
    ExitTask,
    FollowUp,
    FunctionalDescription,
    FunctionalDescriptionHandover,
    FunctionalDescriptionTemplate,
    FunctionalDescriptionTemplateSection,
)
from transitions.services import exit as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalist(municipality, uu_user, jobcenter_user, institution):
    person = final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=5
    )
    services.final_year_activate()
    return person


def _person_page(client, person):
    return client.get(reverse("transitions:person", args=[person.pk]))


# ---------------------------------------------------------------- the panel and roles
def test_panel_shows_final_year_jobcenter_and_checklist(client_for, uu_user, finalist):
    response = _person_page(client_for(uu_user), finalist)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aktiv deltager i udslusningen" in html
    assert "Hold overdragelsesmøde med jobcentret" in html
    assert "0 af 6 opgaver er udført" in html
    assert reverse("transitions:exit_plan", args=[finalist.pk]) in html
    assert "Ikke planlagt. Samtalen skal holdes senest" in html


def test_jobcenter_is_read_only_before_the_final_year(client_for, jobcenter_user, enrolled_person):
    client = client_for(jobcenter_user)
    html = _person_page(client, enrolled_person).content.decode()
    assert reverse("transitions:exit_plan", args=[enrolled_person.pk]) not in html
    response = client.post(
        reverse("transitions:exit_plan", args=[enrolled_person.pk]),
        {"version": 1, "expected_destination": Destination.FLEXJOB},
    )
    assert response.status_code == 403
    assert not ExitPlan.objects.filter(person=enrolled_person).exists()


def test_jobcenter_edits_in_the_final_year(client_for, jobcenter_user, finalist):
    client = client_for(jobcenter_user)
    html = _person_page(client, finalist).content.decode()
    assert reverse("transitions:exit_plan", args=[finalist.pk]) in html
    plan = ExitPlan.objects.get(person=finalist)
    response = client.post(
        reverse("transitions:exit_plan", args=[finalist.pk]),
        {
            "version": plan.version,
            "expected_destination": Destination.FLEXJOB,
            "final_internship": "Lager hos Brdr. Jensen, 10 uger fra marts.",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.expected_destination == Destination.FLEXJOB
    assert plan.updated_by == jobcenter_user
    assert ExitTask.objects.get(person=finalist, kind="final_internship").is_done


def test_leder_reads_but_cannot_edit(client_for, leder_user, finalist):
    client = client_for(leder_user)
    html = _person_page(client, finalist).content.decode()
    assert "Hold overdragelsesmøde med jobcentret" in html
    assert "Markér udført" not in html
    assert client.get(reverse("transitions:exit_plan", args=[finalist.pk])).status_code == 403
    task = ExitTask.objects.filter(person=finalist).first()
    response = client.post(
        reverse("transitions:exit_task_done", args=[finalist.pk, task.pk]), {"done": "1"}
    )
    assert response.status_code == 403
    task.refresh_from_db()
    assert not task.is_done


@pytest.mark.parametrize("who", ["institution_user", "outsider", "other_institution_user"])
def test_outside_the_team_gets_404(request, client_for, finalist, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("transitions:exit_plan", args=[finalist.pk])).status_code == 404
    assert client.get(reverse("transitions:exit_fd_edit", args=[finalist.pk])).status_code == 404


def test_task_done_and_reopen(client_for, uu_user, finalist):
    client = client_for(uu_user)
    task = ExitTask.objects.get(person=finalist, kind="housing")
    url = reverse("transitions:exit_task_done", args=[finalist.pk, task.pk])
    assert client.post(url, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_by == uu_user
    client.post(url, {"done": "0"})
    task.refresh_from_db()
    assert task.done_at is None


def test_new_task_with_an_empty_title_is_refused(client_for, uu_user, finalist):
    response = client_for(uu_user).post(
        reverse("transitions:exit_task_create", args=[finalist.pk]),
        {"title": "", "agency": "uu", "due_date": ""},
    )
    assert response.status_code == 200
    assert "Der er fejl i formularen" in response.content.decode()
    assert ExitTask.objects.filter(person=finalist).count() == 6


# ---------------------------------------------------------------- end conversation
def test_end_conversation_too_late_shows_a_danish_error_and_saves_nothing(
    client_for, uu_user, finalist
):
    end = finalist.enrolments.get().planned_end_date
    latest = add_months(end, -1)
    response = client_for(uu_user).post(
        reverse("transitions:exit_end_conversation", args=[finalist.pk]),
        {"scheduled_on": (latest + timedelta(days=1)).isoformat(), "place": "UU-huset"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Afslutningssamtalen skal holdes senest {latest:%d.%m.%Y}" in html
    assert 'value="UU-huset"' in html  # nothing the user typed is lost
    assert not EndConversation.objects.exists()


def test_panel_shows_the_missing_end_conversation_flag(
    client_for, uu_user, municipality, institution
):
    person = final_year_person(
        municipality=municipality, contact_person=uu_user, institution=institution, months_left=1
    )
    services.end_conversations_check()
    html = _person_page(client_for(uu_user), person).content.decode()
    assert "Flag: Afslutningssamtale ikke planlagt" in html


def test_end_conversation_in_time_is_saved_and_ticks_the_task(client_for, uu_user, finalist):
    end = finalist.enrolments.get().planned_end_date
    response = client_for(uu_user).post(
        reverse("transitions:exit_end_conversation", args=[finalist.pk]),
        {"scheduled_on": add_months(end, -2).isoformat(), "participants": "Den unge, mor, UU"},
    )
    assert response.status_code == 302
    assert EndConversation.objects.get(person=finalist).scheduled_on == add_months(end, -2)
    assert ExitTask.objects.get(person=finalist, kind="end_conversation").is_done


# ---------------------------------------------------------------- exit plan
def test_exit_plan_offers_the_destinations_of_domain_md(client_for, uu_user, finalist):
    html = client_for(uu_user).get(reverse("transitions:exit_plan", args=[finalist.pk]))
    text = html.content.decode()
    for label in ("Fleksjob", "Førtidspension", "Ressourceforløb", "Beskyttet beskæftigelse"):
        assert label in text


def test_exit_plan_stale_version_is_refused(client_for, uu_user, forvaltning_user, finalist):
    url = reverse("transitions:exit_plan", args=[finalist.pk])
    version = ExitPlan.objects.get(person=finalist).version
    client_for(forvaltning_user).post(url, {"version": version, "housing_after": "Botilbud"})
    response = client_for(uu_user).post(url, {"version": version, "housing_after": "Hos mor"})
    assert response.status_code == 200
    assert "ændret af en anden" in response.content.decode()
    assert ExitPlan.objects.get(person=finalist).housing_after == "Botilbud"


def test_handover_meeting_needs_participants(client_for, uu_user, finalist):
    url = reverse("transitions:exit_plan", args=[finalist.pk])
    response = client_for(uu_user).post(
        url, {"version": 1, "handover_meeting_on": timezone.localdate().isoformat()}
    )
    assert "Skriv, hvem der deltager i overdragelsesmødet." in response.content.decode()
    assert ExitPlan.objects.get(person=finalist).handover_meeting_on is None


# ---------------------------------------------------------------- functional description
def _save_new(client, person, texts):
    data = {"version": 1}
    data.update({f"section_{i}": t for i, t in enumerate(texts)})
    return client.post(reverse("transitions:exit_fd_edit", args=[person.pk]), data)


def _fill(client, person, texts):
    description = FunctionalDescription.objects.get(person=person)
    data = {"version": description.version}
    data.update({f"section_{i}": t for i, t in enumerate(texts)})
    return client.post(reverse("transitions:exit_fd_edit", args=[person.pk]), data)


def test_functional_description_from_template_filled_and_handed_over_as_pdf(
    client_for, uu_user, jobcenter_user, finalist, pdf_url_fetchers
):
    client = client_for(uu_user)
    page = client.get(reverse("transitions:exit_fd_edit", args=[finalist.pk]))
    assert "Evner og ressourcer" in page.content.decode()
    assert not FunctionalDescription.objects.exists()  # opening the form writes nothing
    _save_new(client, finalist, [""] * 5)
    description = FunctionalDescription.objects.get(person=finalist)
    assert [s["heading"] for s in description.sections][:3] == [
        "Evner og ressourcer",
        "Begrænsninger",
        "Støtte ved konkrete opgaver",
    ]
    texts = [
        "Sorterer varer efter farve og størrelse uden hjælp.",
        "Bliver hurtigt træt ved støj; kan ikke læse længere tekster.",
        "Har brug for en fast makker og en visuel dagsplan.",
        "Ca. 20 timer om ugen, gerne formiddage.",
        "Praktik på lager i 10 uger gik godt.",
    ]
    assert _fill(client, finalist, texts).status_code == 302

    response = client.post(
        reverse("transitions:exit_fd_handover", args=[finalist.pk]),
        {"to_contact": jobcenter_user.pk, "note": "Til overdragelsesmødet"},
    )
    assert response.status_code == 302
    handover = FunctionalDescriptionHandover.objects.get(person=finalist)
    assert (handover.handed_over_by, handover.handed_over_to) == (uu_user, jobcenter_user)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(handover.pdf))).pages)
    assert "Funktionsbeskrivelse til jobcentret" in text
    assert finalist.full_name in text
    assert "fast makker og en visuel dagsplan" in text
    assert "Begrænsninger" in text
    assert pdf_url_fetchers == ["DenyAllURLFetcher"]  # rendered by stu_case.pdf
    assert AccessLog.objects.filter(person=finalist, action=AccessAction.EXPORT).exists()
    assert Notification.objects.filter(
        recipient=jobcenter_user, title__startswith="Funktionsbeskrivelse overdraget"
    ).exists()
    assert ExitTask.objects.get(person=finalist, kind="functional_description").is_done

    pdf = client_for(jobcenter_user).get(
        reverse("transitions:exit_fd_pdf", args=[finalist.pk, handover.pk])
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert bytes(pdf.content) == bytes(handover.pdf)
    assert AccessLog.objects.filter(
        person=finalist, action=AccessAction.PRINT, user=jobcenter_user
    ).exists()


@pytest.mark.time_machine("2027-01-01 00:20 +01:00")
def test_handover_pdf_is_named_after_the_danish_date(client_for, uu_user, jobcenter_user, finalist):
    # Twenty minutes into 1 January in Copenhagen, UTC still says 31 December.
    client = client_for(uu_user)
    _save_new(client, finalist, ["Kan meget."] * 5)
    client.post(
        reverse("transitions:exit_fd_handover", args=[finalist.pk]),
        {"to_contact": jobcenter_user.pk},
    )
    handover = FunctionalDescriptionHandover.objects.get(person=finalist)
    pdf = client.get(reverse("transitions:exit_fd_pdf", args=[finalist.pk, handover.pk]))
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="funktionsbeskrivelse-{finalist.pk}-20270101.pdf"'
    )
    assert str(handover).endswith(": 01.01.2027")


def test_incomplete_description_is_not_handed_over(client_for, uu_user, jobcenter_user, finalist):
    client = client_for(uu_user)
    _save_new(client, finalist, ["Kan meget.", "", "", "", ""])
    response = client.post(
        reverse("transitions:exit_fd_handover", args=[finalist.pk]),
        {"to_contact": jobcenter_user.pk},
    )
    assert response.status_code == 200
    assert "Udfyld alle afsnit, før beskrivelsen overdrages" in response.content.decode()
    assert not FunctionalDescriptionHandover.objects.exists()


def test_handover_needs_a_jobcenter_contact(client_for, uu_user, finalist):
    client = client_for(uu_user)
    _save_new(client, finalist, [""] * 5)
    response = client.post(reverse("transitions:exit_fd_handover", args=[finalist.pk]), {})
    assert "Vælg den jobcentermedarbejder, der modtager beskrivelsen." in response.content.decode()


def test_municipality_template_wins_over_the_global_one(municipality, uu_user, finalist):
    own = FunctionalDescriptionTemplate.objects.create(
        municipality=municipality, name="Vejles skabelon"
    )
    FunctionalDescriptionTemplateSection.objects.create(
        template=own, order=1, heading="Arbejdsevne", guidance="Beskriv"
    )
    description = services.functional_description_start(person=finalist, user=uu_user)
    assert description.template == own
    assert [s["heading"] for s in description.sections] == ["Arbejdsevne"]
    own.sections.update(heading="Ændret senere")
    description.refresh_from_db()
    assert description.sections[0]["heading"] == "Arbejdsevne"


def test_one_active_template_per_municipality(municipality):
    FunctionalDescriptionTemplate.objects.create(municipality=municipality, name="A")
    with pytest.raises(IntegrityError):
        FunctionalDescriptionTemplate.objects.create(municipality=municipality, name="B")


# ---------------------------------------------------------------- follow-up
def test_follow_up_in_the_future_is_refused(client_for, municipality, uu_user, institution):
    person = completed_person(
        municipality=municipality,
        contact_person=uu_user,
        institution=institution,
        ended_on=add_months(timezone.localdate(), -4),
    )
    services.follow_ups_create()
    follow_up = FollowUp.objects.get(person=person, months=3)
    url = reverse("transitions:exit_follow_up", args=[person.pk, follow_up.pk])
    response = client_for(uu_user).post(
        url,
        {
            "destination": Destination.FLEXJOB,
            "recorded_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert "Datoen kan ikke ligge i fremtiden." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.destination == ""
    response = client_for(uu_user).post(url, {"recorded_on": timezone.localdate().isoformat()})
    assert "Vælg, hvor den unge er nu." in response.content.decode()
    response = client_for(uu_user).post(
        url,
        {"destination": Destination.FLEXJOB, "recorded_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.destination == Destination.FLEXJOB


# ---------------------------------------------------------------- statistics
def _graduates(municipality, uu_user, institution, *, n, ended_on, expected, three, twelve=""):
    for _ in range(n):
        person = completed_person(
            municipality=municipality,
            contact_person=uu_user,
            institution=institution,
            ended_on=ended_on,
            expected=expected,
        )
        services.follow_ups_create()
        for months, dest in ((3, three), (12, twelve)):
            if dest:
                FollowUp.objects.filter(person=person, months=months).update(
                    destination=dest, recorded_on=timezone.localdate()
                )


def test_statistics_figures_per_destination_and_year(
    client_for, leder_user, municipality, uu_user, institution, other_municipality
):
    today = timezone.localdate()
    recent = add_months(today, -4)
    # The older cohort ends in the year before the recent graduate's year: "a year before
    # today" is the same year as "four months ago" from January to April.
    last_year = date(recent.year - 1, 6, 30)
    _graduates(
        municipality,
        uu_user,
        institution,
        n=2,
        ended_on=last_year,
        expected=Destination.FLEXJOB,
        three=Destination.FLEXJOB,
        twelve=Destination.FLEXJOB,
    )
    _graduates(
        municipality,
        uu_user,
        institution,
        n=1,
        ended_on=last_year,
        expected=Destination.FLEXJOB,
        three=Destination.RESOURCE_COURSE,
    )
    _graduates(
        municipality,
        uu_user,
        institution,
        n=1,
        ended_on=recent,
        expected=Destination.ORDINARY_EDUCATION,
        three=Destination.PREPARATORY_EDUCATION,
    )
    # Another municipality's graduate is never counted.
    other_uu = factories.UserFactory(municipality=other_municipality, roles=["uu"])
    _graduates(
        other_municipality,
        other_uu,
        institution,
        n=1,
        ended_on=last_year,
        expected=Destination.FLEXJOB,
        three=Destination.FLEXJOB,
    )

    client = client_for(leder_user)
    response = client.get(reverse("transitions:exit_statistics"))
    stats = response.context["stats"]
    rows = {r["value"]: r for r in stats["rows"]}
    assert stats["ended"] == 4
    assert (rows["flexjob"]["expected"], rows["flexjob"]["three"], rows["flexjob"]["twelve"]) == (
        3,
        2,
        2,
    )
    assert rows["resource_course"]["three"] == 1
    assert rows["ordinary_education"]["expected"] == 1
    assert rows["preparatory_education"]["three"] == 1
    assert stats["chart"]["three"][list(rows).index("flexjob")] == 2
    # Expected = actual: 2 flexjob after 3 months; 2 flexjob after 12 months.
    assert (stats["as_expected_three"], stats["as_expected_twelve"]) == (2, 2)
    html = response.content.decode()
    assert '<th scope="row">Fleksjob</th><td>3</td><td>2</td><td>2</td>' in html
    assert 'id="exit-chart-data"' in html and "exit-statistics.js" in html

    response = client.get(reverse("transitions:exit_statistics"), {"aar": last_year.year})
    stats = response.context["stats"]
    assert stats["ended"] == 3
    assert {r["value"]: r["three"] for r in stats["rows"]}["preparatory_education"] == 0
    years = [y["year"] for y in stats["per_year"]]
    assert years == sorted({last_year.year, recent.year}, reverse=True)
    last = next(y for y in stats["per_year"] if y["year"] == last_year.year)
    assert (last["ended"], last["three"], last["twelve"]) == (3, 3, 2)


def test_statistics_query_count_does_not_grow(
    client_for, leder_user, municipality, uu_user, institution, django_assert_max_num_queries
):
    client = client_for(leder_user)
    ended = add_months(timezone.localdate(), -14)
    _graduates(
        municipality,
        uu_user,
        institution,
        n=1,
        ended_on=ended,
        expected=Destination.FLEXJOB,
        three=Destination.FLEXJOB,
    )
    client.get(reverse("transitions:exit_statistics"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("transitions:exit_statistics"))
    _graduates(
        municipality,
        uu_user,
        institution,
        n=6,
        ended_on=ended,
        expected=Destination.EARLY_RETIREMENT,
        three=Destination.EARLY_RETIREMENT,
        twelve=Destination.EARLY_RETIREMENT,
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("transitions:exit_statistics"))
    assert response.context["stats"]["ended"] == 7


def test_statistics_without_graduates(client_for, uu_user):
    response = client_for(uu_user).get(reverse("transitions:exit_statistics"))
    assert "Der er endnu ingen unge, der har gennemført STU." in response.content.decode()


def test_panel_query_count_does_not_grow_with_the_checklist(
    client_for, uu_user, finalist, django_assert_max_num_queries
):
    client = client_for(uu_user)
    _person_page(client, finalist)
    with django_assert_max_num_queries(60) as before:
        _person_page(client, finalist)
    for i in range(5):
        services.exit_task_save(
            person=finalist,
            data={"title": f"Ekstra {i}", "agency": "uu", "due_date": timezone.localdate()},
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        _person_page(client, finalist)
