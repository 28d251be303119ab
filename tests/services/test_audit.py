"""Every chart action leaves an audit row naming the signed-in user, in the same transaction
as the change; the audit log cannot be edited or emptied; administrators read and export it."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Region, Side, SpinalLevel, View
from imsdesk.domain.audit import EDIT_AUDIT_MINUTES, AuditEntry, AuditFilter
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, User, UserDetails
from imsdesk.services import audit as audit_module
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.audit import ActingUser, AuditService
from imsdesk.services.audit_trail import REVIEWERS_ONLY, AuditTrailService
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.errors import RecordLocked, ServiceError, ValidationError
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.patients import PatientService
from imsdesk.services.screening import ScreeningService
from imsdesk.services.summaries import ExportError, record_export
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visit_screen import VisitScreenService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import AuditRow
from tests.support.charting import clear_screen

PASSWORD = "correct horse battery"
JANE = PatientDetails("1042", "Doe", "Jane", date(1968, 4, 23), phone="604-555-0199")
LEFT_GLUTEUS = MuscleFinding("gluteus_medius", Side.LEFT, Severity.MILD)


@dataclass
class Clinic:
    """The services of one workstation, sharing who is signed in, as the app builds them."""

    db: Database
    acting: ActingUser
    admin: User
    therapist: User
    desk: User

    def __post_init__(self) -> None:
        db, acting = self.db, self.acting
        self.patients = PatientService(db, acting)
        self.visits = VisitService(db, acting)
        self.records = VisitRecordService(db, acting)
        self.screens = VisitScreenService(db, acting)
        self.marks = MarkService(db, acting=acting)
        self.episodes = EpisodeService(db, acting)
        self.exam_signs = ExamSignService(db, acting)
        self.pain_areas = PainAreaService(db, acting)
        self.outcomes = OutcomeService(db, acting)
        self.users = UserService(db, acting)
        self.audit = AuditTrailService(db, acting)

    def sign_in(self, user: User) -> None:
        self.acting.id = user.id


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return Clinic(db, ActingUser(), *three_users(db))  # made on the command line


def trail_of(clinic: Clinic, patient_id: int) -> list[tuple[str, str, str, str]]:
    """(user, action, record, detail) of the chart's trail, oldest first."""
    acting = clinic.acting.id
    clinic.sign_in(clinic.admin)
    entries = clinic.audit.chart_trail(patient_id)
    clinic.acting.id = acting
    return [(e.user_name, e.action, e.record, e.detail) for e in reversed(entries)]


def test_exports_are_audited_and_the_log_is_append_only(db: Database):
    record_export(db, kind="session_summary", subject_id=12, destination="printer")
    record_export(db, kind="progress_report", subject_id=3, destination="/tmp/report.pdf")
    audit = AuditService(db)
    (printed,) = audit.for_record("visit", 12)
    assert (printed.action, printed.detail) == ("print", "session_summary to printer")
    assert printed.workstation
    (saved,) = audit.for_record("patient", 3)
    assert saved.action == "export" and saved.detail.endswith("/tmp/report.pdf")
    for statement in (
        "UPDATE audit_log SET action = 'x'",
        "UPDATE audit_log SET user_id = NULL WHERE record_id = 12",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE record_id = 3",
    ):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
    assert len(audit.for_record("visit", 12)) == 1


def test_an_audit_row_cannot_be_overwritten_by_inserting_over_it(sqlite_db: Database):
    """SQLite's INSERT OR REPLACE deletes the row it replaces; the lock sees that delete."""
    record_export(sqlite_db, kind="session_summary", subject_id=12, destination="printer")
    (printed,) = AuditService(sqlite_db).for_record("visit", 12)
    forged = (
        "INSERT OR REPLACE INTO audit_log (id, at, workstation, action, record_kind, record_id,"
        " detail) VALUES (:id, '2020-01-01 00:00:00', 'elsewhere', 'print', 'visit', 12, '')"
    )
    with pytest.raises(DBAPIError, match="append-only"), sqlite_db.engine.begin() as connection:
        connection.execute(text(forged), {"id": printed.id})
    assert AuditService(sqlite_db).for_record("visit", 12) == [printed]


@pytest.mark.postgres
def test_the_audit_log_cannot_be_truncated_on_a_clinic_server(postgres_url: str):
    from imsdesk.services.database import open_clinic_database

    opened = open_clinic_database(postgres_url)
    try:
        record_export(opened.db, kind="session_summary", subject_id=12, destination="printer")
        refused = pytest.raises(DBAPIError, match="append-only")
        with refused, opened.db.engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_log"))
    finally:
        opened.db.close()


def test_every_chart_action_names_the_signed_in_user(clinic: Clinic):
    clinic.sign_in(clinic.desk)
    patient = clinic.patients.create(JANE)
    clinic.patients.open_chart(patient.id)
    clinic.sign_in(clinic.therapist)
    clinic.patients.open_chart(patient.id)
    begun = date.today() - timedelta(days=3)
    episode = clinic.episodes.open(patient.id, EpisodeDetails("Low back pain", begun))
    visit = clinic.visits.start_draft(patient.id, clinic.therapist.id)
    clinic.screens.open(visit.id)
    clinic.records.save_field(visit.id, "subjective", "Pain down the right leg")
    clinic.records.save_field(visit.id, "subjective", "Pain down the right leg since Monday")
    clinic.marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MILD))
    clinic.marks.remove_finding(visit.id, "gluteus_medius", Side.RIGHT)
    tender = ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.TENDER_MOTOR_POINT)
    clinic.exam_signs.set_sign(visit.id, tender, True)
    clinic.exam_signs.set_sign(visit.id, tender, True)  # already there: nothing changes
    clinic.pain_areas.set_area(visit.id, PainArea(Region.BACK, Side.RIGHT), True)
    score = clinic.outcomes.record(visit.id, "nprs", [6])
    clinic.outcomes.remove(visit.id, score.id)
    ScreeningService(clinic.db).record(patient.id, clinic.therapist.id, clear_screen())
    for field in ("needles_used", "needles_removed"):
        clinic.records.save_field(visit.id, field, 0)
    clinic.records.sign(visit.id, clinic.therapist.id)
    clinic.records.amend(visit.id, clinic.therapist.id, "wrong side noted", "Left, not right.")
    bruise = AdverseEvent(AdverseEventKind.BRUISING, "Small bruise at a needle site", "Ice")
    AdverseEventService(clinic.db).record(visit.id, clinic.therapist.id, bruise)
    clinic.sign_in(clinic.admin)
    clinic.patients.update(patient.id, replace(JANE, phone="604-555-0123"))
    clinic.patients.update(patient.id, replace(JANE, phone="604-555-0123"))  # no change
    clinic.episodes.close(episode.id, date.today())

    visit_name = f"Visit #1 ({visit.started_at.astimezone():%a %Y-%m-%d})"
    episode_name = f"Episode: Low back pain (from {begun.isoformat()})"
    assert trail_of(clinic, patient.id) == [
        ("Robin Reyes", "create", "Patient", ""),
        ("Robin Reyes", "open", "Patient", ""),
        ("Alex Morgan", "open", "Patient", ""),
        ("Alex Morgan", "create", episode_name, ""),
        ("Alex Morgan", "create", visit_name, ""),
        ("Alex Morgan", "open", visit_name, ""),
        ("Alex Morgan", "edit", visit_name, "subjective"),  # one row for both saves
        ("Alex Morgan", "edit", visit_name, "body map"),
        ("Alex Morgan", "edit", visit_name, "exam signs"),
        ("Alex Morgan", "edit", visit_name, "areas of pain"),
        ("Alex Morgan", "edit", visit_name, "outcome measure nprs added"),
        ("Alex Morgan", "delete", visit_name, "outcome measure nprs removed"),
        ("Alex Morgan", "create", "Patient", "safety screen (consent given)"),
        ("Alex Morgan", "edit", visit_name, "needles used"),
        ("Alex Morgan", "edit", visit_name, "needles removed"),
        ("Alex Morgan", "sign", visit_name, ""),
        ("Alex Morgan", "amend", visit_name, "wrong side noted"),
        ("Alex Morgan", "create", visit_name, "adverse event: bruising"),
        ("Dana Lee", "edit", "Patient", "changed phone"),
        ("Dana Lee", "edit", episode_name, f"closed on {date.today().isoformat()}"),
    ]


def test_autosaved_edits_leave_one_row_per_part_and_user_per_few_minutes(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
):
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(JANE)
    visit = clinic.visits.start_draft(patient.id, clinic.therapist.id)
    start = datetime.now(UTC)
    clock = [start]
    monkeypatch.setattr(audit_module, "utc_now", lambda: clock[0])
    sites = [
        NeedleSite("gluteus_medius", Side.RIGHT, View.POSTERIOR, 100.0 + i, 200.0, uid=f"n{i}")
        for i in range(30)
    ]
    for site in sites:  # thirty clicks on the map within a minute
        clinic.marks.put_needle(visit.id, site)
    clinic.records.save_field(visit.id, "plan", "Review in a week")
    clinic.sign_in(clinic.admin)  # another clinician charts the same visit
    clinic.marks.remove_needle(visit.id, "n0")
    clinic.sign_in(clinic.therapist)
    clock[0] = start + timedelta(minutes=EDIT_AUDIT_MINUTES - 1)
    clinic.marks.remove_needle(visit.id, "n1")  # still covered by the first row
    clock[0] = start + timedelta(minutes=EDIT_AUDIT_MINUTES, seconds=1)
    clinic.marks.remove_needle(visit.id, "n2")  # a new row: the first is too old

    edits = [row for row in trail_of(clinic, patient.id) if row[1] == "edit"]
    assert [(user, detail) for user, _action, _record, detail in edits] == [
        ("Alex Morgan", "body map"),
        ("Alex Morgan", "plan"),
        ("Dana Lee", "body map"),
        ("Alex Morgan", "body map"),
    ]


def test_a_refused_edit_leaves_no_audit_row(clinic: Clinic):
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(JANE)
    visit = clinic.visits.start_draft(patient.id, clinic.therapist.id)
    ScreeningService(clinic.db).record(patient.id, clinic.therapist.id, clear_screen())
    for field in ("needles_used", "needles_removed"):
        clinic.records.save_field(visit.id, field, 0)
    clinic.records.sign(visit.id, clinic.therapist.id)
    before = trail_of(clinic, patient.id)
    with pytest.raises(RecordLocked):
        clinic.records.save_field(visit.id, "plan", "Changed after signing")
    with pytest.raises(RecordLocked):
        clinic.marks.put_finding(
            visit.id, MuscleFinding("gluteus_medius", Side.LEFT, Severity.MILD)
        )
    with pytest.raises(ServiceError):
        clinic.records.sign(visit.id, clinic.therapist.id)
    assert trail_of(clinic, patient.id) == before


def test_an_edit_and_its_audit_row_commit_together(clinic: Clinic):
    """The row is written inside the change's transaction: if the audit row cannot be
    written, the change is not kept either."""
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(JANE)
    visit = clinic.visits.start_draft(patient.id, clinic.therapist.id)
    clinic.acting.id = 999_999  # no such user: the audit row breaks its foreign key
    with pytest.raises(DBAPIError):
        clinic.records.save_field(visit.id, "plan", "Never saved")
    with pytest.raises(DBAPIError):
        clinic.marks.put_finding(
            visit.id, MuscleFinding("gluteus_medius", Side.LEFT, Severity.MILD)
        )
    assert clinic.records.record(visit.id).plan == ""
    assert clinic.marks.marks(visit.id).findings == ()


def test_only_administrators_read_the_trail(clinic: Clinic):
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(JANE)
    for user in (clinic.therapist, clinic.desk):
        clinic.sign_in(user)
        with pytest.raises(ServiceError, match=REVIEWERS_ONLY):
            clinic.audit.chart_trail(patient.id)
        with pytest.raises(ServiceError, match=REVIEWERS_ONLY):
            clinic.audit.log(AuditFilter())
    clinic.sign_in(clinic.admin)
    assert [e.action for e in clinic.audit.chart_trail(patient.id)] == ["create"]


def add_rows(db: Database, rows: list[tuple[datetime, int | None, str]]) -> None:
    """Audit rows at given instants (as other workstations, with their own clocks, write)."""
    with db.engine.begin() as connection:
        for at, user_id, action in rows:
            connection.execute(
                AuditRow.__table__.insert().values(
                    at=at,
                    user_id=user_id,
                    workstation="room-2",
                    action=action,
                    record_kind="clinic",
                    record_id=None,
                    detail="",
                )
            )


def test_the_clinic_log_pages_newest_first_without_gaps_or_repeats(clinic: Clinic):
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC)
    # Several rows share an instant: paging must still see each exactly once.
    rows = [(noon - timedelta(minutes=i // 3), clinic.therapist.id, "print") for i in range(25)]
    add_rows(clinic.db, rows)
    clinic.sign_in(clinic.admin)
    wanted = AuditFilter(action="print")
    seen: list[AuditEntry] = []
    page = clinic.audit.log(wanted, limit=4)
    while page:
        seen += page
        page = clinic.audit.log(wanted, after=page[-1], limit=4)
    assert len(seen) == 25 == len({e.id for e in seen})
    keys = [(e.at, e.id) for e in seen]
    assert keys == sorted(keys, reverse=True)
    assert {e.user_name for e in seen} == {"Alex Morgan"}
    assert {e.record for e in seen} == {"Clinic"}


def test_the_clinic_log_filters_by_user_action_and_local_days(clinic: Clinic):
    def local(day: int, hour: int) -> datetime:
        return datetime(2026, 3, day, hour).astimezone()

    add_rows(
        clinic.db,
        [
            (local(1, 23), clinic.therapist.id, "open"),
            (local(2, 0), clinic.therapist.id, "open"),
            (local(2, 23), clinic.desk.id, "open"),
            (local(3, 0), clinic.therapist.id, "print"),
            (local(3, 9), None, "backup"),
        ],
    )
    clinic.sign_in(clinic.admin)

    def shown(**wanted: object) -> list[tuple[int, str, str]]:
        entries = clinic.audit.log(AuditFilter(**wanted))  # type: ignore[arg-type]
        return [(e.at.astimezone().day, e.username, e.action) for e in entries]

    march_2 = date(2026, 3, 2)
    assert shown(since=march_2, until=march_2) == [(2, "rreyes", "open"), (2, "amorgan", "open")]
    assert shown(user_id=clinic.therapist.id, action="open") == [
        (2, "amorgan", "open"),
        (1, "amorgan", "open"),
    ]
    march_3 = date(2026, 3, 3)
    assert shown(since=march_3, until=march_3) == [(3, "", "backup"), (3, "amorgan", "print")]
    with pytest.raises(ValidationError, match="first day comes after the last"):
        shown(since=date(2026, 3, 3), until=march_2)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_exports_write_every_row_whole_and_are_audited_themselves(clinic: Clinic, tmp_path):
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(replace(JANE, given_names="Zoë, “Jo”"))
    clinic.patients.open_chart(patient.id)
    add_rows(clinic.db, [(datetime(2026, 3, 2, 12, tzinfo=UTC), None, "backup")] * 2100)
    clinic.sign_in(clinic.admin)

    chart = clinic.audit.export_chart_trail(patient.id, tmp_path / "trail.csv")
    rows = read_csv(chart.path)
    assert chart.rows == 2 and [r["action"] for r in rows] == ["open", "create"]
    assert rows[0]["user"] == "amorgan" and rows[0]["user_name"] == "Alex Morgan"
    assert rows[0]["record"] == "Patient" and rows[0]["workstation"]
    assert datetime.fromisoformat(rows[0]["time"]).utcoffset() is not None  # local, with offset

    log = clinic.audit.export_log(AuditFilter(action="backup"), tmp_path / "log.csv")
    assert log.rows == 2100 == len(read_csv(log.path))  # all of it, beyond the pages shown
    assert log.summary == f"Exported 2,100 audit entries to {tmp_path / 'log.csv'}."

    exports = clinic.audit.log(AuditFilter(action="export"))
    assert [(e.username, e.record, e.detail) for e in exports] == [
        ("dlee", "Audit log", f"audit log (action backup) to {tmp_path / 'log.csv'}"),
        ("dlee", "DOE, Zoë, “Jo” (#1042)", f"audit trail to {tmp_path / 'trail.csv'}"),
    ]
    with pytest.raises(ExportError, match="does not exist"):
        clinic.audit.export_chart_trail(patient.id, tmp_path / "missing" / "trail.csv")
    with pytest.raises(ExportError, match="is a folder"):
        clinic.audit.export_chart_trail(patient.id, tmp_path)
    assert len(clinic.audit.log(AuditFilter(action="export"))) == 2
    assert sorted(p.name for p in tmp_path.glob("*.csv*")) == ["log.csv", "trail.csv"]


@contextmanager
def audit_query_plans(db: Database) -> Iterator[list[str]]:
    """SQLite's plan for each statement that read audit_log while the block ran, as the
    driver ran it: through SQLAlchemy, or compiled once on the driver's connection."""
    ran: list[str] = []
    plans: list[str] = []

    def trace(statement: str) -> None:  # sqlite3 gives it with its values filled in
        if "FROM audit_log" in statement:
            ran.append(statement)

    def watch(connection, _record, _proxy=None) -> None:
        connection.set_trace_callback(trace)

    def unwatch(connection, _record) -> None:
        connection.set_trace_callback(None)

    event.listen(db.engine, "checkout", watch)
    event.listen(db.engine, "checkin", unwatch)
    try:
        yield plans
    finally:
        event.remove(db.engine, "checkout", watch)
        event.remove(db.engine, "checkin", unwatch)
    with db.engine.connect() as connection:
        for statement in ran:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")
            plans.append(" | ".join(row[3] for row in rows))


def test_the_hot_audit_statements_use_the_record_index(sqlite_db: Database):
    clinic = Clinic(sqlite_db, ActingUser(), *three_users(sqlite_db))
    clinic.sign_in(clinic.therapist)
    patient = clinic.patients.create(JANE)
    visit = clinic.visits.start_draft(patient.id, clinic.therapist.id)
    with audit_query_plans(sqlite_db) as plans:
        clinic.marks.put_finding(visit.id, LEFT_GLUTEUS)  # a body-map click
        clinic.sign_in(clinic.admin)
        clinic.audit.chart_trail(patient.id)
    click, chart = plans
    assert "SEARCH audit_log USING INDEX ix_audit_log_record" in click
    assert chart.count("SEARCH audit_log USING INDEX ix_audit_log_record") == 3
    assert "SCAN audit_log" not in click + chart


def test_the_clinic_log_is_served_by_its_indexes(sqlite_db: Database):
    clinic = Clinic(sqlite_db, ActingUser(), *three_users(sqlite_db))
    clinic.sign_in(clinic.admin)
    last = clinic.audit.log(AuditFilter())[-1]
    march = {"since": date(2026, 3, 1), "until": date(2026, 3, 31)}
    filters = [
        AuditFilter(),
        AuditFilter(user_id=clinic.therapist.id),
        AuditFilter(action="open"),
        AuditFilter(**march),
        AuditFilter(user_id=clinic.therapist.id, **march),
        AuditFilter(action="sign", **march),
    ]
    with audit_query_plans(sqlite_db) as plans:
        for wanted in filters:
            clinic.audit.log(wanted, after=last)
    assert len(plans) == len(filters)
    for plan in plans:
        assert "SEARCH audit_log USING INDEX ix_audit_log_" in plan, plan
        assert "SCAN audit_log" not in plan and "TEMP B-TREE" not in plan, plan


def three_users(db: Database) -> tuple[User, User, User]:
    users = UserService(db)
    return (
        users.create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD),
        users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD),
        users.create(UserDetails("rreyes", "Robin Reyes", Role.FRONT_DESK), PASSWORD),
    )
