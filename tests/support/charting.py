"""Building blocks for tests that chart visits through the services."""

from __future__ import annotations

from imsdesk.domain.screening import QUESTION_KEYS, Consent, SafetyScreen
from imsdesk.services.screening import ScreeningService
from imsdesk.store.database import Database


def clear_screen(**yes: bool) -> SafetyScreen:
    """A completed screen: every answer no unless given, consent given after explanation."""
    return SafetyScreen(
        answers={key: yes.get(key, False) for key in QUESTION_KEYS},
        consent=Consent(
            given=True,
            given_by="patient",
            explained="IMS procedure, post-treatment soreness for 24–48 h, rare risks incl. "
            "pneumothorax near the chest",
        ),
    )


def record_clear_screen(db: Database, patient_id: int, user_id: int) -> SafetyScreen:
    return ScreeningService(db).record(patient_id, user_id, clear_screen())


def sign_with_clear_screen(db: Database, visit_id: int, patient_id: int, user_id: int) -> None:
    """Record a clear screen and a zero needle count, then sign the visit."""
    from imsdesk.services.visit_record import VisitRecordService

    record_clear_screen(db, patient_id, user_id)
    records = VisitRecordService(db)
    for field in ("needles_used", "needles_removed"):
        records.save_field(visit_id, field, 0)
    records.sign(visit_id, user_id)
