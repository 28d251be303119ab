from datetime import date

import pytest

from imsdesk.domain.outcomes import InstrumentKey
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.errors import RecordLocked, ValidationError
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import sign_with_clear_screen


def test_questionnaires_are_scored_stored_and_locked_with_the_visit(db: Database):
    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    outcomes = OutcomeService(db)

    odi = outcomes.record(visit.id, "odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    assert odi.score == 32.0 and odi.instrument is InstrumentKey.ODI
    psfs = outcomes.record(
        visit.id, "psfs", [3, 5, 4], activities=["Sitting 1 h", "Lifting a child", "Jogging"]
    )
    assert psfs.score == 4.0 and psfs.activities[1] == "Lifting a child"
    with pytest.raises(ValidationError, match="QuickDASH needs at least 10 of 11"):
        outcomes.record(visit.id, "quickdash", [1] * 9 + [None, None])
    with pytest.raises(ValidationError):
        outcomes.record(visit.id, "odi", [6] * 10)
    assert [s.instrument for s in outcomes.for_visit(visit.id)] == [
        InstrumentKey.ODI,
        InstrumentKey.PSFS,
    ]
    assert [s.score for s in outcomes.for_patient(patient.id)] == [32.0, 4.0]

    sign_with_clear_screen(db, visit.id, patient.id, therapist.id)
    with pytest.raises(RecordLocked):
        outcomes.remove(visit.id, odi.id)
    with pytest.raises(RecordLocked):
        outcomes.record(visit.id, "nprs", [5])
