"""Killing a charting workstation at random moments, 50 times: after each kill the file passes
SQLite's integrity check and every edit the services reported committed is in it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.database import open_clinic_database
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from tests.e2e.charting_worker import OPENED

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


def test_fifty_kills_while_charting_lose_no_committed_edit(tmp_path: Path):
    database, log = tmp_path / "clinic.sqlite", tmp_path / "committed.log"
    opened = open_clinic_database(str(database))
    therapist = UserService(opened.db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(opened.db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    opened.db.close()
    ids = (str(therapist.id), str(patient.id))
    dice = random.Random(8)  # random moments, the same ones on every run
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.charting_worker", str(database), str(log), *ids],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        for kill in range(KILLS):
            logged_before = _lines(log)
            worker.stdin.write("chart\n")
            worker.stdin.flush()
            charting = int(worker.stdout.readline())
            if kill % 10 == 0:  # now and then while it opens the database (recovery, checks)
                time.sleep(dice.uniform(0, 0.05))
            else:  # after a random number of edits, a random moment into the next one
                edits = dice.randint(1, 6)
                _wait_until(lambda n=logged_before + edits: _lines(log) >= n)
                time.sleep(dice.uniform(0, 0.03))
            os.kill(charting, signal.SIGKILL)
            assert worker.stdout.readline().strip() == "died"

            assert _integrity(database) == "ok", f"after kill {kill + 1}"
            missing = _missing_edits(database, log)
            assert not missing, f"after kill {kill + 1}: {missing[:5]}"
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)

    edits = [line for line in log.read_text().splitlines() if line != OPENED]
    assert len(edits) >= KILLS  # the kills came while charting, not before it began


def _lines(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def _wait_until(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the charting process stopped charting"
        time.sleep(0.002)


def _integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as connection:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))


def _missing_edits(database: Path, log: Path) -> list[str]:
    """Each logged edit not found in the database (a note may be newer than its log line)."""
    with closing(sqlite3.connect(database)) as connection:
        visits = dict(connection.execute("SELECT id, subjective FROM visits"))
        findings = set(
            connection.execute("SELECT visit_id, muscle_key, side, severity FROM muscle_findings")
        )
    missing = []
    newest_note: dict[tuple[int, str], int] = {}
    for line in log.read_text().splitlines():
        kind, *parts = line.split()
        if kind == "visit" and int(parts[0]) not in visits:
            missing.append(line)
        elif kind == "finding":
            visit, muscle, side, severity = int(parts[0]), parts[1], parts[2], int(parts[3])
            if (visit, muscle, side, severity) not in findings:
                missing.append(line)
        elif kind == "note":
            newest_note[(int(parts[0]), parts[1])] = int(parts[2])
    for (visit, process), edit in newest_note.items():
        stored = visits.get(visit, "").split(" ", 1)[0]  # "<process>:<edit>"
        stored_process, _, stored_edit = stored.partition(":")
        if stored_process != process or int(stored_edit or 0) < edit:
            missing.append(f"note {visit} {process} {edit} (stored: {stored!r})")
    return missing
