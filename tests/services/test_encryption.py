"""Encryption at rest with SQLCipher: the records cannot be read without the clinic passphrase,
and with it everything works as before (services, WAL, foreign keys, backups, migrations)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from imsdesk.domain.patients import PatientDetails, Sex
from imsdesk.services.backups import BackupService
from imsdesk.services.database import open_clinic_database
from imsdesk.services.early_read import damage_at_start, peek_sign_in_ready, unlock
from imsdesk.services.encryption import (
    change_passphrase,
    encrypt_database,
    plain_copies_of,
    write_plain_copy,
)
from imsdesk.services.errors import StoreError, ValidationError, WrongPassphrase
from imsdesk.services.patients import PatientService
from imsdesk.services.restore import restore_backup
from imsdesk.store.cipher_swap import re_encrypt
from imsdesk.store.encryption import DatabaseInUse, connect_keyed, marker_of, use_passphrase
from imsdesk.store.schema import SCHEMA_HEAD, read_schema_state
from imsdesk.store.sqlite_file import is_encrypted_file
from tests.conftest import AS_OF

PASSPHRASE = "lantern orchard seventeen"


@pytest.fixture
def clinic(demo_clinic: Path) -> Path:
    return demo_clinic


def patient_names(path: Path) -> list[str]:
    opened = open_clinic_database(str(path))
    try:
        patients = PatientService(opened.db).search("", limit=1000)
        return [f"{p.family_name}, {p.given_names}" for p in patients]
    finally:
        opened.db.close()


def add_patient(path: Path, family_name: str) -> None:
    opened = open_clinic_database(str(path))
    try:
        details = PatientDetails("A-1", family_name, "Robin", AS_OF.replace(year=1970), Sex.FEMALE)
        PatientService(opened.db).create(details)
    finally:
        opened.db.close()


def back_up(path: Path, folder: Path | None = None) -> Path:
    opened = open_clinic_database(str(path))
    try:
        return BackupService(opened.db).back_up("manual", folder)
    finally:
        opened.db.close()


def can_be_read_without_the_passphrase(path: Path) -> bool:
    try:
        with sqlite3.connect(path) as connection:
            connection.execute("SELECT count(*) FROM patients").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def test_encrypting_leaves_no_readable_record_on_disk(clinic: Path):
    names = patient_names(clinic)
    family_name = names[0].split(",")[0]
    assert family_name.encode() in clinic.read_bytes()

    done = encrypt_database(str(clinic), PASSPHRASE)

    assert done.kept_plain is None
    assert family_name.encode() not in clinic.read_bytes()
    assert not clinic.read_bytes().startswith(b"SQLite format 3")
    assert not can_be_read_without_the_passphrase(clinic)
    assert is_encrypted_file(clinic) and marker_of(clinic).is_file()
    beside = {p.name: p.read_bytes() for p in clinic.parent.iterdir() if p.is_file()}
    assert set(beside) - {"clinic.sqlite-wal", "clinic.sqlite-shm"} == {
        "clinic.sqlite",
        "clinic.sqlite-encryption",
    }  # no plain copy left behind, and the write-ahead log is encrypted too
    assert not any(family_name.encode() in data for data in beside.values())
    assert done.backup is not None and family_name.encode() not in done.backup.read_bytes()


def test_with_the_passphrase_the_services_read_the_same_patients(clinic: Path):
    before = patient_names(clinic)
    encrypt_database(str(clinic), PASSPHRASE)
    use_passphrase(None)  # a new start: nothing known but the file

    with pytest.raises(StoreError, match="needs the clinic passphrase"):
        open_clinic_database(str(clinic))
    unlock(clinic, PASSPHRASE)
    assert patient_names(clinic) == before


def test_a_wrong_passphrase_is_refused_in_one_line_and_nothing_opens(clinic: Path):
    encrypt_database(str(clinic), PASSPHRASE)
    use_passphrase(None)
    with pytest.raises(WrongPassphrase) as refused:
        unlock(clinic, "lantern orchard seventeeN")
    assert str(refused.value) == (
        f"The passphrase does not open {clinic} (a wrong passphrase, or the file is damaged)."
    )
    use_passphrase("lantern orchard seventeeN")
    with pytest.raises(WrongPassphrase):
        open_clinic_database(str(clinic))


def test_the_passphrase_is_the_same_however_an_accent_was_typed(clinic: Path):
    encrypt_database(str(clinic), "caf\u00e9 au lait et croissant")  # é as one character
    use_passphrase(None)
    unlock(clinic, "cafe\u0301 au lait et croissant")  # e + combining accent
    assert patient_names(clinic)


def test_a_short_passphrase_is_refused_and_the_file_stays_plain(clinic: Path):
    with pytest.raises(ValidationError, match="at least 10 characters"):
        encrypt_database(str(clinic), "short")
    assert clinic.read_bytes().startswith(b"SQLite format 3")


def test_wal_and_foreign_keys_stay_on(clinic: Path):
    encrypt_database(str(clinic), PASSPHRASE)
    opened = open_clinic_database(str(clinic))
    try:
        with opened.db.engine.connect() as connection:
            pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2
            assert pragma("cipher_version")  # really SQLCipher
    finally:
        opened.db.close()


def test_start_up_reads_the_encrypted_file_once_unlocked(clinic: Path):
    encrypt_database(str(clinic), PASSPHRASE)
    use_passphrase(None)
    unlock(clinic, PASSPHRASE)
    assert damage_at_start(str(clinic)) is None
    assert peek_sign_in_ready(str(clinic)) == clinic  # the demo administrator can sign in


def test_a_backup_is_encrypted_too_and_restores(clinic: Path, tmp_path: Path):
    encrypt_database(str(clinic), PASSPHRASE)
    before = patient_names(clinic)
    backup = back_up(clinic, tmp_path / "usb")
    assert not can_be_read_without_the_passphrase(backup)
    assert before[0].split(",")[0].encode() not in backup.read_bytes()

    add_patient(clinic, "Afterbackup")
    restored = restore_backup(backup, str(clinic))

    assert is_encrypted_file(clinic)
    assert patient_names(clinic) == before
    assert restored.kept_aside is not None and is_encrypted_file(restored.kept_aside)
    use_passphrase(None)
    with pytest.raises(StoreError):
        restore_backup(backup, str(clinic))  # no passphrase: not even read


def test_a_plain_backup_restored_into_an_encrypted_clinic_is_encrypted(
    clinic: Path, tmp_path: Path
):
    plain_backup = tmp_path / "old" / "clinic-20261101T090000Z-manual.sqlite"
    plain_backup = back_up(clinic, plain_backup.parent)
    encrypt_database(str(clinic), PASSPHRASE)

    restore_backup(plain_backup, str(clinic))

    assert is_encrypted_file(clinic) and not can_be_read_without_the_passphrase(clinic)


def test_a_backup_under_another_passphrase_is_refused_before_anything_changes(
    clinic: Path, tmp_path: Path
):
    encrypt_database(str(clinic), PASSPHRASE)
    backup = back_up(clinic, tmp_path / "usb")
    change_passphrase(str(clinic), "a brand new passphrase")
    before = clinic.read_bytes()

    with pytest.raises(StoreError, match="does not open") as refused:
        restore_backup(backup, str(clinic))
    assert "Nothing was replaced" in str(refused.value)
    assert clinic.read_bytes() == before


def test_changing_the_passphrase_keeps_the_records_and_retires_the_old_one(clinic: Path):
    encrypt_database(str(clinic), PASSPHRASE)
    before = patient_names(clinic)

    change_passphrase(str(clinic), "a brand new passphrase")

    use_passphrase(None)
    with pytest.raises(WrongPassphrase):
        unlock(clinic, PASSPHRASE)
    unlock(clinic, "a brand new passphrase")
    assert patient_names(clinic) == before
    assert not list(clinic.parent.glob("clinic-old-*"))  # the old file was erased


def test_migrations_run_on_an_encrypted_file(clinic: Path):
    from tests.store.test_migrations import downgrade

    opened = open_clinic_database(str(clinic))
    downgrade(opened.db, "0007")
    opened.db.close()
    re_encrypt(clinic, None, PASSPHRASE)  # an older encrypted database, not yet upgraded
    use_passphrase(PASSPHRASE)

    opened = open_clinic_database(str(clinic))
    try:
        assert read_schema_state(opened.db).revision == SCHEMA_HEAD
        assert opened.upgrade_backup is not None
        assert not can_be_read_without_the_passphrase(opened.upgrade_backup)
    finally:
        opened.db.close()


def test_a_plain_copy_can_be_written_for_moving_away(clinic: Path, tmp_path: Path):
    before = patient_names(clinic)
    encrypt_database(str(clinic), PASSPHRASE)
    out = write_plain_copy(str(clinic), tmp_path / "export" / "plain.sqlite")
    assert can_be_read_without_the_passphrase(out)
    assert is_encrypted_file(clinic)
    use_passphrase(None)
    assert patient_names(out) == before


def test_the_plain_file_is_kept_only_when_asked_and_plain_backups_are_named(clinic: Path):
    plain_backup = back_up(clinic)

    done = encrypt_database(str(clinic), PASSPHRASE, keep_plain=True)

    assert done.kept_plain is not None and can_be_read_without_the_passphrase(done.kept_plain)
    assert set(done.plain_copies) == {plain_backup, done.kept_plain}


def test_erasing_plain_backups_leaves_only_encrypted_ones(clinic: Path):
    plain_backup = back_up(clinic)

    done = encrypt_database(str(clinic), PASSPHRASE, erase_plain_copies=True)

    assert not plain_backup.exists()
    assert done.plain_copies == ()
    assert plain_copies_of(clinic) == []
    assert done.backup is not None and done.backup.exists()


def test_a_database_open_in_another_process_is_not_encrypted(clinic: Path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('SELECT 1 FROM patients').fetchall(); "
            "print('open', flush=True); sys.stdin.readline()",
            str(clinic),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse, match="close it everywhere"):
            encrypt_database(str(clinic), PASSPHRASE)
    finally:
        holder.communicate("\n", timeout=10)
    assert clinic.read_bytes().startswith(b"SQLite format 3")
    assert not marker_of(clinic).exists()
    assert not list(clinic.parent.glob(".clinic.sqlite.*"))


def test_a_damaged_encrypted_file_is_found_at_start_and_its_latest_backup_offered(clinic: Path):
    done = encrypt_database(str(clinic), PASSPHRASE)
    with closing(connect_keyed(clinic, PASSPHRASE, read_only=True, timeout=5)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'visits'"
        ).fetchone()
    with clinic.open("r+b") as handle:  # a failing sector inside the visits table
        handle.seek((root - 1) * 4096 + 512)
        handle.write(b"\xde\xad\xbe\xef" * 16)
    use_passphrase(None)

    unlock(clinic, PASSPHRASE)  # the first page is sound: the passphrase still opens it
    damage = damage_at_start(str(clinic))

    assert damage is not None
    assert damage.latest_good_backup == done.backup
