"""imsdesk backup and imsdesk restore, and a damaged file met on the command line."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.services.backups import default_backup_folder
from tests.support.sqlite_trouble import damage_table, fingerprint


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.sqlite"
    assert main(["demo-data", "--db", str(path), "--patients", "4", "--seed", "2"]) == 0
    return path


def patients(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT count(*) FROM patients").fetchone()[0]


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_backup_then_restore_from_the_command_line(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    capsys.readouterr()
    assert main(["backup", "--db", str(clinic), "--out", str(tmp_path / "usb")]) == 0
    (backup,) = (tmp_path / "usb").iterdir()
    assert f"backed up {clinic} to {backup}" in capsys.readouterr().out
    assert main(["demo-data", "--db", str(clinic), "--patients", "3", "--seed", "9"]) == 0
    assert patients(clinic) == 7

    assert main(["restore", str(backup), "--db", str(clinic)]) == 0
    out = capsys.readouterr().out
    assert f"restored {backup} as {clinic}" in out
    (kept,) = clinic.parent.glob("clinic-replaced-*.sqlite")
    assert f"the replaced database was kept as {kept}" in out
    assert patients(clinic) == 4 and patients(kept) == 7


def test_backup_without_out_goes_to_the_clinics_folder(clinic: Path):
    assert main(["backup", "--db", str(clinic)]) == 0
    assert [p.name.endswith("-manual.sqlite") for p in default_backup_folder().iterdir()] == [True]


def test_the_backup_folder_and_interval_are_clinic_settings(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    share = tmp_path / "share"
    assert main(["settings", "--db", str(clinic), "--backup-folder", str(share)]) == 0
    assert main(["settings", "--db", str(clinic), "--backup-every", "2"]) == 0
    out = capsys.readouterr().out
    assert f"backup folder: {share}" in out and "backup every hours: 2" in out
    assert main(["backup", "--db", str(clinic)]) == 0
    assert len(list(share.iterdir())) == 1
    assert main(["settings", "--db", str(clinic), "--backup-every", "0"]) == 1
    assert "1 to 24 hours" in one_error_line(capsys)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["backup", "--db", "postgresql://clinic@127.0.0.1:9/imsdesk"], "on its server"),
        (["restore", "x.sqlite", "--db", "postgresql://clinic@127.0.0.1:9/x"], "on its server"),
        (["restore", "no-such-backup.sqlite"], "There is no backup file"),
    ],
)
def test_what_cannot_be_done_is_one_line(args, words, capsys: pytest.CaptureFixture[str]):
    assert main(args) == 1
    assert words in one_error_line(capsys)


def test_a_damaged_backup_is_not_restored(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    assert main(["backup", "--db", str(clinic), "--out", str(tmp_path / "usb")]) == 0
    (backup,) = (tmp_path / "usb").iterdir()
    damage_table(backup, "patients")
    before = fingerprint(clinic)
    capsys.readouterr()
    assert main(["restore", str(backup), "--db", str(clinic)]) == 1
    assert "is damaged" in one_error_line(capsys)
    assert fingerprint(clinic) == before


def test_a_damaged_database_is_never_written_to_and_the_way_back_is_named(
    clinic: Path, capsys: pytest.CaptureFixture[str]
):
    assert main(["backup", "--db", str(clinic)]) == 0
    (backup,) = default_backup_folder().iterdir()
    damage_table(clinic, "patients")
    before = fingerprint(clinic)
    capsys.readouterr()

    assert main(["demo-data", "--db", str(clinic), "--patients", "2"]) == 1
    message = one_error_line(capsys)
    assert f"{clinic} is damaged" in message
    assert f"imsdesk restore {backup}" in message
    assert main(["check", "--db", str(clinic)]) == 1
    captured = capsys.readouterr()
    assert "integrity:      " in captured.out and "integrity:      ok" not in captured.out
    assert fingerprint(clinic) == before

    assert main(["restore", str(backup), "--db", str(clinic)]) == 0
    assert "clinic-damaged-" in capsys.readouterr().out
    assert patients(clinic) == 4
