"""Finding, adding and correcting patients, on SQLite and on a real PostgreSQL server."""

from datetime import date

import pytest

from imsdesk.domain.patients import Patient, PatientDetails, Sex, fold, parse_patient_query
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.errors import NotFound, StoreError, ValidationError
from imsdesk.services.patient_search import DENSE, page_statement, shape_of, values_of
from imsdesk.services.patients import PatientService, new_patient_row
from imsdesk.store.database import Database
from tests.support.sqlite_trouble import damage_table

TODAY = date(2026, 11, 25)


def details(chart: str, family: str, given: str, born: date = date(1970, 1, 2), **more: object):
    return PatientDetails(chart, family, given, born, **more)  # type: ignore[arg-type]


@pytest.fixture
def patients(db: Database) -> PatientService:
    service = PatientService(db)
    for row in [
        details("1042", "Doe", "Jane", date(1968, 4, 23), sex=Sex.FEMALE),
        details("1043", "Doe", "John", date(1965, 9, 1)),
        details("2001", "Müller", "Jörg", date(1980, 3, 3)),
        details("A-77", "Nguyễn", "Mai", date(1991, 12, 31)),
        details("3000", "Dobson", "Ann", date(1955, 6, 6)),
    ]:
        service.create(row, today=TODAY)
    return service


def names(found: list) -> list[str]:
    return [p.display_name for p in found]


def test_created_patient_reads_back_with_every_field(patients: PatientService):
    created = patients.create(
        details(
            "9",
            "  Smith ",
            "Ann  Marie",
            date(1999, 9, 9),
            sex=Sex.INTERSEX,
            phone="555-0100",
            email="ann@example.org",
            address="1 Main St",
            notes="Prefers mornings",
        ),
        today=TODAY,
    )
    again = patients.get(created.id)
    assert again == created
    assert (again.family_name, again.given_names) == ("Smith", "Ann Marie")
    assert again.notes == "Prefers mornings" and again.sex is Sex.INTERSEX


def test_search_matches_the_start_of_names_and_chart_numbers(patients: PatientService):
    assert names(patients.search("do")) == ["DOBSON, Ann", "DOE, Jane", "DOE, John"]
    assert names(patients.search("doe ja")) == ["DOE, Jane"]
    assert names(patients.search("Jör")) == ["MÜLLER, Jörg"]
    assert names(patients.search("104")) == ["DOE, Jane", "DOE, John"]
    assert names(patients.search("a-7")) == ["NGUYỄN, Mai"]
    assert patients.search("oe") == []  # the middle of a name is not a prefix


def test_search_ignores_accents_and_case(patients: PatientService):
    assert names(patients.search("MULL")) == ["MÜLLER, Jörg"]
    assert names(patients.search("nguyen")) == ["NGUYỄN, Mai"]


def test_search_by_date_of_birth(patients: PatientService):
    assert names(patients.search("1968-04-23")) == ["DOE, Jane"]
    assert names(patients.search("doe 1965-09-01")) == ["DOE, John"]


def test_empty_search_lists_everyone_alphabetically_a_page_at_a_time(patients: PatientService):
    everyone = names(patients.search(""))
    assert everyone == sorted(everyone, key=lambda n: n.casefold().replace("ü", "u"))
    assert patients.count("") == 5
    pages = (
        patients.search("", limit=2)
        + patients.search("", limit=2, offset=2)
        + patients.search("", limit=2, offset=4)
    )
    assert names(pages) == everyone
    assert patients.count("doe") == 2


def test_edit_changes_the_record_and_search_follows(patients: PatientService):
    jane = patients.search("doe jane")[0]
    patients.update(jane.id, details("1042", "Doe-Grant", "Jane", date(1968, 4, 23)), today=TODAY)
    assert names(patients.search("doe-g")) == ["DOE-GRANT, Jane"]
    assert patients.get(jane.id).family_name == "Doe-Grant"


def test_a_chart_number_cannot_be_used_twice(patients: PatientService):
    with pytest.raises(ValidationError) as caught:
        patients.create(details("a-77", "Other", "Person"), today=TODAY)
    assert caught.value.problems == {
        "chart_number": "Chart number a-77 is already used by NGUYỄN, Mai."
    }
    john = patients.search("john")[0]
    with pytest.raises(ValidationError, match="already used by DOE, Jane"):
        patients.update(john.id, details("1042", "Doe", "John"), today=TODAY)
    # Keeping one's own number is not a duplicate.
    patients.update(john.id, details("1043", "Doe", "Johnny"), today=TODAY)


def test_invalid_details_are_refused_and_nothing_is_stored(patients: PatientService):
    with pytest.raises(ValidationError) as caught:
        patients.create(details("77", "", "X", date(2030, 1, 1), email="x@"), today=TODAY)
    assert set(caught.value.problems) == {"family_name", "date_of_birth", "email"}
    assert patients.count("") == 5


def test_missing_patients_are_reported(patients: PatientService):
    with pytest.raises(NotFound):
        patients.get(999_999)


def matching(everyone: list[Patient], text: str) -> list[Patient]:
    """What a search must find, worked out the slow, obvious way."""
    words = [fold(word) for word in text.split()]
    return [
        p
        for p in everyone
        if all(
            any(
                fold(key).startswith(word) for key in (p.family_name, p.given_names, p.chart_number)
            )
            for word in words
        )
    ]


BROAD = ("d", "d0003", "m", "ma", "an m", "d00 ma")  # every chart starts with D


def test_a_broad_search_pages_through_every_match_in_list_order(db: Database):
    """Thousands of matches or a few: the same pages, the same count, A–Z."""
    generate_demo_data(db, patients=max(DENSE.values()) + 150, seed=2, as_of=TODAY)
    service = PatientService(db)
    everyone = service.search("", limit=5000)
    for text in BROAD:
        expected = matching(everyone, text)
        pages = [service.search(text, limit=300, offset=start) for start in range(0, 1200, 300)]
        assert [p for page in pages for p in page] == expected
        assert service.count(text) == len(expected)
        assert service.count(text, at_most=400) == min(len(expected), 400)


@pytest.mark.parametrize("dense", [1, 10**9], ids=["always walked", "always sorted"])
def test_either_way_in_finds_the_same_page(db: Database, dense: int):
    """A word's matches are walked in the list's order or sorted, as is cheaper: same rows."""
    generate_demo_data(db, patients=300, seed=3, as_of=TODAY)
    everyone = PatientService(db).search("", limit=5000)
    for text in (*BROAD, "a", "b", "c", "zz"):
        query = parse_patient_query(text)
        shape = shape_of(query, sqlite=db.is_sqlite)
        values = {**values_of(query), "limit": 50, "offset": 10, "n": 60}
        values.update({f"dense_{key}": dense for key in DENSE})
        with db.statements() as connection:
            rows = connection.execute(page_statement(shape), values).all()
        expected = matching(everyone, text)
        assert [row.id for row in rows] == [p.id for p in expected[10:60]]


def test_a_search_in_a_damaged_file_says_so_in_one_line(sqlite_db: Database):
    """The list reads on the driver's own connection; its failures read as every other's."""
    generate_demo_data(sqlite_db, patients=40, seed=3, as_of=TODAY)
    sqlite_db.engine.dispose()  # nothing read before the damage is kept
    assert sqlite_db.sqlite_path is not None
    damage_table(sqlite_db.sqlite_path, "patients")
    with pytest.raises(StoreError, match="is damaged") as caught:
        PatientService(sqlite_db).search("d", limit=100)
    assert "\n" not in str(caught.value)


def test_a_count_can_stop_early(patients: PatientService):
    assert patients.count("do", at_most=2) == 2  # Doe, Doe, Dobson: counting stopped at 2
    assert patients.count("do", at_most=10) == 3
    assert patients.count("", at_most=2) == 5  # the whole list is always counted


def test_a_unit_of_work_after_a_search_is_still_all_or_nothing(db: Database):
    """The list reads statement by statement; what is saved next is still one whole."""
    service = PatientService(db)
    service.create(details("1042", "Doe", "Jane"), today=TODAY)
    for text in ("d", "do", "doe", "1042"):
        assert service.listed(text, limit=100)[0].chart_number == "1042"
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.add(new_patient_row(details("1043", "Doe", "John")))
        session.flush()
        raise RuntimeError("the save fails halfway")
    assert [p.chart_number for p in service.search("doe")] == ["1042"]
