"""The CSV upload: semicolons, Danish decimal comma, row-by-row Danish errors, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from students.forms import absence_csv as csvimport
from students.models import AbsenceReport
from tests.institutions.helpers import enrol, long_ago, months_back

LAST_MONTH = months_back(1)


@pytest.fixture
def students(municipality, institution, enrolled_person):
    other = enrol(municipality=municipality, institution=institution, start=long_ago())
    return [enrolled_person.enrolments.get(), other]


def upload(client, institution, text: str, encoding: str = "utf-8"):
    url = reverse("portal:upload", args=[institution.pk, LAST_MONTH.key])
    f = SimpleUploadedFile("fravaer.csv", text.encode(encoding), content_type="text/csv")
    return client.post(url, {"file": f})


class TestParsing:
    @pytest.mark.parametrize(
        ("raw", "value"),
        [("12,5", "12.5"), ("12.5", "12.5"), (" 7 ", "7"), ("1.234,5", "1234.5"), ("0", "0")],
    )
    def test_hours(self, raw, value):
        assert csvimport.parse_hours(raw) == Decimal(value)

    @pytest.mark.parametrize("raw", ["abc", "1,2,3", "12,345", "nan", "inf"])
    def test_bad_hours(self, raw):
        with pytest.raises(ValueError):
            csvimport.parse_hours(raw)

    def test_headers_are_matched_loosely(self):
        assert csvimport.normalise_header(" Lovligt Fravær ") == "lovligt_fravaer"
        assert csvimport.normalise_header("Forløb-ID") == "forloeb_id"

    def test_windows_1252_is_read(self, students):
        data = "navn;fødselsdato;planlagte_timer;lovligt_fravær;ulovligt_fravær\n".encode("cp1252")
        parsed = csvimport.parse(data, enrolments=students)
        assert parsed.errors == ["Filen indeholder ingen elever."]

    def test_comma_separated_file_is_refused_with_a_hint(self, students):
        parsed = csvimport.parse(b"id,planlagte_timer\n1,70\n", enrolments=students)
        assert "semikolon" in parsed.errors[0]

    def test_missing_columns_are_named(self, students):
        parsed = csvimport.parse(b"forloeb_id;planlagte_timer\n1;70\n", enrolments=students)
        assert "lovligt_fravær" in parsed.errors[0] and "ulovligt_fravær" in parsed.errors[0]


class TestUploadView:
    def test_valid_file_saves_every_line(self, client_for, institution_user, institution, students):
        a, b = students
        text = (
            "forløb_id;navn;fødselsdato;planlagte_timer;lovligt_fravær;ulovligt_fravær;note\n"
            f"{a.pk};{a.person.full_name};;70;3,5;0;Syg mandag\n"
            f";{b.person.full_name};{b.person.birth_date:%d.%m.%Y};52,5;;1\n"
        )
        response = upload(client_for(institution_user), institution, text)
        assert response.status_code == 302
        saved = {r.enrolment_id: r for r in AbsenceReport.objects.all()}
        assert saved[a.pk].absent_legal == Decimal("3.5") and saved[a.pk].note == "Syg mandag"
        assert saved[b.pk].planned_hours == Decimal("52.5") and saved[b.pk].absent_legal == 0

    def test_row_errors_in_danish_and_nothing_saved(
        self, client_for, institution_user, institution, students, other_institution, municipality
    ):
        a, b = students
        stranger = enrol(municipality=municipality, institution=other_institution, start=long_ago())
        text = (
            "forløb_id;planlagte_timer;lovligt_fravær;ulovligt_fravær\n"
            f"{a.pk};70;0;0\n"  # fine on its own
            f"{b.pk};20;15;6\n"  # absent > planned
            f"{stranger.pk};70;0;0\n"  # another institution's student
            f"{a.pk};70;-2;0\n"  # twice in the file, and negative
            "abc;70;0;0\n"  # not an id
            f"{b.pk};70;x;0\n"  # not a number
        )
        response = upload(client_for(institution_user), institution, text)
        assert response.status_code == 200
        assert not AbsenceReport.objects.exists()
        errors = response.context["line_errors"]
        joined = "\n".join(errors)
        assert "Linje 3" in joined and "større end de planlagte timer" in joined
        assert f"Linje 4 (forløb {stranger.pk}): Eleven er ukendt eller ikke indskrevet" in joined
        assert stranger.person.full_name not in response.content.decode()
        assert "Linje 5" in joined and "negativt" in joined
        assert "Linje 6: Forløbs-id “abc” er ikke et tal." in errors
        assert "Linje 7: Lovligt fravær “x” er ikke et tal (brug fx 12,5)." in errors
        assert [int(e.split()[1].rstrip(":")) for e in errors] == sorted(
            int(e.split()[1].rstrip(":")) for e in errors
        )
        assert "intet er gemt" in response.content.decode()

    def test_unknown_name_and_birth_date(self, client_for, institution_user, institution, students):
        text = "navn;fødselsdato;planlagte_timer;lovligt_fravær;ulovligt_fravær\nIngen Sådan;01.01.2005;70;0;0\n"
        response = upload(client_for(institution_user), institution, text)
        assert "Linje 2 (Ingen Sådan): Eleven er ukendt eller ikke indskrevet" in "\n".join(
            response.context["line_errors"]
        )

    def test_duplicate_period_is_refused(self, client_for, institution_user, institution, students):
        a, _b = students
        text = f"forløb_id;planlagte_timer;lovligt_fravær;ulovligt_fravær\n{a.pk};70;0;0\n"
        client = client_for(institution_user)
        assert upload(client, institution, text).status_code == 302
        response = upload(client, institution, text)
        assert "allerede indberettet" in "\n".join(response.context["line_errors"])
        assert AbsenceReport.objects.count() == 1

    def test_template_round_trips(self, client_for, institution_user, institution, students):
        client = client_for(institution_user)
        response = client.get(reverse("portal:template", args=[institution.pk, LAST_MONTH.key]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        lines = text.splitlines()
        assert lines[0] == "forløb_id;navn;planlagte_timer;lovligt_fravær;ulovligt_fravær;note"
        assert len(lines) == 3 and ";70;" in lines[1]
        filled = "\n".join(
            [lines[0]] + [line.replace(";70;;;", ";70;1,5;0;") for line in lines[1:]]
        )
        assert upload(client, institution, filled).status_code == 302
        assert AbsenceReport.objects.count() == 2
