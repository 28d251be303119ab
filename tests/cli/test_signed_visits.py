"""No imsdesk command changes a signed visit: every command the CLI offers is run against
a clinic with signed visits, and their records are the same row for row afterwards."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from sqlalchemy import text

from imsdesk.cli import main
from imsdesk.cli.main import build_parser
from imsdesk.services.database import open_clinic_database

# Every table that holds part of a visit's record.
VISIT_TABLES = (
    "visits",
    "muscle_findings",
    "needle_sites",
    "exam_signs",
    "outcome_scores",
    "pain_areas",
    "amendments",
)


def cli_commands() -> set[str]:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(commands.choices)


def signed_records(url: str, visit_ids: tuple[int, ...]) -> dict[str, list[dict]]:
    opened = open_clinic_database(url)
    try:
        with opened.db.engine.connect() as connection:
            ids = ", ".join(str(i) for i in visit_ids)
            return {
                table: [
                    dict(row._mapping)
                    for row in connection.execute(
                        text(
                            f"SELECT * FROM {table} WHERE "
                            f"{'id' if table == 'visits' else 'visit_id'} IN ({ids}) ORDER BY id"
                        )
                    )
                ]
                for table in VISIT_TABLES
            }
    finally:
        opened.db.close()


def test_no_command_changes_a_signed_visit(clinic, tmp_path: Path, monkeypatch):
    url, course = clinic
    signed = course.visit_ids[:2]
    before = signed_records(url, signed)
    assert before["visits"] and before["needle_sites"]
    assert {row["status"] for row in before["visits"]} == {"signed"}

    patient_list = tmp_path / "patients.csv"
    patient_list.write_text("Family name,Given names,Date of birth\nNguyen,An,1971-03-09\n")
    assert main(["backup", "--db", url, "--out", str(tmp_path / "earlier")]) == 0
    (earlier,) = (tmp_path / "earlier").iterdir()
    # Each command, with the arguments that make it write what it can write.
    runs = {
        "check": [],
        "settings": ["--clinic-name", "Harbour IMS", "--screen-interval", "90"],
        "demo-data": ["--patients", "2", "--seed", "3"],
        "summary": ["--visit", signed[0], "--out", tmp_path / "summary.pdf"],
        "report": ["--patient", course.patient_id, "--out", tmp_path / "report.pdf"],
        "import": ["patients", patient_list, "--yes"],
        "export": ["--all", "--format", "csv", "--out", tmp_path / "export"],
        "user": [
            *("add", "--username", "robin", "--name", "Robin Reyes"),
            *("--role", "front_desk", "--password-stdin"),
        ],
        "audit": ["--patient", course.patient_id, "--out", tmp_path / "audit.csv"],
        "backup": ["--out", tmp_path / "usb"],
        "restore": [earlier],
        "encrypt": [],  # the passphrase from the environment, below
        "decrypt": ["--out", tmp_path / "plain-copy.sqlite"],
    }
    monkeypatch.setattr("sys.stdin", io.StringIO("a front desk password\n"))
    monkeypatch.setenv("IMSDESK_PASSPHRASE", "lantern orchard seventeen")
    # A new command must be judged here too: does it write to visits?
    assert set(runs) | {"gui"} == cli_commands()
    for command, args in runs.items():
        assert main([command, "--db", url, *[str(a) for a in args]]) == 0, command

    assert signed_records(url, signed) == before
