from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.anatomy import Side, SpinalLevel
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind, analyse_segments
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.errors import RecordLocked
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import sign_with_clear_screen


def test_signs_are_stored_per_level_and_side_and_feed_the_analysis(db: Database):
    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    signs = ExamSignService(db)
    l5_right = ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.PARASPINAL_TENDERNESS)
    signs.set_sign(visit.id, l5_right, True)
    signs.set_sign(visit.id, l5_right, True)  # twice is still one sign
    signs.set_sign(visit.id, ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.PILOMOTOR), True)
    signs.set_sign(visit.id, ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.PILOMOTOR), False)
    assert signs.signs(visit.id) == [l5_right]

    MarkService(db).put_finding(
        visit.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED)
    )
    analysis = analyse_segments(MarkService(db).marks(visit.id).findings, signs.signs(visit.id))
    assert analysis.score(SpinalLevel.L5, Side.RIGHT).score > 1
    assert analysis.score(SpinalLevel.L5, Side.LEFT).score == 0

    sign_with_clear_screen(db, visit.id, patient.id, therapist.id)
    with pytest.raises(RecordLocked):
        signs.set_sign(visit.id, l5_right, False)
    with pytest.raises(DBAPIError, match="signed visits"), db.engine.begin() as connection:
        connection.execute(text("DELETE FROM exam_signs"))
    assert signs.signs(visit.id) == [l5_right]
