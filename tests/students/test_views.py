"""The staff case pages through the test client: queries, search, audit, CPR, plan locking."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stu_case.audit.models import AccessLog
from students.models import EducationPlan, PersonStatus, Relation, YoungPerson
from students.models import cpr as cprlib
from students.services import people as people_services
from students.services import plans as plan_services
from tests import factories

# The list page's fixed query budget, whatever the number of young people (measured 14 for
# 5, 50 and page 2 of 50: session, user, roles, filter choices, count, page, enrolments …).
LIST_MAX_QUERIES = 14


def text(response) -> str:
    """The response body with HTML entities decoded (names may contain ø, å, apostrophes)."""
    return html.unescape(response.content.decode())


def make_caseload(municipality, uu_user, institution, n: int) -> None:
    """``n`` young people, every third enrolled at ``institution``, every fourth with a flag."""
    for i in range(n):
        young = factories.YoungPersonFactory(municipality=municipality, contact_person=uu_user)
        if i % 3 == 0:
            factories.EnrolmentFactory(person=young, institution=institution)
        if i % 4 == 0:
            factories.FlagFactory(person=young)


def plan_post_data(plan: EducationPlan, **overrides) -> dict:
    data = {f: getattr(plan, f) for f in EducationPlan.SECTION_FIELDS}
    data.update(
        version=plan.version,
        next_revision_due=plan.next_revision_due.isoformat(),
        reason="Årlig revision",
        justification="",
        other_participants="",
    )
    data.update(overrides)
    return data


def form_version(response) -> int:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the plan form carries the version it was opened at"
    return int(match.group(1))


# ---------------------------------------------------------------- the list
class TestCaseload:
    def test_list_query_count_does_not_grow_with_the_caseload(
        self, municipality, uu_user, institution, client_for, django_assert_max_num_queries
    ):
        client = client_for(uu_user)
        url = reverse("students:list")
        client.get(url)  # warm up (content types, session)

        make_caseload(municipality, uu_user, institution, 5)
        with CaptureQueriesContext(connection) as five:
            assert client.get(url).status_code == 200
        make_caseload(municipality, uu_user, institution, 45)
        with CaptureQueriesContext(connection) as fifty:
            response = client.get(url)
        assert response.status_code == 200
        assert len(five) == len(fifty), (
            f"{len(five)} queries for 5 young people, {len(fifty)} for 50:\n"
            + "\n".join(q["sql"] for q in fifty.captured_queries)
        )
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            client.get(url)
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            client.get(url, {"side": 2})

    def test_name_search_finds_the_person(self, person, enrolled_person, uu_user, client_for):
        response = client_for(uu_user).get(reverse("students:list"), {"q": "mikkel"})
        body = text(response)
        assert person.full_name in body
        assert enrolled_person.full_name not in body

    def test_name_search_as_htmx_returns_the_table_only(self, person, uu_user, client_for):
        response = client_for(uu_user).get(
            reverse("students:list"), {"q": "Sørensen"}, HTTP_HX_REQUEST="true"
        )
        body = text(response)
        assert person.full_name in body
        assert "<html" not in body

    def test_exact_cpr_lookup_opens_the_person_and_logs_it_masked(
        self, person, enrolled_person, uu_user, client_for
    ):
        cpr = person.cpr
        response = client_for(uu_user).post(
            reverse("students:cpr_lookup"), {"cpr": cprlib.formatted(cpr)}
        )
        assert response.status_code == 302
        assert response.url == reverse("students:detail", args=[person.pk])
        assert cpr[:6] not in response.url
        row = AccessLog.objects.get(action="cpr_lookup")
        assert row.person_id == person.pk
        assert row.user == uu_user
        assert cpr not in row.details
        assert cprlib.formatted(cpr) not in row.details
        assert row.details == f"cpr={cprlib.mask(cpr)}"  # the serial number is never logged

    def test_cpr_lookup_without_result_is_logged_masked(self, person, uu_user, client_for):
        unknown = factories.cpr_for(person.birth_date)
        response = client_for(uu_user).post(reverse("students:cpr_lookup"), {"cpr": unknown})
        assert response.status_code == 200
        assert "Ingen ung med dette CPR-nummer i dine sager." in text(response)
        row = AccessLog.objects.get(action="cpr_lookup")
        assert row.person_id is None
        assert unknown not in row.details
        assert cprlib.mask(unknown) in row.details

    def test_a_cpr_lookup_by_get_is_refused(self, person, uu_user, client_for):
        """The number must never travel in a URL (browser history, proxy and server logs)."""
        response = client_for(uu_user).get(reverse("students:cpr_lookup"), {"cpr": person.cpr})
        assert response.status_code == 405
        assert not AccessLog.objects.filter(action="cpr_lookup").exists()

    def test_the_caseload_filter_ignores_a_cpr_in_the_url(
        self, person, enrolled_person, uu_user, client_for
    ):
        body = text(client_for(uu_user).get(reverse("students:list"), {"cpr": person.cpr}))
        assert person.full_name in body
        assert enrolled_person.full_name in body  # not filtered
        assert not AccessLog.objects.filter(details__contains="cpr=").exists()

    def test_the_caseload_search_form_holds_no_cpr_field(self, uu_user, client_for):
        """The GET form (pushed into the address bar by htmx) has no CPR field; the CPR
        look-up is its own POST form."""
        body = text(client_for(uu_user).get(reverse("students:list")))
        get_form = body.split('method="get"', 1)[1].split("</form>", 1)[0]
        assert 'name="cpr"' not in get_form
        post_form = body.split('action="' + reverse("students:cpr_lookup") + '"', 1)[1]
        assert 'name="cpr"' in post_form.split("</form>", 1)[0]

    def test_outsider_finds_nobody_by_cpr(self, person, outsider, client_for):
        response = client_for(outsider).post(reverse("students:cpr_lookup"), {"cpr": person.cpr})
        assert response.status_code == 200
        assert "Ingen ung med dette CPR-nummer i dine sager." in text(response)

    def test_an_invalid_cpr_gets_a_danish_answer(self, uu_user, client_for):
        response = client_for(uu_user).post(reverse("students:cpr_lookup"), {"cpr": "12-34"})
        assert response.status_code == 200
        assert "Skriv hele CPR-nummeret med 10 cifre" in text(response)
        assert not AccessLog.objects.filter(action="cpr_lookup").exists()

    def test_page_is_danish(self, uu_user, client_for):
        body = client_for(uu_user).get(reverse("students:list")).content.decode()
        assert '<html lang="da">' in body
        assert "Søg på navn" in body


# ---------------------------------------------------------------- audit of reads
def revision_number(person, user) -> int:
    return plan_services.plan_update(
        plan=person.plan,
        expected_version=person.plan.version,
        data={"activities": "Praktik i Netto to dage om ugen."},
        revision=plan_services.RevisionInfo(reason="Nyt praktikforløb aftalt"),
        user=user,
    ).number


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("students:detail", "view"),
        ("students:history", "view"),
        ("students:plan_revision", "view"),
        ("students:plan_print", "print"),
    ],
)
def test_every_read_of_a_person_writes_one_access_log_row(
    name, action, person, uu_user, client_for
):
    kwargs = {"pk": person.pk}
    if name == "students:plan_revision":
        kwargs["number"] = revision_number(person, uu_user)
    response = client_for(uu_user).get(
        reverse(name, kwargs=kwargs), HTTP_X_REQUEST_ID="req-abcdef123456"
    )
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert (row.user, row.person_id, row.action) == (uu_user, person.pk, action)
    assert row.ip == "127.0.0.1"
    # The client's id is not trusted: the server's own id is logged and echoed.
    assert row.request_id == response["X-Request-ID"] != "req-abcdef123456"
    assert row.purpose


def test_a_generated_request_id_is_logged(person, uu_user, client_for):
    response = client_for(uu_user).get(reverse("students:detail", args=[person.pk]))
    row = AccessLog.objects.get()
    assert row.request_id and row.request_id == response["X-Request-ID"]


def test_a_client_cannot_choose_the_logged_request_id(person, uu_user, client_for):
    """Otherwise a user could make their reads look like another request in the access log."""
    client = client_for(uu_user)
    url = reverse("students:detail", args=[person.pk])
    first = client.get(url, HTTP_X_REQUEST_ID="req-chosen-by-client")
    second = client.get(url, HTTP_X_REQUEST_ID="req-chosen-by-client")
    ids = set(AccessLog.objects.values_list("request_id", flat=True))
    assert ids == {first["X-Request-ID"], second["X-Request-ID"]}
    assert "req-chosen-by-client" not in ids and len(ids) == 2


@override_settings(TRUST_REQUEST_ID_HEADER=True)
def test_behind_a_trusted_proxy_its_request_id_is_kept(person, uu_user, client_for):
    response = client_for(uu_user).get(
        reverse("students:detail", args=[person.pk]), HTTP_X_REQUEST_ID="proxy-0123456789"
    )
    assert AccessLog.objects.get().request_id == "proxy-0123456789" == response["X-Request-ID"]


def test_denied_reads_write_no_access_log(person, outsider, client_for):
    assert client_for(outsider).get(reverse("students:detail", args=[person.pk])).status_code == 404
    assert not AccessLog.objects.exists()


# ---------------------------------------------------------------- CPR and sensitive fields
class TestCpr:
    def test_person_page_shows_the_cpr_masked(self, person, uu_user, client_for):
        body = text(client_for(uu_user).get(reverse("students:detail", args=[person.pk])))
        assert person.cpr_masked in body
        assert person.cpr not in body
        assert cprlib.formatted(person.cpr) not in body

    def test_reveal_shows_the_full_cpr_and_is_logged(self, person, uu_user, client_for):
        client = client_for(uu_user)
        response = client.post(reverse("students:reveal_cpr", args=[person.pk]))
        assert response.status_code == 200
        assert cprlib.formatted(person.cpr) in text(response)
        row = AccessLog.objects.get(action="reveal_cpr")
        assert (row.user, row.person_id) == (uu_user, person.pk)

    def test_reveal_as_htmx_returns_the_fragment(self, person, uu_user, client_for):
        response = client_for(uu_user).post(
            reverse("students:reveal_cpr", args=[person.pk]), HTTP_HX_REQUEST="true"
        )
        body = text(response)
        assert body.lstrip().startswith('<span id="cpr-value"')
        assert cprlib.formatted(person.cpr) in body

    def test_reveal_needs_post(self, person, uu_user, client_for):
        response = client_for(uu_user).get(reverse("students:reveal_cpr", args=[person.pk]))
        assert response.status_code == 405
        assert not AccessLog.objects.filter(action="reveal_cpr").exists()

    def test_institution_staff_cannot_reveal(self, enrolled_person, institution_user, client_for):
        response = client_for(institution_user).post(
            reverse("students:reveal_cpr", args=[enrolled_person.pk])
        )
        assert response.status_code == 403
        assert enrolled_person.cpr not in text(response)
        assert not AccessLog.objects.filter(action="reveal_cpr").exists()

    def test_institution_staff_never_see_cpr_or_social_notes(
        self, enrolled_person, institution_user, client_for
    ):
        notes = "Fortroligt: underretning om omsorgssvigt i 2021."
        people_services.young_person_set_social_notes(person=enrolled_person, social_notes=notes)
        factories.RelativeFactory(person=enrolled_person, name="Hanne Nielsen")
        response = client_for(institution_user).get(
            reverse("students:detail", args=[enrolled_person.pk])
        )
        assert response.status_code == 200
        body = text(response)
        assert enrolled_person.full_name in body
        cpr = enrolled_person.cpr
        for secret in (cpr, cprlib.formatted(cpr), cprlib.mask(cpr), notes, "Hanne Nielsen"):
            assert secret not in body
        assert "CPR-nummer" not in body
        assert "Sociale notater" not in body
        assert reverse("students:history", args=[enrolled_person.pk]) not in body

    def test_the_team_sees_social_notes(self, person, forvaltning_user, client_for):
        people_services.young_person_set_social_notes(
            person=person, social_notes="Bostøtte bevilget."
        )
        body = text(client_for(forvaltning_user).get(reverse("students:detail", args=[person.pk])))
        assert "Bostøtte bevilget." in body


# ---------------------------------------------------------------- create
def test_invalid_cpr_on_create_shows_the_danish_error_and_saves_nothing(
    municipality, uu_user, client_for
):
    before = YoungPerson.objects.count()
    response = client_for(uu_user).post(
        reverse("students:create"),
        {
            "cpr": "320199-1234",  # 32 January does not exist
            "first_name": "Jonas",
            "last_name": "Holm",
            "status": PersonStatus.CANDIDATE,
        },
    )
    assert response.status_code == 200
    body = text(response)
    assert "indeholder ikke en gyldig fødselsdato" in body
    assert "Der er fejl i formularen" in body
    assert "320199-1234" not in body.split('id="error-summary"')[1].split("</div>")[0]
    assert YoungPerson.objects.count() == before


def test_create_with_a_valid_cpr_opens_the_person_page(municipality, uu_user, client_for):
    cpr = factories.cpr_for(factories.random_birth_date(min_age=16, max_age=17))
    response = client_for(uu_user).post(
        reverse("students:create"),
        {
            "cpr": cpr,
            "first_name": "Jonas",
            "last_name": "Holm",
            "status": PersonStatus.CANDIDATE,
            "contact_person": uu_user.pk,
        },
    )
    person = YoungPerson.objects.get(first_name="Jonas")
    assert response.status_code == 302
    assert response["Location"] == reverse("students:detail", args=[person.pk])
    assert person.municipality == municipality


def test_the_confirmation_with_the_name_stays_on_the_server(uu_user, client_for):
    """The flash message names the young person: it is kept in the session, never in a
    cookie (a signed cookie is readable by anyone who sees the browser's cookies)."""
    client = client_for(uu_user)
    cpr = factories.cpr_for(factories.random_birth_date(min_age=16, max_age=17))
    response = client.post(
        reverse("students:create"),
        {"cpr": cpr, "first_name": "Jonas", "last_name": "Holm", "status": PersonStatus.CANDIDATE},
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    page = client.get(response["Location"]).content.decode()
    assert "Jonas Holm er oprettet." in page


# ---------------------------------------------------------------- the plan
class TestPlanEdit:
    def test_a_stale_save_is_refused_and_shows_the_other_version(
        self, person, uu_user, forvaltning_user, client_for
    ):
        url = reverse("students:plan_edit", args=[person.pk])
        mine, theirs = client_for(uu_user), client_for(forvaltning_user)
        version = form_version(mine.get(url))
        assert form_version(theirs.get(url)) == version
        plan = EducationPlan.objects.get(person=person)

        first = theirs.post(
            url,
            plan_post_data(plan, version=version, activities="Praktik i Brugsen tre dage."),
        )
        assert first.status_code == 302
        assert first["Location"].startswith(reverse("students:detail", args=[person.pk]))
        assert plan.revisions.get().number == 1

        second = mine.post(
            url,
            plan_post_data(plan, version=version, activities="Værkstedsundervisning hver dag."),
        )
        assert second.status_code == 200
        body = text(second)
        assert f"ændret af {forvaltning_user}" in body
        assert "Praktik i Brugsen tre dage." in body  # the other's text, to compare
        assert "Værkstedsundervisning hver dag." in body  # mine, still in the form
        plan.refresh_from_db()
        assert plan.activities == "Praktik i Brugsen tre dage."
        assert plan.revisions.count() == 1
        # The form now carries the current version, so saving again overwrites knowingly.
        assert form_version(second) == plan.version

    def test_a_saved_plan_shows_its_revision_on_the_person_page(self, person, uu_user, client_for):
        client = client_for(uu_user)
        plan = person.plan
        response = client.post(
            reverse("students:plan_edit", args=[person.pk]),
            plan_post_data(
                plan,
                young_person_words="Jeg vil gerne arbejde med dyr.",
                reason="Opstartsmøde",
                young_person_took_part="on",
            ),
        )
        assert response.status_code == 302
        body = text(client.get(response["Location"]))
        assert "Planen er gemt som revision 1." in body
        assert "Revision 1" in body
        assert "Opstartsmøde" in body
        assert "Jeg vil gerne arbejde med dyr." in body
        assert reverse("students:plan_revision", args=[person.pk, 1]) in body

    def test_a_save_without_a_reason_is_refused(self, person, uu_user, client_for):
        response = client_for(uu_user).post(
            reverse("students:plan_edit", args=[person.pk]),
            plan_post_data(person.plan, reason="", activities="Ny tekst"),
        )
        assert response.status_code == 200
        assert "Der er fejl i formularen" in text(response)
        person.plan.refresh_from_db()
        assert person.plan.activities != "Ny tekst"
        assert not person.plan.revisions.exists()


class TestAdultWithoutConsent:
    @pytest.fixture
    def adult(self, municipality, uu_user):
        young = factories.YoungPersonFactory(
            municipality=municipality,
            contact_person=uu_user,
            born=factories.random_birth_date(min_age=19, max_age=21),
        )
        factories.RelativeFactory(
            person=young, relation=Relation.MOTHER, name="Lone Hansen", phone="20304050"
        )
        return young

    def test_relatives_input_is_disabled_in_the_plan_form(self, adult, uu_user, client_for):
        response = client_for(uu_user).get(reverse("students:plan_edit", args=[adult.pk]))
        field = re.search(r"<textarea[^>]*name=\"relatives_input\"[^>]*>", text(response))
        assert field and "disabled" in field.group(0)
        assert "ikke givet samtykke" in text(response)

    def test_a_posted_relatives_input_is_ignored(self, adult, uu_user, client_for):
        client_for(uu_user).post(
            reverse("students:plan_edit", args=[adult.pk]),
            plan_post_data(adult.plan, relatives_input="Mor mener, at …"),
        )
        adult.plan.refresh_from_db()
        assert adult.plan.relatives_input == ""

    def test_parents_show_do_not_contact(self, adult, uu_user, client_for):
        body = text(client_for(uu_user).get(reverse("students:detail", args=[adult.pk])))
        assert "Må ikke kontaktes" in body
        assert "20304050" not in body

    def test_with_consent_the_parents_may_be_contacted(self, adult, uu_user, client_for):
        people_services.consent_record(
            person=adult,
            involve_parents=True,
            scope="",
            given_on=timezone.localdate() - timedelta(days=1),
            user=uu_user,
        )
        body = text(client_for(uu_user).get(reverse("students:detail", args=[adult.pk])))
        assert "Må ikke kontaktes" not in body
        assert "20304050" in body


# ---------------------------------------------------------------- history and editing
def person_post_data(person, uu_user, **overrides) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "school": person.school,
        "status": person.status,
        "contact_person": uu_user.pk,
        "housing_situation": person.housing_situation,
        "social-social_notes": person.social_notes,
    }
    data.update(overrides)
    return data


def test_history_lists_a_change_with_the_users_name(person, forvaltning_user, client_for):
    client = client_for(forvaltning_user)
    response = client.post(
        reverse("students:plan_edit", args=[person.pk]),
        plan_post_data(person.plan, specific_part="Køkken og kantine."),
    )
    assert response.status_code == 302
    body = text(client.get(reverse("students:history", args=[person.pk])))
    assert "Køkken og kantine." in body
    assert f"ændret af {forvaltning_user}" in body


def test_the_status_cannot_be_set_by_hand_past_the_committee(person, uu_user, client_for):
    """The status follows the case (the committee decides, the enrolment starts it): a
    caseworker's edit form cannot set it, and a forged field changes nothing."""
    client = client_for(uu_user)
    before = person.status
    url = reverse("students:edit", args=[person.pk])
    assert 'name="status"' not in client.get(url).content.decode()
    data = person_post_data(person, uu_user, phone="88776655") | {"status": PersonStatus.ENROLLED}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.status) == ("88776655", before)


def test_a_new_case_cannot_start_as_decided_or_enrolled(uu_user, client_for):
    cpr = factories.cpr_for(factories.random_birth_date(min_age=16, max_age=17))
    data = {"cpr": cpr, "first_name": "Jonas", "last_name": "Holm", "status": PersonStatus.DECIDED}
    response = client_for(uu_user).post(reverse("students:create"), data)
    assert response.status_code == 200
    assert "Der er fejl i formularen" in response.content.decode()
    assert not YoungPerson.objects.filter(first_name="Jonas").exists()


def test_person_edit_saves_and_shows_in_history(person, uu_user, client_for):
    client = client_for(uu_user)
    response = client.post(
        reverse("students:edit", args=[person.pk]),
        person_post_data(person, uu_user, phone="88776655"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "88776655"
    body = text(client.get(reverse("students:history", args=[person.pk])))
    assert "88776655" in body
    assert f"ændret af {uu_user}" in body
