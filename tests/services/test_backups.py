"""Backups and restoring them, a damaged file refused untouched, a full or read-only disk.

All on real SQLite files: the damage is real bytes overwritten, the full disk is SQLite's own
page limit (SQLITE_FULL), the read-only database SQLite's own refusal (SQLITE_READONLY).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from imsdesk.domain.anatomy import Side
from imsdesk.domain.backup_rotation import backups_to_keep
from imsdesk.domain.marks import MuscleFinding, Severity, VisitMarks
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.audit import AuditService
from imsdesk.services.backups import (
    BackupService,
    backup_taken_at,
    default_backup_folder,
    latest_good_backup,
)
from imsdesk.services.clinic_settings import ClinicSettingsService
from imsdesk.services.database import open_clinic_database
from imsdesk.services.errors import DamagedDatabase, StoreError
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.restore import restore_backup
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.backup_files import list_backups
from imsdesk.store.database import Database
from tests.support.sqlite_trouble import (
    a_note_that_needs_new_pages,
    damage_table,
    fill_the_disk,
    fingerprint,
    make_read_only,
)

FIRST_NOTE = "Low back pain six weeks, worse sitting."


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic file with one charted draft visit, closed again."""
    path = tmp_path / "clinic.sqlite"
    opened = open_clinic_database(str(path))
    db = opened.db
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    VisitRecordService(db).save_field(visit.id, "subjective", FIRST_NOTE)
    db.close()
    return path


@pytest.fixture
def db(clinic: Path) -> Iterator[Database]:
    opened = open_clinic_database(str(clinic))
    yield opened.db
    opened.db.close()


def subjective(path: Path) -> str:
    opened = open_clinic_database(str(path))
    try:
        return VisitRecordService(opened.db).record(1).subjective
    finally:
        opened.db.close()


def audit_actions(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT action, detail FROM audit_log ORDER BY id").fetchall()


# -- backup and restore -------------------------------------------------------------------------


def test_a_backup_restored_brings_back_the_record_and_keeps_the_replaced_file(
    clinic: Path, db: Database, tmp_path: Path
):
    backup = BackupService(db).back_up("manual", tmp_path / "usb")
    assert backup.parent == tmp_path / "usb" and "-manual" in backup.name
    VisitRecordService(db).save_field(1, "subjective", "A later note, written by mistake.")
    db.close()

    restored = restore_backup(backup, str(clinic))

    assert subjective(clinic) == FIRST_NOTE
    assert restored.kept_aside is not None and "-replaced-" in restored.kept_aside.name
    assert subjective(restored.kept_aside) == "A later note, written by mistake."
    actions = audit_actions(clinic)
    assert actions[-1][0] == "restore" and str(backup) in actions[-1][1]
    assert ("backup", f"manual to {backup}") in audit_actions(restored.kept_aside)


def test_a_backup_is_one_consistent_file_even_while_a_visit_is_being_written(
    db: Database, tmp_path: Path
):
    with closing(sqlite3.connect(db.sqlite_path, isolation_level=None)) as other_workstation:
        other_workstation.execute("BEGIN IMMEDIATE")
        other_workstation.execute("UPDATE visits SET subjective = 'not committed yet'")
        backup = BackupService(db).copy("manual", tmp_path)
        other_workstation.execute("ROLLBACK")
    assert list(tmp_path.glob(f"{backup.name}-*")) == []  # no log beside it: self-contained
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("SELECT subjective FROM visits").fetchall() == [(FIRST_NOTE,)]


def test_backups_go_to_the_folder_the_clinic_chose(db: Database, tmp_path: Path):
    assert BackupService(db).back_up("manual").parent == default_backup_folder()
    settings = ClinicSettingsService(db)
    settings.save(replace(settings.load(), backup_folder=str(tmp_path / "share")))
    assert BackupService(db).back_up("manual").parent == tmp_path / "share"


def test_a_backup_folder_that_cannot_be_made_is_one_line(db: Database, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match=f"Cannot back up to {blocker / 'sub'}") as caught:
        BackupService(db).back_up("manual", blocker / "sub")
    assert "\n" not in str(caught.value)


def test_automatic_backups_are_pruned_to_the_rotating_set_others_are_left(
    db: Database, tmp_path: Path
):
    folder = tmp_path / "backups"
    backups = BackupService(db)
    manual = backups.back_up("manual", folder, now=datetime(2026, 1, 1, 9, tzinfo=UTC))
    other_clinic = folder / "branch-20260101T090000Z-start.sqlite"
    # Four months of a start and a close each day, as the app leaves them.
    taken = []
    for day in range(120):
        for hour, reason in ((8, "start"), (17, "close")):
            at = datetime(2026, 1, 1, hour, tzinfo=UTC) + timedelta(days=day)
            taken.append(folder / f"clinic-{at:%Y%m%dT%H%M%SZ}-{reason}.sqlite")
    for path in [*taken, other_clinic]:
        shutil.copyfile(manual, path)

    now = datetime(2026, 5, 1, 9, tzinfo=UTC)
    taken.append(backups.back_up("start", folder, now=now))

    left = {b.path for b in list_backups(folder, "clinic")}
    assert manual in left and other_clinic.exists()
    # Days are the clinic's local days, as the app prunes them.
    automatic = {path: backup_taken_at(path).astimezone() for path in taken}
    expected = backups_to_keep(automatic, now.astimezone())
    assert left - {manual} == expected
    assert 20 < len(expected) < 30  # of 241


# -- refusing what must not replace the database ------------------------------------------------


def test_restore_refuses_a_damaged_backup_and_replaces_nothing(
    clinic: Path, db: Database, tmp_path: Path
):
    backup = BackupService(db).back_up("manual", tmp_path / "usb")
    db.close()
    damage_table(backup)
    before = fingerprint(clinic)
    with pytest.raises(StoreError, match=r"is damaged.*Nothing was replaced") as caught:
        restore_backup(backup, str(clinic))
    assert "\n" not in str(caught.value)
    assert fingerprint(clinic) == before
    assert sorted(p.name for p in clinic.parent.iterdir() if p.name.startswith("clinic")) == [
        "clinic.sqlite"
    ]


def test_restore_refuses_a_backup_from_a_newer_imsdesk(clinic: Path, db: Database, tmp_path: Path):
    backup = BackupService(db).back_up("manual", tmp_path / "usb")
    db.close()
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    before = fingerprint(clinic)
    with pytest.raises(StoreError, match=r"newer imsdesk \(schema 0099\).*Nothing was replaced"):
        restore_backup(backup, str(clinic))
    assert fingerprint(clinic) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04 a spreadsheet", "not an imsdesk backup"),
        (None, "not an imsdesk database"),  # another program's SQLite file
    ],
)
def test_restore_refuses_what_is_not_an_imsdesk_backup(
    clinic: Path, tmp_path: Path, content, words
):
    other = tmp_path / "other.sqlite"
    if content is None:
        with closing(sqlite3.connect(other)) as connection:
            connection.execute("CREATE TABLE invoices (id INTEGER)")
    else:
        other.write_bytes(content)
    before = fingerprint(clinic)
    with pytest.raises(StoreError, match=words):
        restore_backup(other, str(clinic))
    assert fingerprint(clinic) == before


def test_backup_and_restore_of_a_server_database_say_where_that_is_done():
    with pytest.raises(StoreError, match="PostgreSQL database on its server"):
        restore_backup(Path("x.sqlite"), "postgresql://clinic@localhost/imsdesk")


# -- a damaged clinic file ----------------------------------------------------------------------


def test_a_damaged_file_is_refused_untouched_naming_the_latest_good_backup(
    clinic: Path, db: Database, tmp_path: Path
):
    good = BackupService(db).back_up("close", now=datetime.now(UTC) - timedelta(hours=2))
    newer = BackupService(db).back_up("scheduled")
    db.close()
    damage_table(newer)  # the newest backup is damaged too: it is passed over
    damage_table(clinic)
    before = fingerprint(clinic)

    for upgrade in (True, False):
        with pytest.raises(DamagedDatabase) as caught:
            open_clinic_database(str(clinic), upgrade=upgrade)
        assert caught.value.latest_good_backup == good
        assert caught.value.problem  # what SQLite found, in its words
        assert "\n" not in str(caught.value)
    assert fingerprint(clinic) == before

    restored = restore_backup(good, str(clinic))
    assert restored.kept_aside is not None and "-damaged-" in restored.kept_aside.name
    assert fingerprint(restored.kept_aside) == before
    assert subjective(clinic) == FIRST_NOTE


def test_no_good_backup_is_said_so(clinic: Path):
    damage_table(clinic)
    with pytest.raises(DamagedDatabase, match="No good backup was found"):
        open_clinic_database(str(clinic))
    assert latest_good_backup(clinic) is None


# -- a full disk, a read-only database ----------------------------------------------------------


def test_a_full_disk_refuses_the_save_whole_and_says_so(db: Database):
    free_space = fill_the_disk(db)
    marks = MarkService(db)
    many = VisitMarks(
        tuple(
            MuscleFinding(key, side, Severity(1), note=a_note_that_needs_new_pages(2000))
            for key in ("gluteus_medius", "piriformis", "quadratus_lumborum")
            for side in (Side.LEFT, Side.RIGHT)
        ),
        (),
    )
    with pytest.raises(StoreError, match="is full") as caught:
        marks.replace_all(1, many)
    assert "\n" not in str(caught.value)
    with pytest.raises(StoreError, match="is full"):
        VisitRecordService(db).save_field(1, "subjective", a_note_that_needs_new_pages())
    assert marks.marks(1) == VisitMarks((), ())  # nothing half-written
    assert VisitRecordService(db).record(1).subjective == FIRST_NOTE

    free_space()
    VisitRecordService(db).save_field(1, "subjective", a_note_that_needs_new_pages())
    assert VisitRecordService(db).record(1).subjective == a_note_that_needs_new_pages()
    with closing(sqlite3.connect(db.sqlite_path)) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_read_only_database_refuses_the_save_and_says_so(db: Database):
    make_read_only(db)
    with pytest.raises(StoreError, match="read-only"):
        VisitRecordService(db).save_field(1, "subjective", "typed while the share was read-only")
    with pytest.raises(StoreError, match="read-only"):
        AuditService(db).record("print", "visit", 1)
    assert VisitRecordService(db).record(1).subjective == FIRST_NOTE
