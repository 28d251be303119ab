"""`imsdesk audit`: a chart's trail or the clinic's log, printed or saved as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.services.audit import AuditService
from imsdesk.services.database import open_clinic_database
from tests.reports.charted_course import Course


def lines(capsys: pytest.CaptureFixture[str]) -> list[list[str]]:
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_a_charts_trail_is_printed_newest_first(clinic: tuple[str, Course], capsys):
    url, course = clinic
    assert main(["audit", "--db", url, "--patient", str(course.patient_id)]) == 0
    printed = lines(capsys)
    assert printed[-1][3:5] == ["create", "Patient"]  # the oldest: the chart was made
    signed = [row[4].split(" (")[0] for row in printed if row[3] == "sign"]
    assert signed == sorted(signed, reverse=True) and len(signed) >= 2
    assert all(name.startswith("Visit #") for name in signed)
    assert all(len(row) == 6 for row in printed)
    times = [row[0] for row in printed]
    assert times == sorted(times, reverse=True)


def test_the_clinic_log_filtered_and_saved_as_csv_is_audited(
    clinic: tuple[str, Course], tmp_path: Path, capsys
):
    url, _course = clinic
    out = tmp_path / "signed.csv"
    args = ["audit", "--db", url, "--action", "sign", "--user", "amorgan", "--out", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == f"Exported 2 audit entries to {out}."
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["user"], r["action"], r["record_kind"]) for r in rows] == [
        ("amorgan", "sign", "visit"),
        ("amorgan", "sign", "visit"),
    ]
    assert rows[0]["record"].startswith("NGUYỄN, Thị Hồng (#D000123) · visit #")
    opened = open_clinic_database(url)
    try:
        (export,) = AuditService(opened.db).for_record("audit_log", None)  # type: ignore[arg-type]
    finally:
        opened.db.close()
    assert export.user_id is None and export.detail == (
        f"audit log (action sign, user amorgan) to {out}"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody"], "No user named nobody."),
        (["--patient", "999"], "No patient with id 999."),
        (["--since", "2026-03-02", "--until", "2026-03-01"], "The first day comes after"),
        (["--patient", "1", "--user", "amorgan"], "--patient shows the whole chart"),
        (["--out", "/no/such/folder/a.csv"], "Cannot write /no/such/folder/a.csv"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_1(clinic, capsys, args, message):
    url, _course = clinic
    assert main(["audit", "--db", url, *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"imsdesk: error: {message}") and err.count("\n") == 1
