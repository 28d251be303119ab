"""A visit's record: autosaved fields, signing, locking at every level, amendments."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.anatomy import Side
from imsdesk.domain.marks import MuscleFinding
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.errors import RecordLocked, ValidationError
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import SigningRefused, VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import record_clear_screen


@pytest.fixture
def chart(db: Database):
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    record_clear_screen(db, patient.id, therapist.id)
    return VisitRecordService(db), visit.id, therapist.id


def fill_ready_to_sign(records: VisitRecordService, visit_id: int) -> None:
    for field, value in [
        ("subjective", "Low back pain, worse sitting; R leg ache."),
        ("plan", "IMS weekly; review in 7 days."),
        ("pain_before", 6),
        ("pain_after", 3),
        ("needles_used", 12),
        ("needles_removed", 12),
    ]:
        records.save_field(visit_id, field, value)


def test_each_field_is_saved_as_typed(chart):
    records, visit_id, _ = chart
    fill_ready_to_sign(records, visit_id)
    record = records.record(visit_id)
    assert record.subjective.startswith("Low back pain")
    assert (record.pain_before, record.pain_after) == (6, 3)
    records.save_field(visit_id, "pain_after", None)  # cleared again
    assert records.record(visit_id).pain_after is None


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pain_before", 11, "0 (no pain) to 10"),
        ("pain_after", -1, "0 (no pain) to 10"),
        ("needles_used", 1000, "between 0 and 200"),
        ("plan", "x" * 100_000, "100,000 characters"),
        ("subjective", "bell\x07", "control characters"),
        ("pain_before", "6", "whole number"),
        ("signed_at", "now", "not part of a visit record"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(chart, field, value, words):
    records, visit_id, _ = chart
    before = records.record(visit_id)
    with pytest.raises(ValidationError, match=re.escape(words)):
        records.save_field(visit_id, field, value)
    assert records.record(visit_id) == before


def test_the_database_itself_refuses_out_of_range_values(db: Database, chart):
    _, visit_id, _ = chart
    with pytest.raises(DBAPIError), db.engine.begin() as connection:
        connection.execute(text(f"UPDATE visits SET pain_before = 12 WHERE id = {visit_id}"))


def test_a_needle_count_mismatch_blocks_signing_with_a_clear_message(chart):
    records, visit_id, therapist_id = chart
    fill_ready_to_sign(records, visit_id)
    records.save_field(visit_id, "needles_removed", 11)
    with pytest.raises(SigningRefused) as refused:
        records.sign(visit_id, therapist_id)
    assert refused.value.problems == [
        "Needle count does not match: 12 used, 11 removed. "
        "Find and account for every needle before signing."
    ]
    assert records.record(visit_id).visit.status is VisitStatus.DRAFT
    records.save_field(visit_id, "needles_used", None)
    with pytest.raises(SigningRefused, match="Record the needle count"):
        records.sign(visit_id, therapist_id)


def test_signing_records_who_and_when_and_locks_every_path(db: Database, chart):
    records, visit_id, therapist_id = chart
    fill_ready_to_sign(records, visit_id)
    marks = MarkService(db)
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.RIGHT))
    signed = records.sign(visit_id, therapist_id)
    assert signed.visit.status is VisitStatus.SIGNED
    assert signed.signed_by_name == "Alex Morgan"
    assert abs(signed.signed_at - datetime.now(UTC)) < timedelta(minutes=1)

    with pytest.raises(RecordLocked):
        records.save_field(visit_id, "plan", "changed after signing")
    with pytest.raises(RecordLocked):
        marks.remove_finding(visit_id, "gluteus_medius", Side.RIGHT)
    # Beneath the services, the database refuses too: a bulk UPDATE, a DELETE, a new mark.
    for statement in [
        f"UPDATE visits SET plan = 'tampered' WHERE id = {visit_id}",
        f"UPDATE visits SET status = 'draft' WHERE id = {visit_id}",
        f"DELETE FROM visits WHERE id = {visit_id}",
        f"DELETE FROM muscle_findings WHERE visit_id = {visit_id}",
        "INSERT INTO muscle_findings (visit_id, muscle_key, side, severity, note, created_at, "
        f"updated_at) VALUES ({visit_id}, 'soleus', 'left', 1, '', '2026-01-01', '2026-01-01')",
    ]:
        with (
            pytest.raises(DBAPIError, match="signed visits cannot be changed"),
            db.engine.begin() as connection,
        ):
            connection.execute(text(statement))
    assert records.record(visit_id) == signed
    assert len(marks.marks(visit_id).findings) == 1


def test_a_signed_visit_cannot_be_overwritten_by_inserting_over_it(sqlite_db: Database):
    """SQLite's INSERT OR REPLACE deletes the row it replaces; the lock sees that delete."""
    therapist = UserService(sqlite_db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(sqlite_db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(sqlite_db).start_draft(patient.id, therapist.id)
    record_clear_screen(sqlite_db, patient.id, therapist.id)
    records = VisitRecordService(sqlite_db)
    fill_ready_to_sign(records, visit.id)
    signed = records.sign(visit.id, therapist.id)
    forged = (
        "INSERT OR REPLACE INTO visits (id, patient_id, therapist_id, started_at, status, "
        "subjective, objective, assessment, plan, precautions_acknowledged, created_at, "
        "updated_at) VALUES (:id, :patient, :therapist, '2026-01-01', 'draft', 'tampered', "
        "'', '', '', '', '2026-01-01', '2026-01-01')"
    )
    values = {"id": visit.id, "patient": patient.id, "therapist": therapist.id}
    with (
        pytest.raises(DBAPIError, match="signed visits cannot be changed"),
        sqlite_db.engine.begin() as connection,
    ):
        connection.execute(text(forged), values)
    assert records.record(visit.id) == signed


def test_amendments_show_under_the_original_and_cannot_be_changed(db: Database, chart):
    records, visit_id, therapist_id = chart
    fill_ready_to_sign(records, visit_id)
    with pytest.raises(Exception, match="amendments are for signed visits"):
        records.amend(visit_id, therapist_id, "typo", "text")
    signed = records.sign(visit_id, therapist_id)
    with pytest.raises(ValidationError) as caught:
        records.amend(visit_id, therapist_id, "  ", "")
    assert set(caught.value.problems) == {"reason", "text"}
    amended = records.amend(
        visit_id, therapist_id, "Wrong side noted", "Leg ache is LEFT, not right."
    )
    assert amended.subjective == signed.subjective  # the original stays as signed
    (amendment,) = amended.amendments
    assert (amendment.author_name, amendment.reason) == ("Alex Morgan", "Wrong side noted")
    for statement in ("UPDATE amendments SET text = 'x'", "DELETE FROM amendments"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))


def test_drafts_older_than_a_day_are_listed(db: Database, chart):
    records, visit_id, therapist_id = chart
    visits = VisitService(db)
    old = visits.start_draft(
        visits.get(visit_id).patient_id,
        therapist_id,
        started_at=datetime.now(UTC) - timedelta(days=3),
    )
    stale = records.stale_drafts(older_than=timedelta(days=1))
    assert [s.visit.id for s in stale] == [old.id]
    assert stale[0].patient_name == "DOE, Jane"


def test_signing_needs_a_current_safety_screen(db: Database):
    from imsdesk.services.clinic_settings import ClinicSettings, ClinicSettingsService
    from imsdesk.services.screening import ScreeningService

    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("5", "Roe", "Ann", date(1970, 1, 1)))
    visits, records = VisitService(db), VisitRecordService(db)
    visit = visits.start_draft(patient.id, therapist.id)
    fill_ready_to_sign(records, visit.id)
    with pytest.raises(SigningRefused, match="safety screen is due"):
        records.sign(visit.id, therapist.id)

    # A screen older than the clinic's interval is due again.
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO safety_screens (patient_id, recorded_by_id, recorded_at, answers, "
                "notes, consent_given, consent_given_by, consent_explained) VALUES "
                f"({patient.id}, {therapist.id}, '2026-01-05 10:00:00', '{{}}', '', true, "
                "'patient', 'IMS')"
            )
        )
    ClinicSettingsService(db).save(ClinicSettings(screen_interval_days=30))
    with pytest.raises(SigningRefused, match="safety screen is due"):
        records.sign(visit.id, therapist.id)
    assert ScreeningService(db).is_due(patient.id, date(2026, 1, 20), 30) is False

    record_clear_screen(db, patient.id, therapist.id)
    assert records.sign(visit.id, therapist.id).visit.status is VisitStatus.SIGNED


def test_lung_precautions_are_acknowledged_per_visit_and_again_when_sites_change(db, chart):
    from imsdesk.domain.anatomy import View
    from imsdesk.domain.marks import NeedleSite
    from imsdesk.services.errors import ServiceError

    records, visit_id, therapist_id = chart
    fill_ready_to_sign(records, visit_id)
    assert records.precautions_to_acknowledge(visit_id) == ""
    marks = MarkService(db)
    marks.put_needle(visit_id, NeedleSite("rhomboid_major", Side.RIGHT, View.POSTERIOR, 250, 250))
    needed = records.precautions_to_acknowledge(visit_id)
    assert "Rhomboid" in needed and "Pneumothorax" in needed
    with pytest.raises(SigningRefused, match="precaution acknowledged"):
        records.sign(visit_id, therapist_id)
    records.acknowledge_precautions(visit_id, needed)
    marks.put_needle(visit_id, NeedleSite("rhomboid_major", Side.RIGHT, View.POSTERIOR, 252, 262))
    with pytest.raises(SigningRefused, match="precaution acknowledged"):
        records.sign(visit_id, therapist_id)  # a second site changes what was acknowledged
    with pytest.raises(ServiceError, match="changed"):
        records.acknowledge_precautions(visit_id, needed)
    records.acknowledge_precautions(visit_id, records.precautions_to_acknowledge(visit_id))
    assert records.sign(visit_id, therapist_id).precautions_acknowledged.startswith("Needle sites")
