"""The imsdesk command as a workstation or a script uses it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imsdesk import __version__
from imsdesk.cli import main
from imsdesk.services.database import open_clinic_database
from imsdesk.services.patients import PatientService
from imsdesk.store.schema import SCHEMA_HEAD
from tests.reports import samples


def run_imsdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imsdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"imsdesk {__version__}"


def test_demo_data_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "clinic.sqlite"
    assert main(["demo-data", "--db", str(db), "--patients", "25", "--seed", "4"]) == 0
    assert "added 25 demo patients" in capsys.readouterr().out
    assert main(["--db", f"sqlite:///{db}", "check"]) == 0
    out = capsys.readouterr().out
    assert f"schema version: {SCHEMA_HEAD} (current)" in out
    assert "integrity:      ok" in out
    opened = open_clinic_database(str(db))
    assert PatientService(opened.db).count("") == 25
    opened.db.close()


def test_demo_data_at_a_scale_preset(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "clinic.sqlite"
    args = ["demo-data", "--db", str(db), "--scale", "small", "--as-of", "2026-11-20"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "added the small clinic" in out and "150 patients" in out and "needle sites" in out
    assert main(["--db", str(db), "check"]) == 0


def test_a_scale_and_a_patient_count_together_are_a_usage_error():
    result = run_imsdesk("demo-data", "--scale", "small", "--patients", "3")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr
    result = run_imsdesk("demo-data", "--scale", "huge")
    assert result.returncode == 2
    assert "clinic10y" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_default_database_lives_in_the_users_data_folder(isolated_home: Path):
    assert main(["demo-data", "--patients", "3"]) == 0
    files = list(isolated_home.rglob("imsdesk.sqlite"))
    assert len(files) == 1 and "data" in files[0].parts


def test_check_leaves_a_mistyped_path_and_an_empty_file_as_they_were(tmp_path: Path):
    missing = tmp_path / "clinc.sqlite"
    result = run_imsdesk("--db", str(missing), "check")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"imsdesk: error: No database at {missing}; check the path (the app makes a new "
        "clinic database only when it is opened)."
    )
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = run_imsdesk("--db", str(empty), "check")
    assert result.returncode == 0 and "schema version: empty file" in result.stdout
    assert empty.stat().st_size == 0


def test_check_on_postgresql(postgres_url: str, capsys: pytest.CaptureFixture[str]):
    assert main(["demo-data", "--db", postgres_url, "--patients", "5"]) == 0
    assert main(["check", "--db", postgres_url]) == 0
    assert f"{SCHEMA_HEAD} (current)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--db", "postgresql://nobody@127.0.0.1:{port}/x"], "Cannot connect"),
        (["check", "--db", "{notdb}"], "not an imsdesk database"),
        (["demo-data", "--db", "mysql://a@b/c"], "SQLite"),
    ],
)
def test_bad_databases_give_one_line_and_a_failing_exit(
    args: list[str], expected: str, tmp_path: Path, unused_port: int
):
    notdb = tmp_path / "notes.txt"
    notdb.write_text("shopping list\n")
    args = [a.format(port=unused_port, notdb=notdb) for a in args]
    result = run_imsdesk(*args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("imsdesk: error: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert notdb.read_text() == "shopping list\n"


def test_bad_arguments_are_usage_errors():
    result = run_imsdesk("demo-data", "--patients", "lots")
    assert result.returncode == 2
    assert "expected a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_show_and_change_the_letterhead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = str(tmp_path / "clinic.sqlite")
    logo = tmp_path / "logo.png"
    logo.write_bytes(samples.logo_png())
    assert (
        main(
            [
                "settings",
                "--db",
                db,
                "--clinic-name",
                "Harbour IMS",
                "--paper",
                "Letter",
                "--logo",
                str(logo),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "clinic name: Harbour IMS" in out and "paper size: Letter" in out
    assert f"logo path: {logo}" in out
    assert main(["settings", "--db", db]) == 0
    assert "clinic name: Harbour IMS" in capsys.readouterr().out
    result = run_imsdesk("settings", "--db", db, "--screen-interval", "0")
    assert result.returncode == 1
    assert result.stderr.strip() == "imsdesk: error: The screen interval is 1 to 3650 days."
    result = run_imsdesk("settings", "--db", db, "--logo", str(tmp_path / "gone.png"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"imsdesk: error: The logo file {tmp_path / 'gone.png'} does not exist."
    )
