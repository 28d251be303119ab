"""`imsdesk import patients` and `imsdesk export` end to end on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.services.database import open_clinic_database
from imsdesk.services.patients import PatientService
from tests.cli.test_report_commands import one_error_line

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'clinic.sqlite'}"


def run(url: str, *args: object) -> int:
    return main(["--db", url, *[str(a) for a in args]])


def patient_count(url: str) -> int:
    opened = open_clinic_database(url)
    try:
        return PatientService(opened.db).count("")
    finally:
        opened.db.close()


def test_import_shows_the_preview_and_needs_a_confirmation(url, capsys):
    source = FIXTURES / "semicolon_bom_dmy.csv"
    assert run(url, "import", "patients", source, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "UTF-8 with byte-order mark, semicolon (;)" in out
    assert "Surname -> Family name" in out
    assert "day/month/year" in out
    assert "line 7: cannot import: Date of birth: '31/02/1980' is not a real date." in out
    assert "dry run: 4 patients would be imported; nothing was written" in out
    assert patient_count(url) == 0

    assert run(url, "import", "patients", source) == 1  # no terminal to answer: no import
    assert "nothing was imported" in capsys.readouterr().err
    assert patient_count(url) == 0

    assert run(url, "import", "patients", source, "--yes") == 0
    assert "Imported 4 patients from semicolon_bom_dmy.csv; skipped 3 rows." in (
        capsys.readouterr().out
    )
    assert patient_count(url) == 4


def test_import_takes_the_date_order_and_column_choices(url, capsys):
    source = FIXTURES / "ambiguous_dates.csv"
    assert run(url, "import", "patients", source, "--dry-run") == 1
    assert "No row of ambiguous_dates.csv can be imported" in one_error_line(capsys)
    assert (
        run(
            url,
            "import",
            "patients",
            source,
            "--date-order",
            "mdy",
            "--column",
            "Chart=ignore",
            "--yes",
        )
        == 0
    )
    assert "Imported 2 patients" in capsys.readouterr().out
    opened = open_clinic_database(url)
    try:
        (rossi,) = PatientService(opened.db).search("rossi")
    finally:
        opened.db.close()
    assert rossi.date_of_birth.isoformat() == "1970-03-04" and rossi.chart_number == "1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.csv",), "cannot read"),
        (("{fixture}", "--column", "Nope=family_name"), "has no column 'Nope'"),
        (("{fixture}", "--column", "Surname=age"), "'age' is not a patient field"),
        (("{fixture}", "--encoding", "utf-16"), "not UTF-16"),
    ],
)
def test_import_errors_are_one_line(url, capsys, tmp_path, args, message):
    fixture = str(FIXTURES / "semicolon_bom_dmy.csv")
    args = [a.replace("{fixture}", fixture) for a in args]
    if args[0] == "missing.csv":
        args[0] = str(tmp_path / "missing.csv")
    assert run(url, "import", "patients", *args, "--yes") == 1
    assert message in one_error_line(capsys)
    assert patient_count(url) == 0


def test_export_one_patient_and_the_clinic(url, tmp_path, capsys):
    assert run(url, "import", "patients", FIXTURES / "semicolon_bom_dmy.csv", "--yes") == 0
    assert run(url, "demo-data", "--patients", "3", "--as-of", "2026-11-20") == 0
    capsys.readouterr()
    assert run(url, "export", "--patient", 1, "--format", "fhir", "--out", tmp_path / "a.json") == 0
    assert "exported 1 patient as FHIR R4 bundle (JSON)" in capsys.readouterr().out
    bundle = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert bundle["entry"][0]["resource"]["name"][0]["family"] == "Müller"
    assert run(url, "export", "--patient", 1, "--format", "pdf", "--out", tmp_path / "a.pdf") == 0
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert run(url, "export", "--all", "--format", "csv", "--out", tmp_path / "all") == 0
    assert "exported 7 patients as CSV tables" in capsys.readouterr().out
    assert (tmp_path / "all" / "README.txt").exists()

    assert run(url, "export", "--all", "--format", "csv", "--out", tmp_path / "all") == 1
    assert "is not empty" in one_error_line(capsys)
    assert run(url, "export", "--patient", 99, "--format", "pdf", "--out", tmp_path / "b.pdf") == 1
    assert "No patient with id 99" in one_error_line(capsys)
    assert not (tmp_path / "b.pdf").exists()
