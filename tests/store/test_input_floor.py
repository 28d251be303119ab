"""Beneath the forms and services, the database itself refuses invalid visit input."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.input_floor import ANSWERS_MESSAGE, DATE_MESSAGE, NOTES_MESSAGE


@pytest.fixture
def visit_id(db: Database) -> int:
    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 6, 1)))
    return VisitService(db).start_draft(patient.id, therapist.id).id


def run(db: Database, statement: str, **values: object) -> None:
    with db.engine.begin() as connection:
        connection.execute(text(statement), values)


def refused(db: Database, message: str, statement: str, **values: object) -> None:
    with pytest.raises(DBAPIError, match=message):
        run(db, statement, **values)


@pytest.mark.parametrize(
    "value",
    ["bell\x07", "escape \x1b[31m", "form feed\x0c", "x" * 20_001, "x" * 100_000],
    ids=["bell", "escape", "form-feed", "20001-chars", "100000-chars"],
)
def test_visit_text_with_control_characters_or_too_long_is_refused(db, visit_id, value):
    refused(
        db,
        NOTES_MESSAGE,
        "UPDATE visits SET plan = :value WHERE id = :id",
        value=value,
        id=visit_id,
    )
    refused(
        db,
        NOTES_MESSAGE,
        "INSERT INTO amendments (visit_id, author_id, created_at, reason, text) "
        "VALUES (:id, 1, '2026-01-01', 'late entry', :value)",
        value=value,
        id=visit_id,
    )
    assert VisitRecordService(db).record(visit_id).plan == ""


def test_tabs_line_breaks_and_a_long_note_within_the_limit_are_kept(db, visit_id):
    note = "Pain:\t6/10\nSleeping better.\n" + "x" * 19_000
    run(db, "UPDATE visits SET plan = :value WHERE id = :id", value=note, id=visit_id)
    assert VisitRecordService(db).record(visit_id).plan == note


def test_a_visit_dated_in_the_future_or_before_birth_is_refused(db, visit_id):
    statement = "UPDATE visits SET started_at = :when WHERE id = :id"
    future = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=3)
    refused(db, DATE_MESSAGE, statement, when=future, id=visit_id)
    refused(db, DATE_MESSAGE, statement, when=datetime(1960, 1, 1, 9, 0), id=visit_id)
    refused(
        db,
        DATE_MESSAGE,
        "INSERT INTO visits (patient_id, therapist_id, started_at, status, created_at, "
        "updated_at) SELECT patient_id, therapist_id, :when, 'draft', created_at, updated_at "
        "FROM visits WHERE id = :id",
        when=datetime(1969, 12, 1, 9, 0),
        id=visit_id,
    )
    run(db, statement, when=datetime(2025, 3, 3, 9, 0), id=visit_id)  # a past visit is fine


@pytest.mark.parametrize(
    ("instrument", "answers", "score"),
    [
        ("odi", "[6, 0, 0, 0, 0, 0, 0, 0, 0, 0]", 12),
        ("nprs", "[11]", 10),
        ("nprs", "[-1]", 0),
        ("nprs", "[2.5]", 2.5),
        ("nprs", '["6"]', 6),
        ("quickdash", "[0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", 0),
        ("lefs", "[" + ", ".join(["4"] * 19) + "]", 76),
        ("psfs", "[3, 4, 5, 6, 7, 8]", 5),
        ("ndi", "[5, 5, 5, 5, 5, 5, 5, 5, 5, 5]", 100),
        ("odi", "{}", 0),
    ],
)
def test_questionnaire_answers_out_of_range_are_refused(db, visit_id, instrument, answers, score):
    statement = (
        "INSERT INTO outcome_scores (visit_id, instrument, answers, activities, score, "
        "created_at) VALUES (:id, :instrument, :answers, '[]', :score, '2026-01-01')"
    )
    refused(
        db,
        ANSWERS_MESSAGE,
        statement,
        id=visit_id,
        instrument=instrument,
        answers=answers,
        score=score,
    )


def test_answers_within_range_with_a_blank_item_are_stored(db, visit_id):
    run(
        db,
        "INSERT INTO outcome_scores (visit_id, instrument, answers, activities, score, "
        "created_at) VALUES (:id, 'odi', :answers, '[]', 16, '2026-01-01')",
        id=visit_id,
        answers="[5, 0, 0, null, 0, 0, 0, 0, 0, 2]",
    )
