"""Hostile and odd arguments to every command: each is refused with one line on stderr and
a failing exit code (2 for a usage mistake, 1 for everything else), or does what was asked.
Nothing is half-written: the clinic's tables and its folder stay as they were, and the
database passes its integrity check at the end."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.services.database import open_clinic_database
from imsdesk.services.patients import PatientService
from tests.reports.charted_course import chart_course

LONG_NAME = "y" * 300  # longer than any file system allows for one name
BROKEN = "M\udcfcller"  # an argument that was not UTF-8 (a Latin-1 "ü")
RTL_CSV = (
    "Chart,Family name,Given names,Date of birth\n"
    "7,الحسيني,مريم,1980-05-01\n"
    "8,כהן,שרה 😀,1981-06-02\n"
)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the clinic's database (three visits) and odd files to point at."""
    folder = tmp_path_factory.mktemp("nasty-cli")
    opened = open_clinic_database(str(folder / "clinic.sqlite"))
    chart_course(opened.db, visits=3)
    opened.db.close()
    (folder / "notes.txt").write_text("shopping list\n")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "binary.csv").write_bytes(b"Chart,Name\x00\x01\x02\xff\n" * 10)
    (folder / "control.csv").write_text(
        "Chart,Family name,Given names,Date of birth\n9,Do\x07e,Jane,1980-05-01\n"
    )
    (folder / "dates.csv").write_text(
        "Chart,Family name,Given names,Date of birth\n9,Doe,Jane,1980-02-30\n10,Roe,R,2999-01-01\n"
    )
    (folder / "wide.csv").write_text("a," * 60_000 + "\n")
    (folder / "rtl.csv").write_text(RTL_CSV)
    (folder / "a folder").mkdir()
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stopped:  # argparse's usage errors and --help
        code = stopped.code if isinstance(stopped.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def listing(folder: Path) -> set[str]:
    """What is in the folder, less SQLite's own side files."""
    return {p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))}


DB = "--db={dir}/clinic.sqlite"
USAGE, ERROR = 2, 1


def refused(code: int, *argv: str, says: str, id: str):
    return pytest.param(list(argv), code, says, id=id)


REFUSALS = [
    # --db: what a script or a tired person might pass.
    refused(USAGE, "check", "--db", "", says="--db is empty", id="db-empty"),
    refused(USAGE, "check", "--db", "   ", says="--db is empty", id="db-blank"),
    refused(ERROR, "check", "--db", "sqlite://", says="names no database file", id="db-memory"),
    refused(ERROR, "check", "--db", "sqlite:///", says="names no database file", id="db-no-path"),
    refused(
        ERROR, "check", "--db", "sqlite:///:memory:", says="names no database file", id="db-memory2"
    ),
    refused(
        ERROR, "check", "--db", "{dir}/a folder", says="is a folder, not a database", id="db-dir"
    ),
    refused(
        ERROR, "check", "--db", "{dir}/notes.txt", says="is not an imsdesk database", id="db-text"
    ),
    refused(ERROR, "check", "--db", "mysql://a@b/c", says="works with SQLite", id="db-mysql"),
    refused(ERROR, "check", "--db", "http://example.org/x", says="works with SQLite", id="db-http"),
    refused(ERROR, "check", "--db", "://", says="Not a database URL", id="db-no-scheme"),
    refused(
        ERROR, "check", "--db", "postgresql://u@[::1/x", says="Not a database URL", id="db-bracket"
    ),
    refused(
        ERROR,
        "check",
        "--db",
        "postgresql://u@127.0.0.1:99999/x",
        says="invalid port number",
        id="db-port-99999",
    ),
    refused(
        ERROR,
        "check",
        "--db",
        "sqlite:///{dir}/clinic.sqlite?mode=ro",
        says="given by its path alone",
        id="db-query",
    ),
    refused(
        ERROR,
        "check",
        "--db",
        f"sqlite:///{{dir}}/{LONG_NAME}.sqlite",
        says="File name too long",
        id="db-name-too-long",
    ),
    refused(USAGE, "check", "--db", says="expected one argument", id="db-missing-value"),
    refused(USAGE, "frobnicate", says="invalid choice", id="unknown-command"),
    # Record numbers.
    refused(
        USAGE,
        "summary",
        DB,
        "--visit",
        "abc",
        "--out",
        "x.pdf",
        says="expected a record",
        id="visit-text",
    ),
    refused(
        USAGE, "summary", DB, "--visit", "0", "--out", "x.pdf", says="start at 1", id="visit-0"
    ),
    refused(
        USAGE,
        "summary",
        DB,
        "--visit",
        "-5",
        "--out",
        "x.pdf",
        says="start at 1",
        id="visit-negative",
    ),
    refused(
        USAGE,
        "summary",
        DB,
        "--visit",
        "9" * 30,
        "--out",
        "x.pdf",
        says="no record has a number as large as",
        id="visit-huge",
    ),
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        str(2**31 - 1),
        "--out",
        "{dir}/x.pdf",
        says="No visit with id 2147483647.",
        id="visit-largest",
    ),
    refused(
        ERROR,
        "report",
        DB,
        "--patient",
        "999",
        "--out",
        "{dir}/r.pdf",
        says="No patient with id 999.",
        id="patient-missing",
    ),
    refused(
        ERROR,
        "report",
        DB,
        "--patient",
        "1",
        "--episode",
        "99999",
        "--out",
        "{dir}/r.pdf",
        says="No episode with id 99999.",
        id="episode-missing",
    ),
    # Output paths.
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        "1",
        "--out",
        "{dir}/a folder",
        says="is a folder",
        id="out-folder",
    ),
    refused(ERROR, "summary", DB, "--visit", "1", "--out", "", says="is a folder", id="out-empty"),
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        "1",
        "--out",
        "{dir}/gone/x.pdf",
        says="does not exist",
        id="out-missing-folder",
    ),
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        "1",
        "--out",
        f"{{dir}}/{LONG_NAME}.pdf",
        says="File name too long",
        id="out-name-too-long",
    ),
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        "1",
        "--out",
        "{dir}/x.pdf",
        "--next-appointment",
        "\x1b[31mThursday",
        says="contains control characters",
        id="appointment-escape",
    ),
    refused(
        ERROR,
        "summary",
        DB,
        "--visit",
        "1",
        "--out",
        "{dir}/x.pdf",
        "--next-appointment",
        "z" * 100_000,
        says="at most 200 characters",
        id="appointment-100k",
    ),
    refused(
        USAGE,
        "export",
        DB,
        "--patient",
        "1",
        "--all",
        "--format",
        "csv",
        "--out",
        "x",
        says="not allowed with argument",
        id="export-patient-and-all",
    ),
    refused(
        USAGE,
        "export",
        DB,
        "--all",
        "--format",
        "docx",
        "--out",
        "x",
        says="invalid choice",
        id="export-format",
    ),
    refused(
        ERROR,
        "export",
        DB,
        "--all",
        "--format",
        "csv",
        "--out",
        "{dir}/notes.txt",
        says="is a file; give the name of a new folder",
        id="export-onto-file",
    ),
    refused(
        ERROR,
        "export",
        DB,
        "--all",
        "--format",
        "fhir",
        "--out",
        "/proc/imsdesk-export",
        says="Cannot write /proc/imsdesk-export",
        id="export-into-proc",
    ),
    refused(
        ERROR,
        "export",
        DB,
        "--all",
        "--format",
        "csv",
        "--out",
        f"{{dir}}/{LONG_NAME}",
        says="File name too long",
        id="export-name-too-long",
    ),
    refused(
        ERROR,
        "export",
        DB,
        "--patient",
        "1",
        "--format",
        "pdf",
        "--out",
        "{dir}/a folder",
        says="is a folder",
        id="export-pdf-onto-folder",
    ),
    # Backup and restore.
    refused(
        ERROR,
        "backup",
        DB,
        "--out",
        "{dir}/notes.txt",
        says="Cannot back up to",
        id="backup-onto-file",
    ),
    refused(
        ERROR,
        "backup",
        DB,
        "--out",
        f"{{dir}}/{LONG_NAME}",
        says="Cannot back up to",
        id="backup-long",
    ),
    refused(
        ERROR,
        "backup",
        "--db",
        "postgresql://u@127.0.0.1:1/x",
        says="SQLite database files only",
        id="backup-server",
    ),
    refused(
        ERROR,
        "restore",
        DB,
        "{dir}/a folder",
        says="There is no backup file at",
        id="restore-folder",
    ),
    refused(
        ERROR, "restore", DB, "{dir}/notes.txt", says="not an imsdesk backup", id="restore-text"
    ),
    refused(
        ERROR, "restore", DB, "{dir}/empty.csv", says="not an imsdesk backup", id="restore-empty"
    ),
    refused(ERROR, "restore", DB, "", says="There is no backup file at", id="restore-blank"),
    refused(
        ERROR,
        "restore",
        DB,
        "{dir}/clinic.sqlite",
        says="is the database itself",
        id="restore-self",
    ),
    # Importing patients.
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/a folder",
        says="is a folder; give the CSV",
        id="import-folder",
    ),
    refused(
        ERROR, "import", "patients", DB, "{dir}/gone.csv", says="cannot read", id="import-missing"
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/empty.csv",
        says="The file is empty",
        id="import-empty",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/binary.csv",
        says="not a text file",
        id="import-binary",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/wide.csv",
        "--yes",
        says="Nothing was imported",
        id="import-60000-columns",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/control.csv",
        "--yes",
        says="No row of control.csv can be imported",
        id="import-control-character",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/dates.csv",
        "--yes",
        says="No row of dates.csv can be imported",
        id="import-impossible-dates",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/rtl.csv",
        "--column",
        "=x",
        says="HEADER=FIELD",
        id="import-column-blank",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/rtl.csv",
        "--column",
        "Chart=bogus",
        says="'bogus' is not a patient field",
        id="import-column-field",
    ),
    refused(
        ERROR,
        "import",
        "patients",
        DB,
        "{dir}/rtl.csv",
        "--encoding",
        "utf-16",
        says="is not UTF-16",
        id="import-wrong-encoding",
    ),
    refused(
        USAGE,
        "import",
        "patients",
        DB,
        "{dir}/rtl.csv",
        "--date-order",
        "xyz",
        says="invalid choice",
        id="import-date-order",
    ),
    # Clinic settings.
    refused(
        USAGE, "settings", DB, "--idle-lock", "-5", says="cannot be negative", id="idle-negative"
    ),
    refused(
        ERROR,
        "settings",
        DB,
        "--idle-lock",
        "9" * 25,
        says="The idle lock is 1 to 240 minutes.",
        id="idle-huge",
    ),
    refused(
        USAGE,
        "settings",
        DB,
        "--screen-interval",
        "½",
        says="expected a whole number",
        id="interval-half",
    ),
    refused(USAGE, "settings", DB, "--paper", "A5", says="invalid choice", id="paper-a5"),
    refused(
        ERROR, "settings", DB, "--backup-every", "0", says="1 to 24 hours", id="backup-every-0"
    ),
    refused(
        ERROR, "settings", DB, "--logo", "{dir}/notes.txt", says="not a picture", id="logo-text"
    ),
    refused(
        ERROR,
        "settings",
        DB,
        "--logo",
        "{dir}/a folder",
        says="cannot be read (Is a directory)",
        id="logo-folder",
    ),
    refused(
        ERROR,
        "settings",
        DB,
        "--clinic-name",
        "Harbour\x07",
        says="control characters",
        id="clinic-bell",
    ),
    refused(
        ERROR, "settings", DB, "--clinic-name", "x" * 300, says="the limit is 200", id="clinic-300"
    ),
    refused(
        ERROR,
        "settings",
        DB,
        "--clinic-phone",
        BROKEN,
        says="not valid text",
        id="clinic-broken-utf8",
    ),
    # Users.
    refused(
        ERROR,
        "user",
        "add",
        DB,
        "--username",
        "a b",
        "--name",
        "A",
        "--role",
        "admin",
        "--password-stdin",
        says="letters, digits",
        id="user-space",
    ),
    refused(
        ERROR,
        "user",
        "add",
        DB,
        "--username",
        "kim",
        "--name",
        BROKEN,
        "--role",
        "admin",
        "--password-stdin",
        says="not valid text",
        id="user-name-broken-utf8",
    ),
    refused(
        USAGE,
        "user",
        "add",
        DB,
        "--username",
        "kim",
        "--name",
        "K",
        "--role",
        "root",
        says="invalid choice",
        id="user-role",
    ),
    refused(
        ERROR,
        "user",
        "add",
        DB,
        "--username",
        "kim",
        "--name",
        "K",
        "--role",
        "admin",
        says="no terminal to ask for the password",
        id="user-no-terminal",
    ),
    refused(
        ERROR,
        "user",
        "password",
        DB,
        "--username",
        "nobody",
        "--password-stdin",
        says="No user named nobody.",
        id="password-nobody",
    ),
    # Demo data.
    refused(
        USAGE, "demo-data", DB, "--patients", "-1", says="cannot be negative", id="demo-negative"
    ),
    refused(USAGE, "demo-data", DB, "--patients", "9" * 12, says="at most 100000", id="demo-huge"),
    refused(
        USAGE, "demo-data", DB, "--as-of", "2026-02-30", says="is not a real date", id="demo-feb-30"
    ),
    refused(USAGE, "demo-data", DB, "--as-of", "26-1-1", says="YYYY-MM-DD", id="demo-short-year"),
    refused(
        ERROR,
        "demo-data",
        DB,
        "--as-of",
        "9999-12-31",
        says="between 1900-01-01 and today",
        id="demo-future",
    ),
    refused(
        ERROR,
        "demo-data",
        DB,
        "--as-of",
        "0001-01-01",
        says="between 1900-01-01 and today",
        id="demo-year-1",
    ),
    refused(USAGE, "demo-data", DB, "--seed", "x", says="invalid int value", id="demo-seed"),
]


@pytest.mark.parametrize(("argv", "code", "says"), REFUSALS)
def test_a_bad_argument_is_one_line_and_a_failing_exit(
    place: Path, argv: list[str], code: int, says: str, capsys, monkeypatch
):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    database = place / "clinic.sqlite"
    tables, files = row_counts(database), listing(place)
    exit_code, _out, err = run([a.replace("{dir}", str(place)) for a in argv], capsys)
    assert exit_code == code, err
    assert err.count("\n") == 1 and err.startswith("imsdesk"), err
    assert says in err
    assert "Traceback" not in err
    assert row_counts(database) == tables, "nothing half-written"
    assert listing(place) == files, "no stray file left behind"


def test_a_password_that_is_not_utf8_is_refused(place: Path, capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe-secret-pass\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    argv = ["user", "add", f"--db={place}/clinic.sqlite", "--username", "kim", "--name", "Kim"]
    code, _, err = run([*argv, "--role", "admin", "--password-stdin"], capsys)
    assert (code, err) == (1, "imsdesk: error: the password on standard input is not UTF-8 text\n")


def test_right_to_left_and_emoji_arguments_are_stored_exactly(place: Path, capsys):
    clinic = f"--db={place}/clinic.sqlite"
    code, out, err = run(["settings", clinic, "--clinic-name", "عيادة النور 🌿"], capsys)
    assert (code, err) == (0, "")
    assert "clinic name: عيادة النور 🌿\n" in out
    code, out, err = run(["import", "patients", clinic, f"{place}/rtl.csv", "--yes"], capsys)
    assert (code, err) == (0, "")
    opened = open_clinic_database(str(place / "clinic.sqlite"))
    try:
        names = {
            p.chart_number: (p.family_name, p.given_names)
            for p in PatientService(opened.db).search("")
        }
    finally:
        opened.db.close()
    assert names["7"] == ("الحسيني", "مريم") and names["8"] == ("כהן", "שרה 😀")


def test_the_database_is_sound_after_every_bad_argument(place: Path, capsys):
    code, out, _ = run(["check", f"--db={place}/clinic.sqlite"], capsys)
    assert code == 0 and "integrity:      ok" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--db", "sqlite://"],
        ["summary", "--visit", "9" * 30, "--out", "x.pdf"],
        ["settings", "--db", "{dir}/clinic.sqlite", "--clinic-name", b"M\xfcller"],
    ],
    ids=["memory-database", "huge-record-number", "argument-not-utf8"],
)
def test_the_real_command_prints_one_line_and_no_traceback(place: Path, argv: list):
    """The same through a real process: its arguments arrive as the operating system's bytes."""
    args = [a if isinstance(a, bytes) else a.replace("{dir}", str(place)).encode() for a in argv]
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"imsdesk", *args], capture_output=True, timeout=120
    )
    assert result.returncode in (1, 2)
    assert result.stderr.count(b"\n") == 1 and result.stderr.startswith(b"imsdesk"), result.stderr
