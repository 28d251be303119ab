"""A unit of work on the driver's connection hands each statement run ahead the answer it
gave, never another's, and never one a later write in the same unit made stale."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import bindparam, select, update

from imsdesk.domain.patients import PatientDetails
from imsdesk.services.patients import PatientService
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow

NAME_OF = select(PatientRow.family_name).where(PatientRow.id == bindparam("b_id"))
RENAME = (
    update(PatientRow)
    .where(PatientRow.id == bindparam("w_id"))
    .values(family_name=bindparam("v_name"), updated_at=bindparam("v_now"))
)


@pytest.fixture
def two(db: Database) -> tuple[int, int]:
    patients = PatientService(db)
    return tuple(  # type: ignore[return-value]
        patients.create(PatientDetails(str(n), name, "Jo", date(1970, 1, 1))).id
        for n, name in ((1, "Doe"), (2, "Roe"))
    )


def test_each_statement_run_ahead_gets_its_own_answer(db: Database, two):
    doe, roe = two
    with db.driver_transaction() as unit:
        unit.run_together([(NAME_OF, {"b_id": roe}), (NAME_OF, {"b_id": doe})])
        assert unit.execute(NAME_OF, {"b_id": doe}).scalar_one_or_none() == "Doe"
        assert unit.execute(NAME_OF, {"b_id": roe}).scalar_one_or_none() == "Roe"


def test_a_write_in_the_unit_is_seen_by_what_is_asked_after_it(db: Database, two):
    doe, _ = two
    with db.driver_transaction() as unit:
        unit.run_together([(NAME_OF, {"b_id": doe})])
        now = datetime.now(UTC)
        renamed = unit.execute(RENAME, {"w_id": doe, "v_name": "Dough", "v_now": now})
        assert renamed.rowcount == 1
        assert unit.execute(NAME_OF, {"b_id": doe}).scalar_one_or_none() == "Dough"


def test_the_same_statement_and_values_run_together_twice_are_refused(db: Database, two):
    doe, _ = two
    with pytest.raises(ValueError, match="twice"), db.driver_transaction() as unit:
        unit.run_together([(NAME_OF, {"b_id": doe}), (NAME_OF, {"b_id": doe})])
