"""The clinic file's key is derived once per file and process, yet the file stays SQLCipher 4's
own: any SQLCipher tool opens it with the passphrase, and imsdesk opens what such a tool
encrypted."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from imsdesk.services.backups import BackupService
from imsdesk.services.database import open_clinic_database
from imsdesk.services.early_read import (
    damage_at_start,
    peek_sign_in_ready,
    start_damage_check,
    unlock,
)
from imsdesk.services.encryption import change_passphrase, encrypt_database
from imsdesk.services.errors import WrongPassphrase
from imsdesk.services.patients import PatientService
from imsdesk.store import encryption
from imsdesk.store.encryption import use_passphrase, write_marker

PASSPHRASE = "lantern orchard seventeen"


def patient_count(path: Path) -> int:
    opened = open_clinic_database(str(path))
    try:
        return len(PatientService(opened.db).search("", limit=1000))
    finally:
        opened.db.close()


def patients_read_by_sqlcipher_itself(path: Path, passphrase: str) -> int:
    """What SQLCipher alone reads with the passphrase, as its shell or another program would."""
    with closing(sqlcipher.connect(str(path))) as connection:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        return connection.execute("SELECT count(*) FROM patients").fetchone()[0]


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The salt of each key derivation imsdesk runs (the real derivation, counted)."""
    salts: list[bytes] = []
    derive = encryption.derive_key

    def counted(passphrase: str, salt: bytes) -> bytes:
        salts.append(salt)
        return derive(passphrase, salt)

    monkeypatch.setattr(encryption, "derive_key", counted)
    return salts


def test_an_encrypted_file_and_its_backup_open_with_the_passphrase_in_sqlcipher_itself(
    demo_clinic: Path,
):
    patients = patient_count(demo_clinic)
    done = encrypt_database(str(demo_clinic), PASSPHRASE)
    assert done.backup is not None

    assert patients_read_by_sqlcipher_itself(demo_clinic, PASSPHRASE) == patients
    assert patients_read_by_sqlcipher_itself(done.backup, PASSPHRASE) == patients
    with pytest.raises(sqlcipher.DatabaseError):
        patients_read_by_sqlcipher_itself(demo_clinic, "lantern orchard seventeeN")


def test_after_a_new_passphrase_sqlcipher_itself_opens_the_file_with_it_only(demo_clinic: Path):
    encrypt_database(str(demo_clinic), PASSPHRASE)
    backup = change_passphrase(str(demo_clinic), "a brand new passphrase")
    assert backup is not None

    assert patients_read_by_sqlcipher_itself(demo_clinic, "a brand new passphrase")
    assert patients_read_by_sqlcipher_itself(backup, "a brand new passphrase")
    with pytest.raises(sqlcipher.DatabaseError):
        patients_read_by_sqlcipher_itself(demo_clinic, PASSPHRASE)


def test_a_file_sqlcipher_encrypted_with_the_passphrase_opens_in_imsdesk(
    demo_clinic: Path, tmp_path: Path, derivations: list[bytes]
):
    patients = patient_count(demo_clinic)
    elsewhere = tmp_path / "from-another-tool" / "clinic.sqlite"
    elsewhere.parent.mkdir()
    with closing(sqlcipher.connect(str(demo_clinic))) as plain:  # SQLCipher's own export
        plain.execute(f"ATTACH DATABASE '{elsewhere}' AS encrypted KEY '{PASSPHRASE}'")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("DETACH DATABASE encrypted")
    write_marker(elsewhere)

    with pytest.raises(WrongPassphrase):
        unlock(elsewhere, "lantern orchard seventeeN")
    unlock(elsewhere, PASSPHRASE)

    assert patient_count(elsewhere) == patients
    assert derivations == [elsewhere.read_bytes()[:16]] * 2  # the wrong one, then the right one


def test_a_start_on_an_encrypted_clinic_derives_its_key_once(
    demo_clinic: Path, tmp_path: Path, derivations: list[bytes]
):
    encrypt_database(str(demo_clinic), PASSPHRASE)
    use_passphrase(None)  # a new process: nothing derived yet
    derivations.clear()
    url = str(demo_clinic)

    unlock(demo_clinic, PASSPHRASE)  # the passphrase dialog
    assert peek_sign_in_ready(url) == demo_clinic  # the sign-in window, at once
    start_damage_check(url)  # the quick check behind it, on its own thread
    assert damage_at_start(url) is None
    opened = open_clinic_database(url)
    try:
        assert PatientService(opened.db).search("", limit=5)
        backup = BackupService(opened.db).back_up("start", tmp_path / "backups")
    finally:
        opened.db.close()
    assert patient_count(demo_clinic)  # and the database opened once more

    assert derivations == [demo_clinic.read_bytes()[:16]]
    assert patients_read_by_sqlcipher_itself(backup, PASSPHRASE)  # its backup needed none
