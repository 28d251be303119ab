from datetime import date

import pytest

from imsdesk.domain.patients import (
    PatientDetails,
    Sex,
    age_on,
    details_from_form,
    fold,
    parse_iso_date,
    parse_patient_query,
    validate_patient,
)

TODAY = date(2026, 11, 25)


def good(**changes: object) -> PatientDetails:
    fields: dict[str, object] = {
        "chart_number": "1042",
        "family_name": "Doe",
        "given_names": "Jane",
        "date_of_birth": date(1968, 4, 23),
    }
    fields.update(changes)
    return PatientDetails(**fields)  # type: ignore[arg-type]


def test_a_complete_patient_is_valid():
    assert validate_patient(good(), TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"family_name": ""}, "family_name", "required"),
        ({"given_names": ""}, "given_names", "required"),
        ({"chart_number": ""}, "chart_number", "required"),
        ({"chart_number": "A 1"}, "chart_number", "letters, digits"),
        ({"date_of_birth": None}, "date_of_birth", "required"),
        ({"date_of_birth": date(2026, 11, 26)}, "date_of_birth", "future"),
        ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth", "over 120"),
        ({"email": "jane@"}, "email", "incomplete"),
        ({"email": "jane doe@example.org"}, "email", "incomplete"),
    ],
)
def test_each_problem_is_reported_against_its_own_field(changes, field, words):
    problems = validate_patient(good(**changes), TODAY)
    assert list(problems) == [field]
    assert words in problems[field]


def test_form_keeps_unreal_dates_apart_from_missing_ones():
    fields = {"chart_number": "1", "family_name": "Doe", "given_names": "J"}
    _, problems = details_from_form({**fields, "date_of_birth": "1970-02-30"}, TODAY)
    assert problems == {"date_of_birth": "Date of birth: 1970-02-30 is not a real date."}
    _, problems = details_from_form({**fields, "date_of_birth": "30/01/1970"}, TODAY)
    assert "YYYY-MM-DD" in problems["date_of_birth"]
    details, problems = details_from_form({**fields, "date_of_birth": " 1970-01-30 "}, TODAY)
    assert problems == {}
    assert details is not None and details.date_of_birth == date(1970, 1, 30)


def test_form_trims_what_was_pasted_with_stray_spaces():
    details, _ = details_from_form(
        {
            "chart_number": " 77 ",
            "family_name": "  van  der Berg ",
            "given_names": "Anna ",
            "date_of_birth": "1980-05-06",
            "sex": "female",
        },
        TODAY,
    )
    assert details is not None
    assert (details.chart_number, details.family_name, details.given_names) == (
        "77",
        "van der Berg",
        "Anna",
    )
    assert details.sex is Sex.FEMALE


def test_age_counts_birthdays_not_just_years():
    assert age_on(date(1968, 11, 26), TODAY) == 57
    assert age_on(date(1968, 11, 25), TODAY) == 58


def test_folding_finds_accented_names_from_plain_typing():
    assert fold("Müller") == "muller"
    assert fold("NGUYỄN") == "nguyen"
    assert fold("Łukasiewicz").startswith("ł")  # not decomposable; still lower-cased


def test_search_text_splits_into_name_words_and_a_birth_date():
    query = parse_patient_query("Doe, Jane 1968-04-23")
    assert query.words == ("doe", "jane")
    assert query.date_of_birth == date(1968, 4, 23)
    assert parse_patient_query("   ").is_empty
    # Only ISO dates are dates: 03/04/1970 is a different day in different countries.
    assert parse_patient_query("03/04/1970").date_of_birth is None


def test_iso_dates_explain_themselves():
    assert parse_iso_date("2001-02-03") == date(2001, 2, 3)
    with pytest.raises(ValueError, match="not a real date"):
        parse_iso_date("2001-02-29")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date("Feb 3 2001")
